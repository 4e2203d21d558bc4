import { createTestDatabase, describePostgres } from './support/postgres';
import { StallingProxy } from './support/stalling-proxy';
import { expectUnavailable } from './support/problems';
import { TestApi, bearer, fixedClock, submission } from './support/vigie-api';

/** Far below the 30–60 s a stalled connection used to hold a command, with room for a loaded machine. */
const ANSWERED_WITHIN_MS = 10_000;

describePostgres('a network to PostgreSQL that stalls (packets dropped, not refused)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let proxy: StallingProxy;
  let api: TestApi;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('vigie_stall');
    const target = new URL(database.url);
    proxy = await StallingProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const url = proxy.urlFor(database.url);
    // Every store behind the stalling network, with the default limits.
    api = await TestApi.start(
      {
        VIGIE_EVENT_STORE_URL: url,
        VIGIE_READ_DB_URL: url,
        VIGIE_KEY_STORE_URL: url,
        VIGIE_AUDIT_DB_URL: url,
      },
      { clock: fixedClock() },
    );
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-stall' }));
  });
  afterAll(async () => {
    proxy?.resume();
    await api?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('a command is answered 503 with Retry-After within seconds, and the next one after the network is back succeeds', async () => {
    // Connections now sit idle in the pools, as they do between two commands.
    await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);

    proxy.stall();
    const started = Date.now();
    const stalled = await api.http
      .post('/api/v1/declarations')
      .set(analyst)
      .send(submission())
      // Without a bound the request would hang for as long as TCP retransmits; fail clearly instead.
      .timeout(ANSWERED_WITHIN_MS * 4);
    const elapsed = Date.now() - started;
    console.log(`stalled PostgreSQL: command answered ${stalled.status} after ${elapsed} ms`);
    expectUnavailable(stalled);
    expect(stalled.body.type).toBe('https://vigie.example/problems/store-unavailable');
    expect(elapsed).toBeLessThan(ANSWERED_WITHIN_MS);

    proxy.resume();
    // Broken connections were evicted: the very next command gets a working one.
    await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
  }, 60_000);
});
