import { checkExpectedRevision } from '../append-checks';
import { DuplicateEventIdError, IdempotencyKeyTakenError } from '../event-store.errors';
import type { AppendRequest, IdempotencyRecord } from '../event-store.port';

/** What the log holds of the streams, keys and event ids a batch of appends names, read under the append lock. */
export interface LogState {
  revisions: Map<string, number>;
  takenKeys: Set<string>;
  eventIds: Set<string>;
}

/** Column arrays for one `INSERT … SELECT FROM unnest(…)`: one round trip for the whole batch. */
export interface EventColumns {
  eventIds: string[];
  streamIds: string[];
  revisions: number[];
  types: string[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
}

export interface PlannedAppend {
  streamId: string;
  /** Revision of the request's last event. */
  revision: number;
  /** Index of the request's last event in the batch's columns: its position is the append's. */
  lastEvent: number;
  idempotency?: IdempotencyRecord;
}

/**
 * A unit is what one caller submitted: one `append`, or one `appendMany` whose requests are
 * accepted or refused together. Its outcome is its planned appends, or its first refusal.
 */
export type PlannedUnit = { accepted: PlannedAppend[] } | { refused: unknown };

/**
 * Decides a batch of units in order, each as if appended after the accepted ones before it: it
 * sees their revisions, keys and event ids. A refused unit is set aside with its error and leaves
 * nothing behind (neither columns nor state), so the units after it are decided as if it had not
 * come. The key is checked before the revision: a retry whose stream has moved on must still learn
 * that its first attempt succeeded, not that it lost a race.
 */
export function planBatch(
  units: ReadonlyArray<readonly AppendRequest[]>,
  logState: LogState,
  now: () => Date,
): { columns: EventColumns; units: PlannedUnit[] } {
  const state: LogState = {
    revisions: new Map(logState.revisions),
    takenKeys: new Set(logState.takenKeys),
    eventIds: new Set(logState.eventIds),
  };
  const columns: EventColumns = {
    eventIds: [],
    streamIds: [],
    revisions: [],
    types: [],
    data: [],
    metadata: [],
    recordedAt: [],
  };
  const planned = units.map((requests): PlannedUnit => {
    const unit = new UnitState(state);
    let decided: Decided[];
    try {
      decided = requests.map((request) => unit.decide(request));
    } catch (refusal) {
      return { refused: refusal };
    }
    unit.mergeInto(state);
    return {
      accepted: decided.map(({ request, firstRevision, append }) => {
        pushColumns(columns, request, firstRevision, now);
        return { ...append, lastEvent: columns.eventIds.length - 1 };
      }),
    };
  });
  return { columns, units: planned };
}

interface Decided {
  request: AppendRequest;
  append: Omit<PlannedAppend, 'lastEvent'>;
  firstRevision: number;
}

/** The state as one unit changes it, kept apart from the batch's until the whole unit is accepted. */
class UnitState {
  private readonly revisions = new Map<string, number>();
  private readonly takenKeys = new Set<string>();
  private readonly eventIds = new Set<string>();

  constructor(private readonly batch: LogState) {}

  decide(request: AppendRequest): Decided {
    const { streamId, events, options } = request;
    const { idempotency } = options;
    if (idempotency && (this.takenKeys.has(idempotency.key) || this.batch.takenKeys.has(idempotency.key)))
      throw new IdempotencyKeyTakenError(idempotency.key);
    const current = this.revisions.get(streamId) ?? this.batch.revisions.get(streamId) ?? null;
    checkExpectedRevision(streamId, options.expectedRevision, current);
    const ids = new Set(events.map((event) => event.id));
    if (
      ids.size < events.length ||
      [...ids].some((id) => this.eventIds.has(id) || this.batch.eventIds.has(id))
    )
      throw new DuplicateEventIdError(streamId);
    const firstRevision = (current ?? -1) + 1;
    const revision = firstRevision + events.length - 1;
    this.revisions.set(streamId, revision);
    for (const id of ids) this.eventIds.add(id);
    if (idempotency) this.takenKeys.add(idempotency.key);
    return { request, firstRevision, append: { streamId, revision, idempotency } };
  }

  mergeInto(state: LogState): void {
    for (const [streamId, revision] of this.revisions) state.revisions.set(streamId, revision);
    for (const key of this.takenKeys) state.takenKeys.add(key);
    for (const id of this.eventIds) state.eventIds.add(id);
  }
}

function pushColumns(
  columns: EventColumns,
  { streamId, events, options }: AppendRequest,
  firstRevision: number,
  now: () => Date,
): void {
  const recordedAt = (options.recordedAt ?? now()).toISOString();
  events.forEach((event, index) => {
    columns.eventIds.push(event.id);
    columns.streamIds.push(streamId);
    columns.revisions.push(firstRevision + index);
    columns.types.push(event.type);
    columns.data.push(JSON.stringify(event.data));
    columns.metadata.push(JSON.stringify(event.metadata));
    columns.recordedAt.push(recordedAt);
  });
}
