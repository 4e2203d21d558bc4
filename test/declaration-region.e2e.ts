import { REGION_CODES, finessPlace } from '@vigie/domain';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { TestApi, bearer, submission } from './support/vigie-api';

/** The region of a declaration is its FINESS number's (docs/domain-regions.md), over real HTTP. */
describe('a declaration whose region contradicts its FINESS number', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  const valid = submission();
  const structure = valid.structure as Record<string, unknown>;
  const declare = (overrides: Record<string, unknown>, body: Record<string, unknown> = {}) =>
    api.http
      .post('/api/v1/declarations')
      .set(admin)
      .send(submission({ structure: { ...structure, ...overrides }, ...body }));

  beforeAll(async () => {
    api = await TestApi.start();
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
    await loadDocument(api);
  });
  afterAll(() => api.stop());

  it('is 400 problem+json naming structure.region and structure.finess, and appends nothing', async () => {
    const before = await api.headPosition();
    // 750712184 is in Paris (75), Île-de-France (11).
    const response = await declare({ finess: '750712184', region: '84' })
      .expect(400)
      .expect('Content-Type', /^application\/problem\+json/)
      .expect(conformsToDocument);
    expect(response.body.errors).toEqual([
      { field: 'structure.finess', message: "the FINESS number's département 75 is in region 11, not 84" },
      { field: 'structure.region', message: "the FINESS number's département 75 is in region 11, not 84" },
    ]);
    expect(await api.headPosition()).toBe(before);
  });

  it('is listed beside the body’s other faults', async () => {
    const response = await declare(
      { finess: '970100400', region: '02' },
      { declarant: { ...(valid.declarant as object), email: 'x' } },
    ).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'declarant.email',
      'structure.finess',
      'structure.region',
    ]);
  });

  it('a number of a territory no region covers (Wallis-et-Futuna) fits no region', async () => {
    const response = await declare({ finess: '980600027', region: '01' }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'structure.finess', message: expect.stringContaining('Wallis-et-Futuna') },
      { field: 'structure.region', message: expect.stringContaining('Wallis-et-Futuna') },
    ]);
  });

  it('an invalid FINESS number is named alone: its region is not judged', async () => {
    const response = await declare({ finess: '750712185', region: '84' }).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['structure.finess']);
  });

  it.each([
    ['970100400', '01'], // Saint-Martin, filed under Guadeloupe
    ['970400024', '04'],
    ['980502199', '06'], // Mayotte, under its former code 985
    ['2A0000001', '94'],
    ['010000016', '84'],
  ])('FINESS %s in region %s is accepted', async (finess, region) => {
    expect(finessPlace(finess)).toMatchObject({ region });
    const response = await declare({ finess, region }).expect(201);
    const read = await api.http
      .get(`/api/v1/declarations/${response.body.id as string}`)
      .query(await api.caughtUp())
      .set(admin)
      .expect(200);
    expect(read.body.structure).toMatchObject({ finess, region });
  });

  it('every other region is refused for a Paris number', async () => {
    const before = await api.headPosition();
    for (const region of REGION_CODES.filter((code) => code !== '11')) {
      await declare({ finess: '750712184', region }).expect(400);
    }
    expect(await api.headPosition()).toBe(before);
  });
});
