/**
 * The one list of what says "PostgreSQL cannot take work now" (a 503 with Retry-After, a batch to
 * retry) rather than "this statement is wrong": Node socket errors, SQLSTATE class 08 (connection
 * exception) and the server-side states in which it cannot answer.
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
  // Shutting down (admin, crash), starting up.
  '57P01',
  '57P02',
  '57P03',
  // Cancelled: statement_timeout ran out, or an operator cancelled it.
  '57014',
  // Too many connections, out of disk, out of memory.
  '53300',
  '53100',
  '53200',
  // The database is gone (dropped, being restored).
  '3D000',
  // A read-only standby (after a failover, before promotion).
  '25006',
]);

/** pg reports these without a code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  // The client-side limit: the network went silent (see bounded-pool.ts).
  /query read timeout/i,
  /timeout expired/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /client was closed/i,
  // A database closed to connections (ALLOW_CONNECTIONS false): SQLSTATE 55000, which also names unrelated states.
  /database ".*" is not currently accepting connections/i,
];

interface ErrorLike {
  message: string;
  code?: unknown;
}

export const isErrorLike = (error: unknown): error is ErrorLike =>
  typeof error === 'object' && error !== null && typeof (error as ErrorLike).message === 'string';

/** Recognised by code and message: errors may come from another realm (jest's) or be wrapped by a driver. */
export function isPostgresUnavailable(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  const code = typeof error.code === 'string' ? error.code : '';
  return (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))
  );
}
