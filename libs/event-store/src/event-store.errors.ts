/** A lost race or a stale expected revision. The HTTP edge maps it to 409, or 412 after a stale If-Match. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream' | 'any',
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`);
  }
}

/** The idempotency key was already used (possibly by a concurrent request): read it back. */
export class IdempotencyKeyTakenError extends Error {
  override readonly name = 'IdempotencyKeyTakenError';
  constructor(readonly key: string) {
    super('Idempotency key already used');
  }
}

/** The store cannot be reached or cannot write (HTTP 503 with Retry-After). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * An event id the log already holds. Ids are derived from idempotency keys, so this is a retried
 * append whose key record is missing: a caller bug to surface, never to swallow.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId}: an event id of this append is already in the log`);
  }
}
