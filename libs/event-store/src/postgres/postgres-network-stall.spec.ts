import { StallingProxy } from '../../../../test/support/stalling-proxy';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { StoreUnavailableError } from '../event-store.errors';
import { createTestSchema, eventually } from '../testing/postgres-test-schema';
import { newStreamId, sampleEvent } from '../testing/sample-events';
import { PostgresEventStore } from './postgres-event-store';
import { APPEND_LOCK, VIGIE_LOCK_CLASS } from './postgres-migrations';

const LIMITS = { statementTimeoutMs: 1000, longStatementTimeoutMs: 10_000, connectTimeoutMs: 1000 };

describePostgres('PostgreSQL event store behind a network that stalls', () => {
  let database: { url: string; drop: () => Promise<void> };
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let proxy: StallingProxy;
  let stalled: PostgresEventStore;
  let direct: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('vigie_event_stall');
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    schema = await createTestSchema(database.url);
    const target = new URL(schema.url);
    proxy = await StallingProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    stalled = await PostgresEventStore.open(proxy.urlFor(schema.url), { limits: LIMITS });
    // Default limits: its wait for the lock the lost client holds must outlast that client's idle timeout.
    direct = await PostgresEventStore.open(schema.url);
  });
  afterEach(async () => {
    proxy.resume();
    await stalled.close();
    await direct.close();
    await proxy.close();
    await schema.drop();
  });

  const append = (store: PostgresEventStore) =>
    store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });

  it('reads and appends fail as unavailable within the limits, and the store recovers with the network', async () => {
    await append(stalled);
    proxy.stall();
    for (const attempt of [() => stalled.readAll(0n, 10), () => append(stalled), () => stalled.ping()]) {
      const started = Date.now();
      await expect(attempt()).rejects.toBeInstanceOf(StoreUnavailableError);
      // The client's limit is the statement's plus one second; the connection's is 1 s.
      expect(Date.now() - started).toBeLessThan(4000);
    }
    proxy.resume();
    await append(stalled);
    expect(await stalled.readAll(0n, 10)).toHaveLength(2);
  });

  it('a batch of the group commit that holds the append lock when the network stalls fails, and the server frees the lock for others', async () => {
    // The batch's BEGIN and lock reach the server and wait there; the network stalls before the answer comes back.
    await schema.admin.query('SELECT pg_advisory_lock($1, $2)', [VIGIE_LOCK_CLASS, APPEND_LOCK]);
    const inFlight = append(stalled);
    inFlight.catch(() => undefined);
    await eventually(
      async () =>
        (
          await schema.admin.query(
            `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
             AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2`,
            [VIGIE_LOCK_CLASS, APPEND_LOCK],
          )
        ).rows[0].waiting === 1,
      'the batch waits for the append lock',
    );
    proxy.stall();
    await schema.admin.query('SELECT pg_advisory_unlock($1, $2)', [VIGIE_LOCK_CLASS, APPEND_LOCK]);

    await expect(inFlight).rejects.toBeInstanceOf(StoreUnavailableError);
    // The server now holds the lock for a client that went silent: idle_in_transaction_session_timeout ends it.
    const started = Date.now();
    await append(direct);
    expect(Date.now() - started).toBeLessThan(4000);

    proxy.resume();
    await append(stalled);
  });
});
