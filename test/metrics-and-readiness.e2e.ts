import { PROJECTOR, READ_MODEL_NAMES, type Projector } from '@vigie/read-models';
import { Client } from 'pg';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { createTestDatabase, describePostgres } from './support/postgres';
import { TestApi, bearer, submission } from './support/vigie-api';

const SCRAPER_TOKEN = 'scraper-token-0123456789abcdefghijklmnop';

/** The value of one sample of the Prometheus text, e.g. `vigie_projection_lag_events{projection="declaration-summary"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let api: TestApi;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    api = await TestApi.start({ VIGIE_METRICS_TOKEN: SCRAPER_TOKEN });
    analyst = bearer(await api.token({ role: 'analyst' }));
    await loadDocument(api);
  });
  afterAll(() => api.stop());

  describe('who may read it', () => {
    it('no token: 401 problem+json', async () => {
      const response = await api.http.get('/metrics');
      expect(response.status).toBe(401);
      conformsToDocument(response);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('a declarant: 403', async () => {
      const declarant = bearer(await api.token({ role: 'declarant' }));
      const response = await api.http.get('/metrics').set(declarant);
      expect(response.status).toBe(403);
      conformsToDocument(response);
      expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/forbidden' });
    });

    it('an analyst and an admin: 200 Prometheus text', async () => {
      for (const role of ['analyst', 'admin'] as const) {
        const response = await api.http
          .get('/metrics')
          .set(bearer(await api.token({ role })))
          .expect(200)
          .expect(conformsToDocument);
        expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.text).toContain('# TYPE vigie_http_requests_total counter');
      }
    });

    it('the static VIGIE_METRICS_TOKEN: 200; another static value: 401', async () => {
      await api.http.get('/metrics').set(bearer(SCRAPER_TOKEN)).expect(200);
      await api.http
        .get('/metrics')
        .set(bearer(`${SCRAPER_TOKEN}x`))
        .expect(401);
    });

    it('the health probes stay public', async () => {
      await api.http.get('/health/live').expect(200).expect(conformsToDocument);
      await api.http.get('/health/ready').expect(200).expect(conformsToDocument);
    });
  });

  it('counts requests by route pattern and status, with their durations', async () => {
    const created = await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
    await api.http
      .get(`/api/v1/declarations/${created.body.id}`)
      .query({ minPosition: created.body.position })
      .set(analyst)
      .expect(200);
    await api.http.get('/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11').set(analyst).expect(404);
    // Under /api: other paths are the web application's pages.
    await api.http.get('/api/no/such/route').set(analyst).expect(404);
    const { text } = await api.http.get('/metrics').set(bearer(SCRAPER_TOKEN)).expect(200);
    const requests = (labels: string) => sample(text, `vigie_http_requests_total{${labels}}`);
    expect(requests('method="POST",route="/api/v1/declarations",status="201"')).toBe(1);
    expect(requests('method="GET",route="/api/v1/declarations/:id",status="200"')).toBe(1);
    expect(requests('method="GET",route="/api/v1/declarations/:id",status="404"')).toBe(1);
    // URLs that match no route share one label: a scanner cannot blow up the series count.
    expect(requests('method="GET",route="(unmatched)",status="404"')).toBe(1);
    expect(text).not.toContain(created.body.id);
    expect(
      sample(
        text,
        'vigie_http_request_duration_seconds_count{method="POST",route="/api/v1/declarations",status="201"}',
      ),
    ).toBe(1);
    expect(text).toMatch(
      /vigie_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/api\/v1\/declarations",status="201"\} 1/,
    );
  });

  it('tells where each read model stands: position, lag in events and seconds, throughput, projector running', async () => {
    const created = await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
    await api.http
      .get('/api/v1/declarations')
      .query({ minPosition: created.body.position })
      .set(analyst)
      .expect(200);
    const head = Number(await api.headPosition());
    const { text } = await api.http.get('/metrics').set(analyst).expect(200);
    expect(sample(text, 'vigie_event_store_head_position')).toBe(head);
    for (const projection of READ_MODEL_NAMES) {
      const labels = `{projection="${projection}"}`;
      expect(sample(text, `vigie_projection_position${labels}`)).toBe(head);
      expect(sample(text, `vigie_projection_lag_events${labels}`)).toBe(0);
      expect(sample(text, `vigie_projection_lag_seconds${labels}`)).toBe(0);
      expect(sample(text, `vigie_projection_events_per_second${labels}`)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'vigie_projector_running')).toBe(1);
  });

  it('includes the default process metrics', async () => {
    const { text } = await api.http.get('/metrics').set(analyst).expect(200);
    for (const series of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^${series} \\d`, 'm'));
    }
  });
});

describe('GET /metrics with VIGIE_PROJECTOR=off', () => {
  it('reads the positions from the checkpoints in the read database and the lag from the log', async () => {
    const writer = await TestApi.start({ VIGIE_PROJECTOR: 'off' });
    try {
      const analyst = bearer(await writer.token({ role: 'analyst' }));
      await writer.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
      await writer.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
      const { text } = await writer.http.get('/metrics').set(analyst).expect(200);
      const labels = '{projection="declaration-summary"}';
      expect(sample(text, `vigie_projection_position${labels}`)).toBe(0);
      // Two submissions, each with its reference's reservation.
      expect(sample(text, `vigie_projection_lag_events${labels}`)).toBe(4);
      expect(sample(text, `vigie_projection_lag_seconds${labels}`)).toBeGreaterThanOrEqual(0);
      // Throughput and liveness are the separate projector's to report.
      expect(text).not.toContain('vigie_projector_running');
      expect(text).not.toContain('vigie_projection_events_per_second');
    } finally {
      await writer.stop();
    }
  });
});

describe('GET /health/ready', () => {
  it('turns 503 with Retry-After once the in-process projector has stopped', async () => {
    const api = await TestApi.start();
    try {
      await loadDocument(api);
      await api.http
        .get('/health/ready')
        .expect(conformsToDocument)
        .expect(200, {
          status: 'ok',
          checks: {
            eventStore: 'up',
            readModels: 'up',
            keyStore: 'up',
            auditLog: 'up',
            projector: 'running',
          },
        });
      await api.app.get<symbol, Projector>(PROJECTOR).stop();
      const response = await api.http.get('/health/ready');
      expect(response.status).toBe(503);
      conformsToDocument(response);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/not-ready',
        status: 503,
        detail: expect.stringContaining('projector stopped'),
      });
      const { text } = await api.http
        .get('/metrics')
        .set(bearer(await api.token({ role: 'admin' })))
        .expect(200);
      expect(sample(text, 'vigie_projector_running')).toBe(0);
    } finally {
      await api.stop();
    }
  });
});

describePostgres('the read database becomes unreachable', () => {
  it('/health/ready turns 503 naming it, and reads are 503 store-unavailable', async () => {
    const database = await createTestDatabase('vigie_e2e_ready');
    const api = await TestApi.start({ VIGIE_READ_DB_URL: database.url });
    // The in-process projector retries its failing batches and says so; the test keeps that quiet.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const analyst = bearer(await api.token({ role: 'analyst' }));
      await api.http.get('/health/ready').expect(200);
      const name = new URL(database.url).pathname.slice(1);
      const admin = new Client({ connectionString: database.url.replace(`/${name}`, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
      await loadDocument(api);
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      conformsToDocument(ready);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.body.detail).toContain('readModels down');
      const read = await api.http.get('/api/v1/declarations').set(analyst);
      expect(read.status).toBe(503);
      conformsToDocument(read);
      expect(read.headers['retry-after']).toBe('5');
      expect(read.body).toMatchObject({ type: 'https://vigie.example/problems/store-unavailable' });
    } finally {
      await api.stop();
      warn.mockRestore();
      await database.drop();
    }
  });
});
