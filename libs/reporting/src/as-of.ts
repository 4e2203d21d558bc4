import {
  evolveFacts,
  snapshotFromFacts,
  type AnnualStatisticsSnapshot,
  type DeclarationEvent,
  type DeclarationFacts,
} from '@vigie/domain';
import type { EventStore, RecordedEvent } from '@vigie/event-store';
import { buildAnnualReport, type AnnualReport } from './annual-report';

export interface ReadProgress {
  /** Position of the last event read. */
  position: bigint;
  /** The log's head when reading started. */
  head: bigint;
  events: number;
}

const PAGE_SIZE = 1000;

/**
 * The report as it stood at `asOf`, replayed from the log: only events recorded up to `asOf`
 * count. The whole log is read (an import may record old instants at new positions), but only one
 * facts record per declaration is held, so memory grows with declarations, not with events.
 */
export async function reportAsOf(
  store: EventStore,
  year: number,
  asOf: Date,
  onProgress?: (progress: ReadProgress) => void,
): Promise<AnnualReport> {
  const head = await store.headPosition();
  const fold = asOfFold(year, asOf);
  let position = 0n;
  let events = 0;
  for (;;) {
    const page = await store.readAll(position, PAGE_SIZE);
    if (page.length === 0) break;
    for (const recorded of page) fold.add(recorded);
    position = page[page.length - 1].position;
    events += page.length;
    onProgress?.({ position, head, events });
    if (page.length < PAGE_SIZE) break;
  }
  return buildAnnualReport(fold.snapshot(), {
    asOf: asOf.toISOString(),
    generatedAt: new Date().toISOString(),
    position: position.toString(),
  });
}

export type LoggedEvent = Pick<RecordedEvent, 'streamId' | 'type' | 'data' | 'recordedAt'>;

/** The pure part of `reportAsOf`: fold logged events, in log order, into one facts record per declaration. */
export function asOfFold(year: number, asOf: Date) {
  const facts = new Map<string, DeclarationFacts | null>();
  const until = asOf.getTime();
  return {
    add(recorded: LoggedEvent): void {
      if (!recorded.streamId.startsWith('declaration-') || !(Date.parse(recorded.recordedAt) <= until))
        return;
      const event = { type: recorded.type, data: recorded.data } as DeclarationEvent;
      const id =
        typeof recorded.data.declarationId === 'string' ? recorded.data.declarationId : recorded.streamId;
      // null: a declaration of another year, which can never move into this report.
      if (facts.has(id) && facts.get(id) === null) return;
      const after = evolveFacts(facts.get(id) ?? null, event);
      if (after === null) return;
      facts.set(id, after.year === year || after.year === year - 1 ? after : null);
    },
    snapshot(): AnnualStatisticsSnapshot {
      const counted = [...facts.values()].filter((value): value is DeclarationFacts => value !== null);
      return snapshotFromFacts(year, counted);
    },
  };
}
