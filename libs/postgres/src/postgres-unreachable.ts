import { DEFAULT_POSTGRES_LIMITS, type PostgresLimits } from './postgres-limits';

/**
 * A store could not open its first connection. Says where (the URL without its password) and why,
 * in words an operator acts on; the entry points add which variable named it.
 */
export class PostgresUnreachableError extends Error {
  override readonly name = 'PostgresUnreachableError';
  readonly address: string;
  readonly reason: string;

  constructor(
    url: string,
    override readonly cause: unknown,
    limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS,
  ) {
    const address = withoutPassword(url);
    const reason = reasonOf(cause, limits.connectTimeoutMs);
    super(`cannot connect to PostgreSQL at ${address}: ${reason}`);
    this.address = address;
    this.reason = reason;
  }
}

/** The first PostgresUnreachableError among an error and its causes. */
export function unreachableIn(error: unknown): PostgresUnreachableError | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth += 1) {
    if (current instanceof PostgresUnreachableError) return current;
    current = current.cause;
  }
  return null;
}

/** `url` with its password removed, from the user part and from the query (`?password=`). */
export function withoutPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can take apart: say nothing of it rather than risk printing a secret.
    return `${url.slice(0, url.indexOf(':') + 1)}…`;
  }
  parsed.password = '';
  for (const name of ['password', 'sslpassword']) parsed.searchParams.delete(name);
  return parsed.toString();
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name not resolved (DNS unavailable)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

const TIMEOUT = /timeout expired|connection timeout|timeout exceeded when trying to connect/i;

interface ErrorFields {
  message?: unknown;
  code?: unknown;
  errors?: unknown;
  cause?: unknown;
}

function reasonOf(error: unknown, connectTimeoutMs: number): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const code = typeof fields.code === 'string' ? fields.code : '';
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError with no message.
  if (code === '' && Array.isArray(fields.errors) && fields.errors.length > 0)
    return reasonOf(fields.errors[0], connectTimeoutMs);
  if (TIMEOUT.test(message)) return `no answer within ${connectTimeoutMs} ms (connection timeout)`;
  if (code in SOCKET_REASONS) return `${SOCKET_REASONS[code]} (${code})`;
  // A server's answer: SQLSTATE and its message (which names the user or the database, never a password).
  if (/^[0-9A-Z]{5}$/.test(code))
    return `${code.startsWith('28') ? 'authentication failed: ' : ''}${message} (${code})`;
  if (/password|SASL|SCRAM/i.test(message)) return `authentication failed: ${message}`;
  if (fields.cause !== undefined && message === '') return reasonOf(fields.cause, connectTimeoutMs);
  return message === '' ? 'unknown error' : message;
}
