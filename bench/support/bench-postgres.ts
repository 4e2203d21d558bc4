import { Client } from 'pg';

/** The server the benchmarks create their databases on (loopback by default), as the tests read it. */
export const BENCH_PG_URL =
  process.env.VIGIE_BENCH_PG_URL ??
  process.env.VIGIE_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/**
 * True when the server answers. When it does not, PostgreSQL scenarios are reported as not
 * measured, loudly; with VIGIE_REQUIRE_POSTGRES=1 (CI) that is an error instead.
 */
export async function postgresAvailable(url = BENCH_PG_URL): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.VIGIE_REQUIRE_POSTGRES === '1') {
      throw new Error(
        `PostgreSQL is required (VIGIE_REQUIRE_POSTGRES=1) but the server is unreachable: ${String(error)}`,
      );
    }
    console.warn(
      `SKIPPED: PostgreSQL scenarios will not be measured: the server is unreachable (${String(error)}).`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface BenchDatabase {
  url: string;
  drop: () => Promise<void>;
}

let created = 0;

/** A fresh database per store, named after the benchmark: nothing shared with the tests running next to it. */
export async function createBenchDatabase(label: string, adminUrl = BENCH_PG_URL): Promise<BenchDatabase> {
  const name = `vigie_bench_${label}_${process.pid}_${++created}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
