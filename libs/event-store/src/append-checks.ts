import type { ExpectedRevision, NewEvent } from './event-store.port';
import { ConcurrencyError } from './event-store.errors';

/** The SQL adapters check inside their write transaction; EventStoreDB checks server-side. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | null,
): void {
  const actual = current ?? 'no_stream';
  if (expected === 'any') return;
  if (expected === 'no_stream' ? current !== null : current !== expected) {
    throw new ConcurrencyError(streamId, expected, actual);
  }
}

/** An empty append has no revision nor position to answer with: a caller bug, refused early. */
export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (events.length === 0) throw new RangeError(`Stream ${streamId}: an append needs at least one event`);
}

export function assertReadLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`readAll limit must be a non-negative integer, got ${limit}`);
}
