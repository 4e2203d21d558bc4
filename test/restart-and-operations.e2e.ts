import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TestApi, bearer, newDataDir, qualification, submission } from './support/vigie-api';

describe('a restart on the same data dir loses nothing', () => {
  const dataDir = newDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given declarations and a token from the first run, when a new app starts on the same dir, then both still work', async () => {
    const first = await TestApi.start({ VIGIE_DATA_DIR: dataDir });
    const secretFile = join(dataDir, 'jwt-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const analyst = bearer(await first.token({ role: 'analyst', sub: 'analyst-1' }));
    const id = (await first.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201))
      .body.id;
    const qualified = await first.http
      .post(`/api/v1/declarations/${id}/qualification`)
      .set(analyst)
      .send(qualification())
      .expect(200);
    const minPosition = qualified.body.position as string;
    const before = await first.http
      .get(`/api/v1/declarations/${id}`)
      .query({ minPosition })
      .set(analyst)
      .expect(200);
    await first.stop({ removeData: false });

    const second = await TestApi.start({ VIGIE_DATA_DIR: dataDir });
    try {
      expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
      expect(readFileSync(secretFile, 'utf8')).toBe(first.config.jwtSecret);
      // The token signed before the restart is still valid: the secret was kept, not regenerated.
      const after = await second.http
        .get(`/api/v1/declarations/${id}`)
        .query({ minPosition })
        .set(analyst)
        .expect(200);
      expect(after.body).toEqual(before.body);
      expect(after.headers.etag).toBe('"1"');
      const amended = await second.http
        .post(`/api/v1/declarations/${id}/amendments`)
        .set(analyst)
        .send({ description: 'After the restart.' })
        .expect(200);
      expect(amended.body.revision).toBe(2);
      expect(BigInt(amended.body.position)).toBeGreaterThan(BigInt(before.body.position));
    } finally {
      await second.stop({ removeData: false });
    }
  });
});

describe('operations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.stop());

  it('/health/live and /health/ready answer 200 without a token', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    await api.http.get('/health/ready').expect(200, {
      status: 'ok',
      checks: { eventStore: 'up', readModels: 'up', keyStore: 'up', auditLog: 'up', projector: 'running' },
    });
  });

  it('/docs-json is an OpenAPI document listing the declaration routes with their bodies', async () => {
    const { body } = await api.http.get('/docs-json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    const paths = Object.keys(body.paths);
    for (const path of [
      '/api/v1/declarations',
      '/api/v1/declarations/{id}',
      '/api/v1/declarations/{id}/history',
      ...[
        'amendments',
        'complement-requests',
        'complements',
        'qualification',
        'support-requests',
        'support-interventions',
        'resolution',
        'closure',
        'reopening',
      ].map((action) => `/api/v1/declarations/{id}/${action}`),
    ]) {
      expect(paths).toContain(path);
    }
    const listParameters = body.paths['/api/v1/declarations'].get.parameters.map(
      (parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`,
    );
    expect(listParameters.sort()).toEqual(
      [
        'year',
        'from',
        'to',
        'region',
        'structureType',
        'finess',
        'origin',
        'type',
        'status',
        'patientEndangerment',
        'assignee',
        'q',
        'sort',
        'limit',
        'cursor',
        'minPosition',
        'format',
      ]
        .map((name) => `query:${name}`)
        .sort(),
    );
    expect(paths).toContain('/metrics');
    const schemas = body.components.schemas;
    expect(schemas.SubmitDeclarationDto.required).toEqual(
      expect.arrayContaining(['structure', 'declarant', 'occurredAt', 'description']),
    );
    expect(schemas.StructureDto.properties.type.enum).toEqual([
      'ES',
      'HIA',
      'LBM',
      'RT',
      'ESMS',
      'PDS',
      'HORS',
    ]);
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('/docs serves the OpenAPI UI', async () => {
    const response = await api.http.get('/docs').redirects(1);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/swagger/i);
  });

  it('an unknown route is 404 problem+json', async () => {
    const token = bearer(await api.token({ role: 'analyst' }));
    const response = await api.http.get('/api/v1/nothing-here').set(token);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('every answer carries a request id, the caller’s when it sent a sensible one', async () => {
    const own = await api.http.get('/health/live').set('X-Request-Id', 'trace-123');
    expect(own.headers['x-request-id']).toBe('trace-123');
    const generated = await api.http.get('/health/live').set('X-Request-Id', 'spaces are not welcome');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
