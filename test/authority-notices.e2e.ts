import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { FINESS, TestApi, bearer, submission } from './support/vigie-api';

/**
 * The CERT records that it informed an authority itself (a call to the ARS, a mail to ANSSI),
 * over real HTTP: both sides see it in the detail and the history; a facility may not record it;
 * a bad body names each field and appends nothing.
 */
describe('authorities informed by the CERT', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;
  let id: string;
  let position = '0';
  const detectedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();

  beforeAll(async () => {
    api = await TestApi.start();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    await loadDocument(api);
    ({ id, position } = (
      await api.http
        .post('/api/v1/declarations')
        .set(declarant)
        .send(submission({ occurredAt: detectedAt, detectedAt }))
        .expect(201)
    ).body);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const record = (headers: Record<string, string>, body: object) =>
    api.http
      .post(`/api/v1/declarations/${id}/authority-notices`)
      .set(headers)
      .send(body)
      .expect(conformsToDocument);
  const detail = async (headers: Record<string, string>) =>
    (
      await api.http
        .get(`/api/v1/declarations/${id}`)
        .query({ minPosition: position })
        .set(headers)
        .expect(200)
        .expect(conformsToDocument)
    ).body;

  it('an analyst records the ARS informed by phone; the facility sees it, in the detail and the history', async () => {
    const informedAt = new Date(Date.now() - 3_600_000).toISOString();
    const answer = await record(analyst, { authority: 'ARS', informedAt, reference: 'ARS-IDF-2026-0042' });
    expect(answer.status).toBe(200);
    position = answer.body.position;
    await record(analyst, { authority: 'ANSSI', informedAt }).expect(200);
    position = (await record(analyst, { authority: 'CNIL', informedAt, reference: null }).expect(200)).body
      .position;
    for (const reader of [analyst, declarant]) {
      const body = await detail(reader);
      expect(body.authoritiesInformed).toEqual([
        {
          authority: 'ARS',
          informedAt,
          reference: 'ARS-IDF-2026-0042',
          recordedBy: 'analyst-cert',
          recordedAt: expect.any(String),
        },
        {
          authority: 'ANSSI',
          informedAt,
          reference: null,
          recordedBy: 'analyst-cert',
          recordedAt: expect.any(String),
        },
        {
          authority: 'CNIL',
          informedAt,
          reference: null,
          recordedBy: 'analyst-cert',
          recordedAt: expect.any(String),
        },
      ]);
      const history = await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .query({ minPosition: position })
        .set(reader)
        .expect(200);
      const informed = history.body.items.filter(
        (item: { type: string }) => item.type === 'AuthorityInformed',
      );
      expect(informed).toHaveLength(3);
      expect(informed[0].changes).toEqual([
        { field: 'authority', from: null, to: 'ARS' },
        { field: 'informedAt', from: null, to: informedAt },
        { field: 'reference', from: null, to: 'ARS-IDF-2026-0042' },
      ]);
    }
  });

  it('refused to a facility (403), and a bad body is a 400 naming each field, nothing appended', async () => {
    const before = (await detail(analyst)).revision;
    await record(declarant, { authority: 'ARS', informedAt: new Date().toISOString() }).expect(403);
    const wrong = await record(analyst, { authority: 'PREFECTURE', reference: 'x'.repeat(201) }).expect(400);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'authority',
      'informedAt',
      'reference',
    ]);
    const future = await record(analyst, {
      authority: 'HFDS',
      informedAt: new Date(Date.now() + 3_600_000).toISOString(),
    }).expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'informedAt' })]);
    const early = await record(analyst, {
      authority: 'HFDS',
      informedAt: new Date(Date.parse(detectedAt) - 3_600_000).toISOString(),
    }).expect(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'informedAt' })]);
    const after = await api.http
      .get(`/api/v1/declarations/${id}`)
      .query(await api.caughtUp())
      .set(analyst)
      .expect(200);
    expect(after.body.revision).toBe(before);
  });
});
