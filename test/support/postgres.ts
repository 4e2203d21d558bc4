import { spawnSync } from 'node:child_process';
import { Client } from 'pg';

/**
 * PostgreSQL for tests. CI sets VIGIE_REQUIRE_POSTGRES=1: an unreachable server then fails the
 * suite instead of skipping it, so a green CI run always includes the PostgreSQL suites.
 */
export const TEST_PG_URL = process.env.VIGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.VIGIE_REQUIRE_POSTGRES === '1') {
      throw new Error(
        `PostgreSQL is required (VIGIE_REQUIRE_POSTGRES=1) but ${TEST_PG_URL} is unreachable: ${String(error)}`,
      );
    }
    console.warn(`SKIPPED: PostgreSQL suites did not run: ${TEST_PG_URL} is unreachable (${String(error)}).`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh database per suite, so that suites and engineers running at once never share tables. */
export async function createTestDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * `describe` for suites that need PostgreSQL: runs them when reachable; otherwise (outside CI)
 * registers one skipped test whose name says why, so the run reports them as skipped, never passed.
 */
export function describePostgres(name: string, body: () => void): void {
  const reachable = postgresReachableSync();
  if (reachable) describe(`${name} [postgres]`, body);
  else
    describe(`${name} [postgres]`, () =>
      it.skip(`did not run: PostgreSQL unreachable at ${TEST_PG_URL}`, () => undefined));
}

function postgresReachableSync(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const {Client}=require('pg');const c=new Client({connectionString:${JSON.stringify(TEST_PG_URL)},connectionTimeoutMillis:2000});c.connect().then(()=>c.query('select 1')).then(()=>process.exit(0),()=>process.exit(1))`,
    ],
    { cwd: __dirname, timeout: 5000 },
  );
  if (probe.status === 0) return true;
  if (process.env.VIGIE_REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL is required (VIGIE_REQUIRE_POSTGRES=1) but ${TEST_PG_URL} is unreachable`);
  }
  console.warn(`SKIPPED: PostgreSQL suites did not run: ${TEST_PG_URL} is unreachable.`);
  return false;
}
