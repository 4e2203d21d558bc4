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
  idempotency?: IdempotencyRecord;
}

/**
 * Decides every request as if it were appended after the ones before it: each sees the revisions,
 * keys and ids of the earlier ones. Throws the first refusal, so the caller rolls everything back.
 * The key is checked before the revision: a retry whose stream has moved on must still learn that
 * its first attempt succeeded, not that it lost a race.
 */
export function planAppends(
  requests: readonly AppendRequest[],
  state: LogState,
  now: () => Date,
): { columns: EventColumns; appends: PlannedAppend[] } {
  const revisions = new Map(state.revisions);
  const takenKeys = new Set(state.takenKeys);
  const eventIds = new Set(state.eventIds);
  const columns: EventColumns = {
    eventIds: [],
    streamIds: [],
    revisions: [],
    types: [],
    data: [],
    metadata: [],
    recordedAt: [],
  };
  const appends = requests.map(({ streamId, events, options }): PlannedAppend => {
    const { idempotency } = options;
    if (idempotency && takenKeys.has(idempotency.key)) throw new IdempotencyKeyTakenError(idempotency.key);
    const current = revisions.get(streamId) ?? null;
    checkExpectedRevision(streamId, options.expectedRevision, current);
    if (
      events.some((event) => eventIds.has(event.id)) ||
      new Set(events.map((event) => event.id)).size < events.length
    )
      throw new DuplicateEventIdError(streamId);
    const recordedAt = (options.recordedAt ?? now()).toISOString();
    let revision = current ?? -1;
    for (const event of events) {
      revision += 1;
      eventIds.add(event.id);
      columns.eventIds.push(event.id);
      columns.streamIds.push(streamId);
      columns.revisions.push(revision);
      columns.types.push(event.type);
      columns.data.push(JSON.stringify(event.data));
      columns.metadata.push(JSON.stringify(event.metadata));
      columns.recordedAt.push(recordedAt);
    }
    revisions.set(streamId, revision);
    if (idempotency) takenKeys.add(idempotency.key);
    return { streamId, revision, idempotency };
  });
  return { columns, appends };
}
