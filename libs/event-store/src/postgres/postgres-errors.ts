import { isPostgresUnavailable } from '@vigie/postgres';
import {
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';

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

/** The server or the network cannot take work now: the one list of @vigie/postgres. */
export const isUnavailable = (error: unknown): boolean =>
  error instanceof StoreUnavailableError || isPostgresUnavailable(error);

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
