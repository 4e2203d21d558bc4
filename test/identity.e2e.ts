import { SignJWT } from 'jose';
import {
  FINESS,
  OTHER_FINESS,
  THIRD_FINESS,
  TestApi,
  bearer,
  qualification,
  submission,
} from './support/vigie-api';

describe('identity: who may call what', () => {
  let api: TestApi;
  let id: string;
  /** Reads ask for the submission's position, so that a 404 below means "not yours", not "not yet projected". */
  let afterSubmission: { minPosition: string };

  beforeAll(async () => {
    api = await TestApi.start();
    const declarant = bearer(await api.token({ role: 'declarant', finess: [FINESS] }));
    const submitted = await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send(submission())
      .expect(201);
    id = submitted.body.id;
    afterSubmission = { minPosition: submitted.body.position };
  });
  afterAll(() => api.stop());

  const secretOf = (value: string) => new TextEncoder().encode(value);
  const sign = (claims: Record<string, unknown>, secret: string, expiresAt: string | number = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(secretOf(secret));

  describe('401 problem+json without a valid token', () => {
    const cases: [string, () => Promise<Record<string, string>>][] = [
      ['no Authorization header', async () => ({})],
      ['a scheme other than Bearer', async () => ({ Authorization: 'Basic YWRtaW46YWRtaW4=' })],
      ['a malformed token', async () => bearer('not.a.jwt')],
      [
        'a token signed with another secret',
        async () => bearer(await sign({ role: 'analyst' }, 'another-secret-of-at-least-32-characters!')),
      ],
      [
        'an expired token',
        async () =>
          bearer(await sign({ role: 'analyst' }, api.config.jwtSecret, Math.floor(Date.now() / 1000) - 60)),
      ],
      ['a token without role', async () => bearer(await sign({}, api.config.jwtSecret))],
      [
        'a token with an unknown role',
        async () => bearer(await sign({ role: 'superuser' }, api.config.jwtSecret)),
      ],
      [
        'a declarant token without finess',
        async () => bearer(await sign({ role: 'declarant' }, api.config.jwtSecret)),
      ],
      [
        'a declarant token with an empty finess list',
        async () => bearer(await sign({ role: 'declarant', finess: [] }, api.config.jwtSecret)),
      ],
      [
        'an unsigned token (alg none)',
        async () =>
          bearer(
            `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin"}').toString('base64url')}.`,
          ),
      ],
    ];

    it.each(cases)('%s → 401 on read and on command, nothing appended', async (_name, headers) => {
      const auth = await headers();
      const before = await api.headPosition();
      const read = await api.http.get(`/api/v1/declarations/${id}`).set(auth);
      const write = await api.http.post('/api/v1/declarations').set(auth).send(submission());
      for (const response of [read, write]) {
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(response.body).toMatchObject({
          type: 'https://vigie.example/problems/unauthorized',
          status: 401,
        });
      }
      expect(await api.headPosition()).toBe(before);
    });
  });

  describe('403 for a role that may not act', () => {
    it.each([
      ['a declarant qualifying', 'declarant', 'qualification', qualification()],
      ['a declarant closing', 'declarant', 'closure', { reason: 'Done.' }],
      ['a declarant asking for a complement', 'declarant', 'complement-requests', { question: 'Why?' }],
      [
        'a declarant logging an intervention',
        'declarant',
        'support-interventions',
        { kind: 'REMOTE_ADVICE', summary: 'x' },
      ],
      ['an analyst answering a complement', 'analyst', 'complements', { answer: 'x' }],
      ['an analyst requesting support', 'analyst', 'support-requests', { reason: 'x' }],
    ] as const)('%s → 403', async (_name, role, action, body) => {
      const token = bearer(await api.token({ role }));
      const response = await api.http.post(`/api/v1/declarations/${id}/${action}`).set(token).send(body);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/forbidden', status: 403 });
    });
  });

  describe('a declarant of another facility does not learn that the declaration exists', () => {
    let stranger: Record<string, string>;
    beforeAll(async () => {
      stranger = bearer(
        await api.token({ role: 'declarant', sub: 'rssi-elsewhere', finess: [OTHER_FINESS] }),
      );
    });

    it.each([
      [
        'GET the declaration',
        (http: TestApi['http']) => http.get(`/api/v1/declarations/${id}`).query(afterSubmission),
      ],
      [
        'GET its history',
        (http: TestApi['http']) => http.get(`/api/v1/declarations/${id}/history`).query(afterSubmission),
      ],
      [
        'amend it',
        (http: TestApi['http']) =>
          http.post(`/api/v1/declarations/${id}/amendments`).send({ description: 'Hijacked.' }),
      ],
      [
        'request support on it',
        (http: TestApi['http']) =>
          http.post(`/api/v1/declarations/${id}/support-requests`).send({ reason: 'x' }),
      ],
      [
        'report its resolution',
        (http: TestApi['http']) =>
          http
            .post(`/api/v1/declarations/${id}/resolution`)
            .send({ resolvedAt: '2026-03-03T00:00:00Z', summary: 'x' }),
      ],
    ])('%s → 404, exactly as for an unknown id', async (_name, call) => {
      const response = await call(api.http).set(stranger);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/declaration-not-found',
        status: 404,
      });
    });

    it('while a declarant acting for several facilities, this one included, reads it', async () => {
      const multi = bearer(await api.token({ role: 'declarant', finess: [OTHER_FINESS, FINESS] }));
      await api.http.get(`/api/v1/declarations/${id}`).query(afterSubmission).set(multi).expect(200);
    });
  });

  it('a declarant declaring for a FINESS not in its token → 403, nothing appended', async () => {
    const token = bearer(await api.token({ role: 'declarant', finess: [FINESS] }));
    const before = await api.headPosition();
    const body = submission({
      structure: { ...(submission().structure as object), finess: THIRD_FINESS, region: '01' },
    });
    const response = await api.http.post('/api/v1/declarations').set(token).send(body);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/forbidden', status: 403 });
    expect(await api.headPosition()).toBe(before);
  });

  it('an analyst and an admin declare for any facility', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const token = bearer(await api.token({ role }));
      const body = submission({
        structure: { ...(submission().structure as object), finess: THIRD_FINESS, region: '01' },
      });
      await api.http.post('/api/v1/declarations').set(token).send(body).expect(201);
    }
  });

  it('health probes need no token', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
  });
});
