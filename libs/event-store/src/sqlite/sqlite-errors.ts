import {
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';

/** SQLite result codes meaning the file cannot be read or written right now (extended codes start with these). */
const UNAVAILABLE_CODES = [
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PERM',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
];

/**
 * Errors are recognised by code and message, not by class: the native addon throws from the main
 * realm, where `instanceof` against another realm's Error (jest's sandbox) is false.
 */
export function toStoreError(error: unknown, streamId?: string, idempotencyKey?: string): unknown {
  if (!isErrorLike(error)) return error;
  const code = error.code;
  if (typeof code === 'string') {
    if (
      code === 'SQLITE_CONSTRAINT_PRIMARYKEY' &&
      idempotencyKey !== undefined &&
      error.message.includes('idempotency.key')
    ) {
      return new IdempotencyKeyTakenError(idempotencyKey);
    }
    if (
      code === 'SQLITE_CONSTRAINT_UNIQUE' &&
      streamId !== undefined &&
      error.message.includes('events.event_id')
    ) {
      return new DuplicateEventIdError(streamId);
    }
    if (UNAVAILABLE_CODES.some((prefix) => code.startsWith(prefix))) {
      return new StoreUnavailableError(`SQLite event store unavailable: ${describe(error)}`, error);
    }
  }
  if (error.message.includes('connection is not open')) {
    return new StoreUnavailableError('SQLite event store is closed', error);
  }
  return error;
}

function isErrorLike(error: unknown): error is { message: string; code?: unknown } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function describe(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  return typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message;
}
