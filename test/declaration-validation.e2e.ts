import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { TestApi, bearer, qualification, submission } from './support/vigie-api';

interface InvalidCase {
  name: string;
  /** `declarations` or an action of the declaration created before the table runs. */
  route: string;
  body: unknown;
  field: string;
}

const valid = submission();
const structure = valid.structure as Record<string, unknown>;
const declarant = valid.declarant as Record<string, unknown>;
const at =
  (route: string) =>
  (name: string, body: unknown, field: string): InvalidCase => ({ name, route, body, field });
const submit = at('declarations');

const CASES: InvalidCase[] = [
  submit(
    'a FINESS whose check digit is wrong',
    submission({ structure: { ...structure, finess: '750712185' } }),
    'structure.finess',
  ),
  submit(
    'a FINESS of 5 characters',
    submission({ structure: { ...structure, finess: '75071' } }),
    'structure.finess',
  ),
  submit(
    'a structure type outside the taxonomy',
    submission({ structure: { ...structure, type: 'CHU' } }),
    'structure.type',
  ),
  submit(
    'a region that is not an INSEE code',
    submission({ structure: { ...structure, region: '99' } }),
    'structure.region',
  ),
  submit(
    'an unknown NIS2 status',
    submission({ structure: { ...structure, nis2: 'MAYBE' } }),
    'structure.nis2',
  ),
  submit(
    'a field the structure does not have',
    submission({ structure: { ...structure, siret: '123' } }),
    'structure.siret',
  ),
  submit('no structure at all', submission({ structure: undefined }), 'structure'),
  submit('a structure that is a string', submission({ structure: '750712184' }), 'structure'),
  submit(
    'an e-mail without @',
    submission({ declarant: { ...declarant, email: 'rssi.ch-x.example' } }),
    'declarant.email',
  ),
  submit('an empty declarant name', submission({ declarant: { ...declarant, name: '' } }), 'declarant.name'),
  submit(
    'a declarant name of 201 characters',
    submission({ declarant: { ...declarant, name: 'x'.repeat(201) } }),
    'declarant.name',
  ),
  submit('an instant without offset', submission({ occurredAt: '2026-03-02T07:40:00' }), 'occurredAt'),
  submit('the 30th of February', submission({ detectedAt: '2026-02-30T08:05:00+01:00' }), 'detectedAt'),
  submit(
    'an incident that occurred after its detection',
    submission({ occurredAt: '2026-03-02T09:00:00+01:00' }),
    'occurredAt',
  ),
  submit('a detection in the future', submission({ detectedAt: '2099-01-01T00:00:00Z' }), 'detectedAt'),
  submit(
    'a description of 20,001 characters',
    submission({ description: 'd'.repeat(20_001) }),
    'description',
  ),
  submit('a blank description', submission({ description: '   ' }), 'description'),
  submit('an origin outside the taxonomy', submission({ suspectedOrigin: 'EVIL' }), 'suspectedOrigin'),
  submit(
    'a malicious type with a non-malicious origin',
    submission({ suspectedOrigin: 'NON_MALICIOUS', suspectedType: 'RANSOMWARE' }),
    'suspectedType',
  ),
  submit('an unknown data impact', submission({ dataImpacts: ['AVAILABILITY', 'SECRECY'] }), 'dataImpacts.1'),
  submit(
    'a data impact given twice',
    submission({ dataImpacts: ['INTEGRITY', 'INTEGRITY'] }),
    'dataImpacts.1',
  ),
  submit('data impacts that are not an array', submission({ dataImpacts: 'AVAILABILITY' }), 'dataImpacts'),
  submit('supportRequested as a string', submission({ supportRequested: 'yes' }), 'supportRequested'),
  submit('a field the contract does not have', submission({ priority: 'P1' }), 'priority'),
  submit('no patient endangerment', submission({ patientEndangerment: undefined }), 'patientEndangerment'),
  at('amendments')(
    'an operational impact outside the taxonomy',
    { operationalImpact: 'TOTAL' },
    'operationalImpact',
  ),
  at('amendments')('a description set to null', { description: null }, 'description'),
  at('amendments')(
    'a degraded mode start that is not an instant',
    { degradedModeStartedAt: 'yesterday' },
    'degradedModeStartedAt',
  ),
  at('complement-requests')('a complement request without question', {}, 'question'),
  at('complements')('an answer that is a number', { answer: 42 }, 'answer'),
  at('qualification')('a qualified origin UNKNOWN', qualification({ origin: 'UNKNOWN' }), 'origin'),
  at('qualification')(
    'a non-malicious type for a malicious origin',
    qualification({ type: 'INFRA_FAILURE' }),
    'type',
  ),
  at('qualification')('out of scope without a reason', qualification({ inScope: false }), 'outOfScopeReason'),
  at('qualification')(
    'an unknown attack vector',
    qualification({ attackVectors: ['PHISHING', 'TELEPATHY'] }),
    'attackVectors.1',
  ),
  at('support-requests')('a support request with a blank reason', { reason: '' }, 'reason'),
  at('support-interventions')(
    'an intervention kind outside the taxonomy',
    { kind: 'ONSITE', summary: 'Went there.' },
    'kind',
  ),
  at('resolution')(
    'a resolution before the detection',
    { resolvedAt: '2026-03-01T00:00:00+01:00', summary: 'Done.' },
    'resolvedAt',
  ),
  at('closure')('a closure reason of 2,001 characters', { reason: 'r'.repeat(2_001) }, 'reason'),
  at('reopening')('a reopening without reason', {}, 'reason'),
];

