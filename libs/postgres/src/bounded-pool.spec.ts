import { createTestDatabase, describePostgres } from '../../../test/support/postgres';
import { createPool } from './bounded-pool';
import { isPostgresUnavailable } from './postgres-unavailable';
import { withSchemaLock } from './schema-lock';

const LIMITS = { statementTimeoutMs: 300, longStatementTimeoutMs: 5000, connectTimeoutMs: 1000 };

describePostgres('bounded PostgreSQL connections', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase('vigie_bounded_pool');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('a statement longer than the limit is cancelled by the server, an unavailable error, and the connection stays usable', async () => {
    const pool = createPool(database.url, { limits: LIMITS, max: 1, applicationName: 'vigie-test' });
    const client = await pool.connect();
    try {
      const slow = client.query('SELECT pg_sleep(2)');
      await expect(slow).rejects.toMatchObject({ code: '57014' });
      expect(isPostgresUnavailable(await slow.catch((error: unknown) => error))).toBe(true);
      const { rows } = await client.query<Record<string, string>>(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('application_name') AS name,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(rows[0]).toEqual({ statement: '300ms', name: 'vigie-test', idle: '1300ms' });
    } finally {
      client.release();
      await pool.end();
    }
  });

  it('schema set-up runs one process at a time, with the long limit, and a failure releases the lock', async () => {
    let inside = 0;
    let most = 0;
    const setUp = (fail: boolean) =>
      withSchemaLock(
        database.url,
        [0x56494749, 99],
        async (client) => {
          inside += 1;
          most = Math.max(most, inside);
          const { rows } = await client.query<{ limit: string }>(
            `SELECT current_setting('statement_timeout') AS limit`,
          );
          await new Promise((resolve) => setTimeout(resolve, 50));
          inside -= 1;
          if (fail) throw new Error('migration failed');
          return rows[0].limit;
        },
        LIMITS,
      );
    const outcomes = await Promise.allSettled([setUp(true), setUp(false), setUp(false)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: '5s' });
    expect(most).toBe(1);
  });
});
