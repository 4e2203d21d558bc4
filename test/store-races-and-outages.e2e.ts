import { openEventStore, type EventStore } from '@vigie/event-store';
import { withSlowReads } from './support/slow-store';
import { TestApi, bearer, submission } from './support/vigie-api';

describe('lost races, on a store where concurrent requests really interleave', () => {
  let api: TestApi;
  let store: EventStore;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    const probe = await TestApi.start();
    const config = probe.config;
    await probe.stop({ removeData: false });
    store = await openEventStore(config.eventStoreUrl);
    api = await TestApi.start({ VIGIE_DATA_DIR: config.dataDir }, { eventStore: withSlowReads(store, 30) });
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-1' }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-1' }));
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  const declare = async (): Promise<string> =>
    (await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)).body.id;
  const historyOf = async (id: string): Promise<string[]> =>
    (
      await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query(await api.caughtUp())
        .set(analyst)
        .expect(200)
    ).body.items.map((item: { type: string }) => item.type);
  const intervention = (id: string, summary: string, headers: Record<string, string> = {}) =>
    api.http
      .post(`/api/v1/declarations/${id}/support-interventions`)
      .set({ ...analyst, ...headers })
      .send({ kind: 'REMOTE_ADVICE', summary });

  it('concurrent commands without If-Match are all kept: each lost race is retried on a fresh read', async () => {
    const id = await declare();
    const responses = await Promise.all(['a', 'b', 'c', 'd'].map((tag) => intervention(id, `Call ${tag}`)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(responses.map((response) => response.body.revision).sort()).toEqual([1, 2, 3, 4]);
    expect(await historyOf(id)).toHaveLength(5);
  });

  it('concurrent commands with the same If-Match: one wins, the others get 412 and append nothing', async () => {
    const id = await declare();
    const responses = await Promise.all(
      ['a', 'b', 'c'].map((tag) => intervention(id, `Call ${tag}`, { 'If-Match': '"0"' })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 412, 412]);
    for (const lost of responses.filter((response) => response.status === 412)) {
      expect(lost.body).toMatchObject({
        type: 'https://vigie.example/problems/precondition-failed',
        status: 412,
      });
    }
    expect(await historyOf(id)).toEqual(['DeclarationSubmitted', 'SupportInterventionLogged']);
  });

  it('concurrent retries with the same Idempotency-Key append once, and all get the first answer', async () => {
    const headers = { ...declarant, 'Idempotency-Key': 'submit-concurrently' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.http.post('/api/v1/declarations').set(headers).send(submission())),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(
      new Set(responses.map((response) => `${JSON.stringify(response.body)} ${response.headers.etag}`)).size,
    ).toBe(1);
    expect(await historyOf(responses[0].body.id)).toEqual(['DeclarationSubmitted']);
  });
});

describe('a store that stops answering', () => {
  it('commands get 503 problem+json with Retry-After, and /health/ready turns 503', async () => {
    const probe = await TestApi.start();
    const config = probe.config;
    await probe.stop({ removeData: false });
    const store = await openEventStore(config.eventStoreUrl);
    const api = await TestApi.start({ VIGIE_DATA_DIR: config.dataDir }, { eventStore: store });
    try {
      const analyst = bearer(await api.token({ role: 'analyst' }));
      await api.http.get('/health/ready').expect(200);
      await store.close();
      const command = await api.http.post('/api/v1/declarations').set(analyst).send(submission());
      expect(command.status).toBe(503);
      expect(command.headers['retry-after']).toBe('5');
      expect(command.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(command.body).toMatchObject({
        type: 'https://vigie.example/problems/store-unavailable',
        status: 503,
      });
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
    } finally {
      await api.stop();
    }
  });
});

describe('an unexpected failure', () => {
  it('is 500 with a generic detail; neither the body nor the log repeat its message', async () => {
    const probe = await TestApi.start();
    const config = probe.config;
    await probe.stop({ removeData: false });
    const store = await openEventStore(config.eventStoreUrl);
    const leaky = 'cannot parse row of jeanne.martin@ch-x.example';
    const failing: EventStore = {
      ...withSlowReads(store, 0),
      readStream: async () => {
        throw new TypeError(leaky);
      },
    };
    const api = await TestApi.start({ VIGIE_DATA_DIR: config.dataDir }, { eventStore: failing });
    const logged: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      const analyst = bearer(await api.token({ role: 'analyst' }));
      const response = await api.http.post('/api/v1/declarations').set(analyst).send(submission());
      expect(response.status).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: 'https://vigie.example/problems/internal-error',
        title: 'Internal error',
        status: 500,
        detail: expect.any(String),
      });
      expect(response.text).not.toContain('jeanne');
      expect(logged.join('')).toMatch(/Unexpected TypeError on POST \/api\/v1\/declarations/);
      expect(logged.join('')).not.toContain('jeanne');
    } finally {
      stderr.mockRestore();
      await api.stop();
      await store.close();
    }
  });
});
