import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { FINESS, OTHER_FINESS, TestApi, bearer, submission } from './support/vigie-api';

/** The dashboard's series over real HTTP: declarations per Paris week, to this one, every week present. */
describe('declarations per week', () => {
  let api: TestApi;
  let analyst: Record<string, string>;
  let declarant: Record<string, string>;

  beforeAll(async () => {
    api = await TestApi.start();
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi', finess: [FINESS] }));
    await loadDocument(api);
    const other = bearer(await api.token({ role: 'declarant', sub: 'rssi-ain', finess: [OTHER_FINESS] }));
    for (let n = 0; n < 3; n++)
      await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201);
    const base = submission();
    await api.http
      .post('/api/v1/declarations')
      .set(other)
      .send({ ...base, structure: { ...(base.structure as object), finess: OTHER_FINESS, region: '84' } })
      .expect(201);
    await api.readModelsCaughtUp();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const weekly = (headers: Record<string, string>, query: object = {}) =>
    api.http.get('/api/v1/declaration-counts/weekly').query(query).set(headers).expect(conformsToDocument);

  it('52 Mondays to this week’s, oldest first; this week counts what was submitted, the others 0', async () => {
    const { body } = await weekly(analyst).expect(200);
    expect(body.weeks).toHaveLength(52);
    const starts: string[] = body.weeks.map((week: { weekStart: string }) => week.weekStart);
    for (const start of starts) expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
    for (let i = 1; i < starts.length; i++)
      expect(Date.parse(starts[i]) - Date.parse(starts[i - 1])).toBe(7 * 86_400_000);
    expect(body.weeks.at(-1).count).toBe(4);
    expect(body.weeks.slice(0, -1).every((week: { count: number }) => week.count === 0)).toBe(true);
  });

  it('a declarant counts its facilities only; weeks= chooses the length and is checked', async () => {
    const { body } = await weekly(declarant, { weeks: '4' }).expect(200);
    expect(body.weeks.map((week: { count: number }) => week.count)).toEqual([0, 0, 0, 3]);
    for (const bad of ['0', '105', 'x', '-1']) {
      const refused = await weekly(analyst, { weeks: bad }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'weeks' })]);
    }
    await api.http.get('/api/v1/declaration-counts/weekly').expect(401);
  });
});
