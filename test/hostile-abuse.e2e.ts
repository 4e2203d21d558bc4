import { openEventStore, type EventStore } from '@vigie/event-store';
import type { Response } from 'supertest';
import { problemDefect } from './soak/kit/listening-api';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { TestApi, bearer, fixedClock, submission } from './support/vigie-api';

const clean = (response: Response): string | null =>
  problemDefect({
    status: response.status,
    headers: new Headers(response.headers as Record<string, string>),
    text: response.text,
    json: response.body,
  });

function expectRateLimited(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/rate-limited', status: 429 });
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(clean(response)).toBeNull();
  conformsToDocument(response);
}

describe('rate limits', () => {
  describe('per address (VIGIE_RATE_LIMIT_PER_ADDRESS, behind VIGIE_TRUST_PROXY proxies)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await TestApi.start({
        VIGIE_RATE_LIMIT_PER_ADDRESS: '5',
        VIGIE_RATE_LIMIT_PER_TOKEN: '0',
        VIGIE_TRUST_PROXY: '1',
      });
      await loadDocument(api);
    });
    afterAll(() => api.stop());

    const from = (address: string) => ({ 'X-Forwarded-For': address });

    it('the sixth request of an address in the window is 429, with or without a token, before the token is even checked', async () => {
      const analyst = bearer(await api.token({ role: 'analyst' }));
      for (let request = 0; request < 3; request++)
        await api.http
          .get('/api/v1/declarations')
          .set({ ...analyst, ...from('203.0.113.7') })
          .expect(200);
      for (let request = 0; request < 2; request++)
        await api.http
          .get('/api/v1/declarations')
          .set({ Authorization: 'Bearer guessed.token.value', ...from('203.0.113.7') })
          .expect(401);
      expectRateLimited(
        await api.http
          .get('/api/v1/declarations')
          .set({ Authorization: 'Bearer guessed.token.value', ...from('203.0.113.7') }),
      );
      expectRateLimited(
        await api.http.get('/api/v1/declarations').set({ ...analyst, ...from('203.0.113.7') }),
      );
    });

    it('another address still gets through, and health probes are never limited', async () => {
      const analyst = bearer(await api.token({ role: 'analyst' }));
      await api.http
        .get('/api/v1/declarations')
        .set({ ...analyst, ...from('198.51.100.9') })
        .expect(200);
      for (let probe = 0; probe < 10; probe++)
        await api.http.get('/health/live').set(from('203.0.113.7')).expect(200);
    });
  });

  describe('per token (VIGIE_RATE_LIMIT_PER_TOKEN)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await TestApi.start({ VIGIE_RATE_LIMIT_PER_ADDRESS: '0', VIGIE_RATE_LIMIT_PER_TOKEN: '3' });
      await loadDocument(api);
    });
    afterAll(() => api.stop());

    it('a token over its share is 429 while another token from the same address is served', async () => {
      const greedy = bearer(await api.token({ role: 'analyst', sub: 'greedy' }));
      const other = bearer(await api.token({ role: 'analyst', sub: 'other' }));
      for (let request = 0; request < 3; request++)
        await api.http.get('/api/v1/declarations').set(greedy).expect(200);
      expectRateLimited(await api.http.get('/api/v1/declarations').set(greedy));
      await api.http.get('/api/v1/declarations').set(other).expect(200);
    });
  });
});

