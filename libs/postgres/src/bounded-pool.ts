import { Client, Pool, type ClientConfig } from 'pg';
import { DEFAULT_POSTGRES_LIMITS, type PostgresLimits } from './postgres-limits';

/**
 * The client gives up this long after the server's own statement_timeout: a slow statement is
 * cancelled by the server (a clean error, the connection reusable), and only a network gone silent
 * trips the client's limit.
 */
const CLIENT_MARGIN_MS = 1_000;

/** TCP keepalive on idle connections, so that a firewall or NAT does not forget them silently. */
const KEEPALIVE_DELAY_MS = 10_000;

const ignore = (): void => undefined;

/**
 * pg's client-side `query_timeout` rejects the query but leaves it active on the connection, which
 * then answers nothing else: a pool that gets it back (TypeORM releases it without an error) would
 * hand a dead connection to the next caller. This client ends itself instead, before the caller
 * hears of the timeout: every pool sees it ending when it comes back, and evicts it.
 */
export class BoundedClient extends Client {
  constructor(config?: ClientConfig) {
    super(config);
    // A destroyed or server-ended socket emits 'error'; the query in flight fails with it, and an
    // unlistened 'error' would end the process.
    this.on('error', ignore);
  }

  // pg's overloads (promise, callback, submittable) pass through unchanged; only a timeout is acted on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    const callback: unknown = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        this.dropOnTimeout(error);
        return (callback as (...values: unknown[]) => unknown)(error, ...rest);
      };
    }
    const result = (Client.prototype.query as (...values: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch((error: unknown) => this.dropOnTimeout(error));
    return result;
  }

  private dropOnTimeout(error: unknown): void {
    // With a query still active, pg's end() destroys the socket at once rather than saying goodbye.
    if (error instanceof Error && error.message === 'Query read timeout') this.end().catch(ignore);
  }
}

/** The options of a bounded connection (or pool: TypeORM passes them to pg as `extra`). */
export function boundedOptions(
  url: string,
  options: { limits?: PostgresLimits; applicationName?: string } = {},
): ClientConfig & { Client: typeof BoundedClient } {
  const { statementTimeoutMs, connectTimeoutMs } = options.limits ?? DEFAULT_POSTGRES_LIMITS;
  return {
    Client: BoundedClient,
    connectionString: url,
    application_name: options.applicationName,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + CLIENT_MARGIN_MS,
    // A transaction whose client went quiet is ended by the server, which releases its locks
    // (the event log's append lock): the others need not wait for TCP to notice a lost client.
    idle_in_transaction_session_timeout: statementTimeoutMs + CLIENT_MARGIN_MS,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  };
}

/**
 * A pool of bounded connections; `connectTimeoutMs` also bounds the wait for a free one. Idle
 * connections the server or the network ends are dropped without crashing the process.
 */
export function createPool(
  url: string,
  options: { limits?: PostgresLimits; applicationName?: string; max?: number } = {},
): Pool {
  const pool = new Pool({ ...boundedOptions(url, options), max: options.max ?? 10 });
  pool.on('error', ignore);
  return pool;
}
