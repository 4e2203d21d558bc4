import type { EventStore } from '@vigie/event-store';
import { ProjectionCheckpoint, READ_MODEL_NAMES, type Projector } from '@vigie/read-models';
import type { DataSource } from 'typeorm';

/** Where one read model stands, for `/metrics`. */
export interface ProjectionStatus {
  name: string;
  position: bigint;
  lagEvents: number;
  lagSeconds: number;
  /** Known only to the process that projects (inline); null when it runs elsewhere. */
  eventsPerSecond: number | null;
}

/**
 * Inline, the projector's own figures. With `VIGIE_PROJECTOR=off` the projector runs elsewhere:
 * positions come from the checkpoints committed in the read database, the lag in events from the
 * head of the log, and the lag in seconds is the age of the oldest event not yet applied.
 */
export async function projectionStatuses(
  projector: Projector | null,
  dataSource: DataSource,
  store: EventStore,
  now: Date,
): Promise<ProjectionStatus[]> {
  if (projector !== null) {
    return projector.metrics().map(({ name, position, lagEvents, lagSeconds, eventsPerSecond }) => ({
      name,
      position,
      lagEvents,
      lagSeconds,
      eventsPerSecond,
    }));
  }
  const [rows, head] = await Promise.all([
    dataSource.getRepository(ProjectionCheckpoint).find(),
    store.headPosition(),
  ]);
  const positions = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
  const ages = new Map<bigint, number>();
  const ageAfter = async (position: bigint): Promise<number> => {
    if (!ages.has(position)) {
      const [oldest] = await store.readAll(position, 1);
      const recorded = oldest === undefined ? now.getTime() : Date.parse(oldest.recordedAt);
      ages.set(position, Math.max(0, now.getTime() - recorded) / 1000);
    }
    return ages.get(position)!;
  };
  const statuses: ProjectionStatus[] = [];
  for (const name of READ_MODEL_NAMES) {
    const position = positions.get(name) ?? 0n;
    const behind = head > position;
    statuses.push({
      name,
      position,
      lagEvents: behind ? Number(head - position) : 0,
      lagSeconds: behind ? await ageAfter(position) : 0,
      eventsPerSecond: null,
    });
  }
  return statuses;
}