describe('security headers, CORS and body size', () => {
  let api: TestApi;
  let analyst: Record<string, string>;
  beforeAll(async () => {
    api = await TestApi.start({ VIGIE_BODY_LIMIT: '2kb' });
    analyst = bearer(await api.token({ role: 'analyst' }));
  });
  afterAll(() => api.stop());

  it.each([
    ['an API answer', () => api.http.get('/api/v1/declarations').set(analyst)],
    ['an error', () => api.http.get('/api/v1/declarations/not-a-uuid').set(analyst)],
    ['a probe', () => api.http.get('/health/live')],
  ])('%s carries helmet’s headers and no X-Powered-By', async (_name, call) => {
    const response = await call();
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('API answers are not to be cached: they hold personal data', async () => {
    const response = await api.http.get('/api/v1/declarations').set(analyst).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('CORS is closed by default: no origin is allowed, not even for a preflight', async () => {
    const preflight = await api.http.options('/api/v1/declarations').set({
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await api.http
      .get('/api/v1/declarations')
      .set({ ...analyst, Origin: 'https://evil.example' });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a body over VIGIE_BODY_LIMIT is 413 problem+json and appends nothing', async () => {
    const before = await api.headPosition();
    const response = await api.http
      .post('/api/v1/declarations')
      .set(analyst)
      .send(submission({ description: 'x'.repeat(4096) }));
    expect(response.status).toBe(413);
    expect(clean(response)).toBeNull();
    expect(await api.headPosition()).toBe(before);
  });
});

describe('CORS opened to listed origins (VIGIE_CORS_ORIGINS)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start({ VIGIE_CORS_ORIGINS: 'https://portail.example, https://cert.example:8443' });
  });
  afterAll(() => api.stop());

  it('a listed origin is allowed with the headers the API needs; any other origin is not', async () => {
    const allowed = await api.http.options('/api/v1/declarations').set({
      Origin: 'https://portail.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,if-match,idempotency-key',
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portail.example');
    expect(allowed.headers['access-control-allow-headers']).toMatch(
      /Authorization.*Idempotency-Key.*If-Match/,
    );
    const refused = await api.http
      .options('/api/v1/declarations')
      .set({ Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

const leak = (streamId: string): Error =>
  new TypeError(
    `SELECT * FROM events WHERE stream_id = '${streamId}' at /work/main/libs/x.ts:12:3 jeanne@ch-x.example`,
  );

describe('no error body shows a stack trace or internals', () => {
  let api: TestApi;
  let store: EventStore;
  let failing = false;
  beforeAll(async () => {
    const probe = await TestApi.start();
    await probe.stop({ removeData: false });
    store = await openEventStore(probe.config.eventStoreUrl);
    const leaky: EventStore = {
      ...store,
      // Both fail: the command handler may decide on a stream state it keeps, without a read.
      append: async (streamId, ...rest) => {
        if (failing) throw leak(streamId);
        return store.append(streamId, ...rest);
      },
      readAll: (...args) => store.readAll(...args),
      headPosition: () => store.headPosition(),
      findIdempotency: (key) => store.findIdempotency(key),
      ping: () => store.ping(),
      close: async () => undefined,
      readStream: async (streamId) => {
        if (failing) throw leak(streamId);
        return store.readStream(streamId);
      },
    };
    api = await TestApi.start(
      { VIGIE_DATA_DIR: probe.config.dataDir, VIGIE_RATE_LIMIT_PER_TOKEN: '40', VIGIE_BODY_LIMIT: '1kb' },
      { eventStore: leaky, clock: fixedClock() },
    );
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  it('from 400 to 500, every error is a bare problem+json', async () => {
    const analyst = bearer(await api.token({ role: 'analyst', sub: 'sweeper' }));
    const declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-sweep' }));
    const id = (await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201)).body
      .id;
    await api.http
      .post(`/api/v1/declarations/${id}/closure`)
      .set(analyst)
      .send({ reason: 'Done.' })
      .expect(200);
    await api.http
      .post('/api/v1/declarations')
      .set({ ...analyst, 'Idempotency-Key': 'k1' })
      .send(submission())
      .expect(201);
    const sweep: [string, () => Promise<Response>][] = [
      ['400 validation', () => api.http.post('/api/v1/declarations').set(analyst).send({ structure: 'x' })],
      [
        '400 malformed JSON',
        () =>
          api.http
            .post('/api/v1/declarations')
            .set(analyst)
            .set('Content-Type', 'application/json')
            .send('{"a":'),
      ],
      ['400 bad id', () => api.http.get('/api/v1/declarations/%E0%A4%A').set(analyst)],
      ['401 no token', () => api.http.get('/api/v1/declarations')],
      [
        '401 garbage token',
        () => api.http.get('/api/v1/declarations').set({ Authorization: 'Bearer a.b.c' }),
      ],
      ['403 role', () => api.http.post(`/api/v1/declarations/${id}/qualification`).set(declarant).send({})],
      ['404 route', () => api.http.get('/api/v2/anything').set(analyst)],
      [
        '404 declaration',
        () => api.http.get('/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11').set(analyst),
      ],
      [
        '409 lifecycle',
        () =>
          api.http.post(`/api/v1/declarations/${id}/amendments`).set(analyst).send({ description: 'Late.' }),
      ],
      [
        '412 stale',
        () =>
          api.http
            .post(`/api/v1/declarations/${id}/reopening`)
            .set({ ...analyst, 'If-Match': '"0"' })
            .send({ reason: 'R.' }),
      ],
      [
        '413 too large',
        () =>
          api.http
            .post('/api/v1/declarations')
            .set(analyst)
            .send({ description: 'x'.repeat(2048) }),
      ],
      [
        '415 encoding',
        () =>
          api.http
            .post('/api/v1/declarations')
            .set(analyst)
            .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'compress' })
            .send('{}'),
      ],
      [
        '422 key reused',
        () =>
          api.http
            .post('/api/v1/declarations')
            .set({ ...analyst, 'Idempotency-Key': 'k1' })
            .send(submission({ description: 'Other.' })),
      ],
    ];
    const statuses: number[] = [];
    for (const [name, call] of sweep) {
      const response = await call();
      statuses.push(response.status);
      expect({ name, defect: clean(response) }).toEqual({ name, defect: null });
    }
    failing = true;
    const crashed = await api.http
      .post(`/api/v1/declarations/${id}/reopening`)
      .set(analyst)
      .send({ reason: 'R.' });
    failing = false;
    expect(crashed.status).toBe(500);
    expect(clean(crashed)).toBeNull();
    expect(crashed.text).not.toMatch(/SELECT|jeanne|\/work\//);
    let limited: Response;
    do limited = await api.http.get('/api/v1/declarations').set(analyst);
    while (limited.status !== 429);
    expect(clean(limited)).toBeNull();
    expect([...statuses, crashed.status, limited.status]).toEqual([
      400, 400, 400, 401, 401, 403, 404, 404, 409, 412, 413, 415, 422, 500, 429,
    ]);
  });
});
