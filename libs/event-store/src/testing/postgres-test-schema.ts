import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * A schema of its own per store under test, inside the suite's database: the store uses
 * unqualified names, so the connection's search_path decides where its tables live.
 */
export async function createTestSchema(
  databaseUrl: string,
): Promise<{ url: string; admin: Client; drop: () => Promise<void> }> {
  const schema = `log_${randomUUID().replace(/-/g, '')}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    url: url.toString(),
    admin,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Polls until `probe` holds: for states another connection reaches asynchronously (a lock wait). */
export async function eventually(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