describe('invalid requests are answered 400 problem+json naming the field, and append nothing', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let id: string;

  beforeAll(async () => {
    api = await TestApi.start();
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
    id = (await api.http.post('/api/v1/declarations').set(admin).send(submission()).expect(201)).body.id;
    await loadDocument(api);
  });
  afterAll(() => api.stop());

  it('the table holds at least 25 distinct invalid bodies', () => {
    expect(new Set(CASES.map((invalid) => invalid.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$route: $name → 400 naming $field', async ({ route, body, field }) => {
    const before = await api.headPosition();
    const path = route === 'declarations' ? '/api/v1/declarations' : `/api/v1/declarations/${id}/${route}`;
    const response = await api.http
      .post(path)
      .set(admin)
      .send(body as object);
    expect(response.status).toBe(400);
    conformsToDocument(response);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringMatching(/^https:\/\/vigie\.example\/problems\//),
      status: 400,
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await api.headPosition()).toBe(before);
  });

  it('every offending field is listed at once', async () => {
    const body = submission({
      structure: { ...structure, finess: '123' },
      declarant: { ...declarant, email: 'x' },
      dataImpacts: ['NOPE'],
    });
    const response = await api.http
      .post('/api/v1/declarations')
      .set(admin)
      .send(body)
      .expect(400)
      .expect(conformsToDocument);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'dataImpacts.0',
      'declarant.email',
      'structure.finess',
    ]);
  });

  it('an id that is not a UUID is 400 naming id', async () => {
    const response = await api.http
      .get('/api/v1/declarations/not-a-uuid')
      .set(admin)
      .expect(400)
      .expect(conformsToDocument);
    expect(response.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('malformed JSON is 400 problem+json, and appends nothing', async () => {
    const before = await api.headPosition();
    const response = await api.http
      .post('/api/v1/declarations')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send('{"structure": {');
    expect(response.status).toBe(400);
    conformsToDocument(response);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://vigie.example/problems/malformed-json',
      status: 400,
    });
    expect(await api.headPosition()).toBe(before);
  });

  it('a body over the limit (256kb by default) is 413 problem+json, and appends nothing', async () => {
    const before = await api.headPosition();
    const response = await api.http
      .post('/api/v1/declarations')
      .set(admin)
      .send(submission({ description: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
    conformsToDocument(response);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://vigie.example/problems/payload-too-large',
      status: 413,
    });
    expect(await api.headPosition()).toBe(before);
  });

  it('a body in another charset than UTF-8 is 415 problem+json', async () => {
    await api.http
      .post(`/api/v1/declarations/${id}/closure`)
      .set(admin)
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from(JSON.stringify({ reason: 'Done.' }), 'utf16le'))
      .expect(415)
      .expect(conformsToDocument);
  });

  it('the history of the declaration still holds its submission only', async () => {
    const { body } = await api.http
      .get(`/api/v1/declarations/${id}/history`)
      .query(await api.caughtUp())
      .set(admin)
      .expect(200)
      .expect(conformsToDocument);
    expect(body.items.map((item: { type: string }) => item.type)).toEqual(['DeclarationSubmitted']);
  });
});
