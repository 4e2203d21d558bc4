import {
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';

/**
 * Node socket errors, SQLSTATE class 08 (connection exception) and the server-side states in
 * which it cannot take work: shutting down, starting, out of connections or disk, read-only standby.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '53100',
  '25006',
]);

/** pg reports a lost or refused connection with these messages and no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /client was closed/i,
  /not currently accepting connections/i,
];

interface PgErrorLike {
  message: string;
  code?: unknown;
  constraint?: unknown;
}

function isPgErrorLike(error: unknown): error is PgErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!isPgErrorLike(error)) return false;
  const code = typeof error.code === 'string' ? error.code : '';
  return (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))
  );
}

export type UniqueViolation = 'stream-revision' | 'event-id' | 'idempotency-key';

/** Which of the log's unique constraints a write broke, if any (constraint names are set by the migration). */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  if (!isPgErrorLike(error) || error.code !== '23505') return null;
  switch (error.constraint) {
    case 'events_stream_revision_unique':
      return 'stream-revision';
    case 'events_event_id_unique':
      return 'event-id';
    case 'idempotency_key_pkey':
      return 'idempotency-key';
    default:
      return null;
  }
}

/** Maps what the driver threw to the port's errors; a stream-revision violation needs a read, so the store maps it. */
export function toStoreError(
  error: unknown,
  context: { streamId?: string; idempotencyKey?: string } = {},
): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isUnavailable(error)) {
    return new StoreUnavailableError(
      `PostgreSQL event store unavailable: ${(error as PgErrorLike).message}`,
      error,
    );
  }
  const violation = uniqueViolation(error);
  if (violation === 'idempotency-key' && context.idempotencyKey !== undefined)
    return new IdempotencyKeyTakenError(context.idempotencyKey);
  if (violation === 'event-id' && context.streamId !== undefined)
    return new DuplicateEventIdError(context.streamId);
  return error;
}
