import { isErrorLike, isPostgresUnavailable } from '@vigie/postgres';

/**
 * A store could not be reached (as opposed to a query that is wrong): the answer is a 503 with
 * Retry-After. Written for the read database; it also catches what the other stores' drivers
 * throw unmapped (the key store, the record of reads). PostgreSQL's codes and messages are the
 * one list of @vigie/postgres; SQLite's are here. TypeORM wraps the driver's error in
 * `driverError`; errors are recognised by code and message, since better-sqlite3 throws from
 * another realm than jest's.
 */
const UNAVAILABLE_SQLITE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL'];

const UNAVAILABLE_MESSAGES = [
  // better-sqlite3 and TypeORM, on a connection closed or not yet open.
  /connection is not open/i,
  /connection is not yet established/i,
];

export function isReadDbUnavailable(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  const driverError = (error as { driverError?: unknown }).driverError;
  const cause = isErrorLike(driverError) ? driverError : error;
  const code = typeof cause.code === 'string' ? cause.code : '';
  return (
    isPostgresUnavailable(cause) ||
    UNAVAILABLE_SQLITE.some((prefix) => code.startsWith(prefix)) ||
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(cause.message))
  );
}
