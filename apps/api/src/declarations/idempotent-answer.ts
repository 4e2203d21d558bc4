import type { EventStore, IdempotencyRecord, StoredIdempotency } from '@vigie/event-store';
import type { CommandContext } from './command-context';
import { IdempotencyKeyReused } from './command-problems';

/** What a keyed request stores with its events, for a retry to be answered the same; none without a key. */
export function idempotencyRecordOf(
  context: CommandContext,
  response: IdempotencyRecord['response'],
): IdempotencyRecord | undefined {
  return context.idempotencyKey === null
    ? undefined
    : { key: context.idempotencyKey, requestHash: context.requestHash, response };
}

/**
 * The record of an earlier request with this request's key, null when there is none. The hash
 * covers method, path and body: the same key on another request is refused (422).
 */
export async function earlierAnswer(
  store: EventStore,
  context: CommandContext,
): Promise<StoredIdempotency | null> {
  if (context.idempotencyKey === null) return null;
  const stored = await store.findIdempotency(context.idempotencyKey);
  if (stored === null) return null;
  if (stored.requestHash !== context.requestHash) throw new IdempotencyKeyReused();
  return stored;
}
