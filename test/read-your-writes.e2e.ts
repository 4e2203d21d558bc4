import { openEventStore, type EventStore } from '@vigie/event-store';
import { Projector, openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { describeEachReadDb, type ReadDb } from './support/read-side';
import { TestApi, bearer, submission } from './support/vigie-api';

describeEachReadDb('minPosition, with the projector in the API', 'vigie_e2e_ryw_inline', (readDb) => {
  let api: TestApi;
  let database: ReadDb;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    database = await readDb();
    api = await TestApi.start({ ...database.env, VIGIE_MIN_POSITION_TIMEOUT_MS: '300' });
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-1' }));
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('a read at the position a command answered sees that command, every time', async () => {
    for (let round = 0; round < 15; round++) {
      const created = await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
      const { id, position } = created.body;
      const read = await api.http
        .get(`/api/v1/declarations/${id}`)
        .query({ minPosition: position })
        .set(analyst);
      expect({ status: read.status, revision: read.body.revision }).toEqual({ status: 200, revision: 0 });

      const amended = await api.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set(analyst)
        .send({ description: `Round ${round}` })
        .expect(200);
      const minPosition = amended.body.position;
      const [view, history, list] = await Promise.all([
        api.http.get(`/api/v1/declarations/${id}`).query({ minPosition }).set(analyst).expect(200),
        api.http.get(`/api/v1/declarations/${id}/history`).query({ minPosition }).set(analyst).expect(200),
        api.http
          .get('/api/v1/declarations')
          .query({ minPosition, q: `Round ${round}` })
          .set(analyst)
          .expect(200),
      ]);
      expect(view.body).toMatchObject({ description: `Round ${round}`, revision: 1, position: minPosition });
      expect(view.headers.etag).toBe('"1"');
      expect(history.body.items.map((item: { type: string }) => item.type)).toEqual([
        'DeclarationSubmitted',
        'DescriptionAmended',
      ]);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    }
  });

  it('a position the log has not reached: 503 problem+json with Retry-After once the wait runs out', async () => {
    const beyond = ((await api.headPosition()) + 1000n).toString();
    for (const path of [
      '/api/v1/declarations',
      '/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11',
    ]) {
      const started = Date.now();
      const response = await api.http.get(path).query({ minPosition: beyond }).set(analyst);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/read-models-behind',
        status: 503,
        detail: expect.stringContaining(beyond),
      });
    }
  });

  it('minPosition must be a position: 400 naming it', async () => {
    const id = '2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11';
    for (const path of [`/api/v1/declarations/${id}`, `/api/v1/declarations/${id}/history`]) {
      const response = await api.http.get(path).query({ minPosition: '12abc' }).set(analyst).expect(400);
      expect(response.body.errors).toEqual([{ field: 'minPosition', message: expect.any(String) }]);
    }
  });
});

describeEachReadDb('minPosition, with VIGIE_PROJECTOR=off', 'vigie_e2e_ryw_off', (readDb) => {
  let api: TestApi;
  let database: ReadDb;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    database = await readDb();
    // The reads below wait up to TestApi's 15 s for the separate projector.
    api = await TestApi.start({ ...database.env, VIGIE_PROJECTOR: 'off' });
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-1' }));
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  /** apps/projector as another process would run it: its own store and read connections. */
  async function separateProjector(): Promise<{ projector: Projector; close: () => Promise<void> }> {
    const store: EventStore = await openEventStore(api.config.eventStoreUrl);
    const dataSource: DataSource = await openReadDataSource(api.config.readDbUrl, { busyTimeoutMs: 0 });
    const projector = new Projector({ store, dataSource, pollIntervalMs: 20 });
    return {
      projector,
      close: async () => {
        await projector.stop();
        await dataSource.destroy();
        await store.close();
      },
    };
  }

  it('nothing projects: the write is accepted, reads at its position get 503 with Retry-After', async () => {
    const created = await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
    const short = await TestApi.start({
      VIGIE_DATA_DIR: api.config.dataDir,
      VIGIE_READ_DB_URL: api.config.readDbUrl,
      VIGIE_PROJECTOR: 'off',
      VIGIE_MIN_POSITION_TIMEOUT_MS: '200',
    });
    try {
      const response = await short.http
        .get(`/api/v1/declarations/${created.body.id}`)
        .query({ minPosition: created.body.position })
        .set(analyst);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/read-models-behind' });
      // Without minPosition the read answers at once, from read models that do not hold it yet.
      await short.http.get(`/api/v1/declarations/${created.body.id}`).set(analyst).expect(404);
      await short.http.get('/health/ready').expect(200, {
        status: 'ok',
        checks: { eventStore: 'up', readModels: 'up', keyStore: 'up', auditLog: 'up', projector: 'off' },
      });
    } finally {
      await short.stop({ removeData: false });
    }
  });

  it('a separate projector catches up while the read waits: the checkpoint is polled in the read database', async () => {
    const created = await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201);
    const { id, position } = created.body;
    const waiting = api.http.get(`/api/v1/declarations/${id}`).query({ minPosition: position }).set(analyst);
    const pending = waiting.then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const separate = await separateProjector();
    try {
      await separate.projector.start();
      const response = await pending;
      expect({ status: response.status, id: response.body.id }).toEqual({ status: 200, id });
      const history = await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query({ minPosition: position })
        .set(analyst)
        .expect(200);
      expect(history.body.items).toHaveLength(1);
    } finally {
      await separate.close();
    }
  });
});
