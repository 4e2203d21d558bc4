import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, describePostgres } from './support/postgres';
import { FINESS, TestApi, bearer, newDataDir, submission } from './support/vigie-api';

const DECLARATIONS = 200;
const WRITERS = 16;
/** Far above what the test sends: it is about the references, not the rate limits. */
const UNLIMITED = { VIGIE_RATE_LIMIT_PER_ADDRESS: '0', VIGIE_RATE_LIMIT_PER_TOKEN: '0' };

/**
 * References under concurrency, over real HTTP: two API instances (each its own allocator, as two
 * processes would have) share one event log, and 16 writers submit 200 declarations through them
 * at once. Every declaration gets a reference, none twice, and the year's numbers run 1…200
 * without a gap; a retry with the same Idempotency-Key answers the same reference.
 */
function referenceSuite(eventStoreUrl: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
  let apis: TestApi[] = [];
  let store: { url: string; drop: () => Promise<void> };
  const declarant = async (api: TestApi) =>
    bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));

  beforeAll(async () => {
    store = await eventStoreUrl();
    const env = { ...UNLIMITED, VIGIE_EVENT_STORE_URL: store.url };
    apis = [await TestApi.start(env), await TestApi.start(env)];
  });
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await store?.drop();
  });

  it(`${DECLARATIONS} declarations by ${WRITERS} concurrent writers get ${DECLARATIONS} distinct references, no gap`, async () => {
    const headers = await Promise.all(apis.map(declarant));
    const answers: { id: string; reference: string }[] = [];
    let next = 0;
    const writer = async (index: number): Promise<void> => {
      const api = apis[index % apis.length];
      while (next < DECLARATIONS) {
        next += 1;
        const response = await api.http
          .post('/api/v1/declarations')
          .set(headers[index % apis.length])
          .set('Idempotency-Key', randomUUID())
          .send(submission());
        expect({ status: response.status, body: response.body }).toEqual({
          status: 201,
          body: expect.objectContaining({ reference: expect.any(String) }),
        });
        answers.push(response.body);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));

    expect(answers).toHaveLength(DECLARATIONS);
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(DECLARATIONS);
    const year = new Date().toLocaleString('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' });
    const numbers = answers
      .map((answer) => {
        expect(answer.reference).toMatch(new RegExp(`^${year}-\\d{6}$`));
        return Number(answer.reference.slice(5));
      })
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: DECLARATIONS }, (_, index) => index + 1));

    // The detail says the same, whichever instance reads it.
    const sample = answers[DECLARATIONS - 1];
    const detail = await apis[0].http
      .get(`/api/v1/declarations/${sample.reference}`)
      .query(await apis[0].caughtUp())
      .set(headers[0])
      .expect(200);
    expect(detail.body).toMatchObject({ id: sample.id, reference: sample.reference });
    // And q= finds it by its reference, among the 200.
    const found = await apis[1].http
      .get('/api/v1/declarations')
      .query({ q: sample.reference, ...(await apis[1].caughtUp()) })
      .set(headers[1])
      .expect(200);
    expect(
      found.body.items.map((item: { id: string; reference: string }) => [item.id, item.reference]),
    ).toEqual([[sample.id, sample.reference]]);
  }, 180_000);

  it('a retry, and a double click racing itself, are one declaration with one reference', async () => {
    const [api, other] = apis;
    const key = randomUUID();
    const headers = await declarant(api);
    const otherHeaders = await declarant(other);
    const [first, second] = await Promise.all([
      api.http.post('/api/v1/declarations').set(headers).set('Idempotency-Key', key).send(submission()),
      api.http.post('/api/v1/declarations').set(headers).set('Idempotency-Key', key).send(submission()),
    ]);
    const retry = await other.http
      .post('/api/v1/declarations')
      .set(otherHeaders)
      .set('Idempotency-Key', key)
      .send(submission());
    const answers = [first, second, retry].map((response) => ({ status: response.status, ...response.body }));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.reference)).size).toBe(1);
    expect(answers[0].reference).toMatch(/^\d{4}-\d{6}$/);
  }, 60_000);
}

describe('declaration references [sqlite, two API instances on one log file]', () => {
  referenceSuite(async () => {
    const directory = newDataDir();
    return {
      url: `sqlite:${join(directory, 'events.sqlite')}`,
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  });
});

describePostgres('declaration references (two API instances on one log)', () => {
  referenceSuite(async () => {
    const database = await createTestDatabase('vigie_e2e_references');
    return { url: database.url, drop: () => database.drop() };
  });
});
