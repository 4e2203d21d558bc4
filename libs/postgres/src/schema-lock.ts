import type { ClientBase, Pool } from 'pg';
import { BoundedClient, boundedOptions, createPool } from './bounded-pool';
import { DEFAULT_POSTGRES_LIMITS, forLongWork, type PostgresLimits } from './postgres-limits';
import { PostgresUnreachableError } from './postgres-unreachable';

/** An advisory lock key: one bigint, or two integers (a class and an object). */
export type AdvisoryLock = number | readonly [number, number];

/**
 * Runs a store's schema set-up under a session advisory lock, one process at a time (two starting
 * at once would both create the tables). On a connection of its own, with the long statement limit
 * (a migration may rewrite a large table); ending it releases the lock whatever happened. The
 * connection is a store's first: failing to open it is a PostgresUnreachableError.
 */
export async function withSchemaLock<T>(
  url: string,
  lock: AdvisoryLock,
  work: (client: ClientBase) => Promise<T>,
  limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS,
): Promise<T> {
  const client = new BoundedClient(
    boundedOptions(url, { limits: forLongWork(limits), applicationName: 'vigie-schema' }),
  );
  try {
    await client.connect();
  } catch (error) {
    // pg has destroyed the socket of a failed connect: nothing to end.
    throw new PostgresUnreachableError(url, error, limits);
  }
  try {
    if (typeof lock === 'number') await client.query('SELECT pg_advisory_lock($1::bigint)', [lock]);
    else await client.query('SELECT pg_advisory_lock($1::integer, $2::integer)', [lock[0], lock[1]]);
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The pool of a store whose schema is one idempotent script (`CREATE … IF NOT EXISTS`), run under
 * `lock` before the pool opens.
 */
export async function openSchemaPool(
  url: string,
  store: { lock: AdvisoryLock; schema: string; applicationName: string; max?: number },
  limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS,
): Promise<Pool> {
  await withSchemaLock(url, store.lock, (client) => client.query(store.schema), limits);
  return createPool(url, { limits, max: store.max, applicationName: store.applicationName });
}
