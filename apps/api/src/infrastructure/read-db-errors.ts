/**
 * A store could not be reached (as opposed to a query that is wrong): the answer is a 503 with
 * Retry-After. Written for the read database; it also catches what the other stores' drivers
 * throw unmapped (the key store, the record of reads, a PostgreSQL event log closed to connections). TypeORM wraps the driver's error in `driverError`;
 * errors are recognised by code and message, since better-sqlite3 throws from another realm than jest's.
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
  // PostgreSQL: shutting down, starting, too many connections, out of memory or disk, database gone.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '53100',
  '53200',
  '3D000',
]);

const UNAVAILABLE_SQLITE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL'];

const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /client was closed/i,
  /connection is not open/i,
  /connection is not yet established/i,
  // A database closed to connections (ALLOW_CONNECTIONS false, being dropped or restored): SQLSTATE 55000,
  // which also names unrelated states; raised by the event store's pool as well as TypeORM's.
  /database ".*" is not currently accepting connections/i,
];

interface ErrorLike {
  name?: unknown;
  message: string;
  code?: unknown;
  driverError?: unknown;
}

const isErrorLike = (error: unknown): error is ErrorLike =>
  typeof error === 'object' && error !== null && typeof (error as ErrorLike).message === 'string';

export function isReadDbUnavailable(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  const cause = isErrorLike(error.driverError) ? error.driverError : error;
  const code = typeof cause.code === 'string' ? cause.code : '';
  return (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    UNAVAILABLE_SQLITE.some((prefix) => code.startsWith(prefix)) ||
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(cause.message))
  );
}
