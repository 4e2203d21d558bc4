import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { datesBefore, describeEachReadDb, SettableClock, type ReadDb } from './support/read-side';
import {
  FINESS,
  OTHER_FINESS,
  TestApi,
  THIRD_FINESS,
  bearer,
  qualification,
  submission,
} from './support/vigie-api';

interface Item {
  id: string;
  finess: string;
  status: string;
  origin: string;
  type: string | null;
  submittedAt: string;
}

describeEachReadDb('GET /api/v1/declarations', 'vigie_e2e_list', (readDb) => {
  const clock = new SettableClock('2026-09-01T08:00:00.000Z');
  let api: TestApi;
  let database: ReadDb;
  let analyst: Record<string, string>;
  /** Declarations by letter, each there to be found (or not) by some filter. */
  const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

  async function declare(submittedAt: string, overrides: Record<string, unknown>): Promise<string> {
    clock.set(submittedAt);
    const body = submission({ ...datesBefore(submittedAt), ...overrides });
    return (
      await api.http
        .post('/api/v1/declarations')
        .set(analyst)
        .send(body)
        .expect(201)
        .expect(conformsToDocument)
    ).body.id;
  }

  const structure = (finess: string, type: string, region: string) => ({
    finess,
    name: `Structure ${finess}`,
    type,
    region,
  });

  /** The ids of a page, read after every write so far. */
  async function list(query: Record<string, string | number>, token = analyst): Promise<string[]> {
    const response = await api.http
      .get('/api/v1/declarations')
      .query({ ...(await api.caughtUp()), ...query })
      .set(token)
      .expect(200)
      .expect(conformsToDocument);
    return response.body.items.map((item: Item) => item.id);
  }

  beforeAll(async () => {
    database = await readDb();
    api = await TestApi.start(database.env, { clock: clock.now });
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    await loadDocument(api);
    // 23:30 in Paris on New Year's Eve: a 2025 declaration.
    ids.A = await declare('2025-12-31T22:30:00.000Z', {
      structure: structure(FINESS, 'ES', '11'),
      description: 'Rançongiciel : 100% des serveurs chiffrés',
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'RANSOMWARE',
      patientEndangerment: 'POTENTIAL',
    });
    // 00:30 in Paris on New Year's Day: 2026.
    ids.B = await declare('2025-12-31T23:30:00.000Z', {
      structure: structure(OTHER_FINESS, 'ESMS', '84'),
      description: 'Perte du lien_telecom principal',
      suspectedOrigin: 'UNKNOWN',
      suspectedType: null,
      patientEndangerment: 'NONE',
    });
    clock.set('2026-01-02T09:00:00.000Z');
    await api.http
      .post(`/api/v1/declarations/${ids.B}/qualification`)
      .set(analyst)
      .send(qualification({ origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS', attackVectors: [] }))
      .expect(200);
    ids.C = await declare('2026-03-10T10:00:00.000Z', {
      structure: structure(THIRD_FINESS, 'LBM', '01'),
      description: 'Écran noir au laboratoire, cause inconnue',
      suspectedOrigin: 'UNKNOWN',
      suspectedType: null,
      patientEndangerment: 'ACTUAL',
    });
    clock.set('2026-03-11T10:00:00.000Z');
    await api.http
      .post(`/api/v1/declarations/${ids.C}/closure`)
      .set(analyst)
      .send({ reason: 'Handled.' })
      .expect(200);
    ids.D = await declare('2026-06-15T10:00:00.000Z', {
      structure: structure(FINESS, 'ES', '11'),
      description: 'Hameçonnage ciblé de la direction',
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'MALICIOUS_EMAIL',
      patientEndangerment: 'NONE',
    });
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('without filters: every declaration, newest submission first, with its list fields', async () => {
    const response = await api.http
      .get('/api/v1/declarations')
      .query(await api.caughtUp())
      .set(analyst)
      .expect(200);
    expect(response.body.items.map((item: Item) => item.id)).toEqual([ids.D, ids.C, ids.B, ids.A]);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items[2]).toMatchObject({
      id: ids.B,
      finess: OTHER_FINESS,
      structureType: 'ESMS',
      region: '84',
      submittedAt: '2025-12-31T23:30:00.000Z',
      year: 2026,
      origin: 'NON_MALICIOUS',
      type: 'TELECOM_LOSS',
      status: 'QUALIFIED',
      patientEndangerment: 'NONE',
      revision: 1,
    });
    // The list carries no personal data of the declarant.
    expect(response.text).not.toContain('rssi@ch-x.example');
    expect(response.text).not.toContain('Jeanne');
  });

  it('year is the Europe/Paris calendar year of submittedAt', async () => {
    expect(await list({ year: 2025 })).toEqual([ids.A]);
    expect(await list({ year: 2026 })).toEqual([ids.D, ids.C, ids.B]);
    expect(await list({ year: 2024 })).toEqual([]);
  });

  it('from is inclusive and to exclusive, instants in any offset', async () => {
    expect(await list({ from: '2026-01-01T00:30:00+01:00' })).toEqual([ids.D, ids.C, ids.B]);
    expect(await list({ to: '2026-01-01T00:30:00+01:00' })).toEqual([ids.A]);
    expect(await list({ from: '2026-01-01T00:00:00Z', to: '2026-06-15T10:00:00Z' })).toEqual([ids.C]);
  });

  it('region, structure type and FINESS (one, or several comma-separated)', async () => {
    expect(await list({ region: '84' })).toEqual([ids.B]);
    expect(await list({ structureType: 'ES' })).toEqual([ids.D, ids.A]);
    expect(await list({ finess: THIRD_FINESS })).toEqual([ids.C]);
    expect(await list({ finess: `${THIRD_FINESS},${OTHER_FINESS}` })).toEqual([ids.C, ids.B]);
  });

  it('origin and type are the qualification’s, else the suspected ones', async () => {
    expect(await list({ origin: 'MALICIOUS' })).toEqual([ids.D, ids.A]);
    expect(await list({ origin: 'NON_MALICIOUS' })).toEqual([ids.B]);
    expect(await list({ origin: 'UNKNOWN' })).toEqual([ids.C]);
    expect(await list({ type: 'TELECOM_LOSS' })).toEqual([ids.B]);
    expect(await list({ type: 'RANSOMWARE' })).toEqual([ids.A]);
  });

  it('status and patient endangerment', async () => {
    expect(await list({ status: 'CLOSED' })).toEqual([ids.C]);
    expect(await list({ status: 'QUALIFIED' })).toEqual([ids.B]);
    expect(await list({ status: 'SUBMITTED' })).toEqual([ids.D, ids.A]);
    expect(await list({ patientEndangerment: 'ACTUAL' })).toEqual([ids.C]);
    expect(await list({ patientEndangerment: 'NONE' })).toEqual([ids.D, ids.B]);
  });

  it('filters combine: all of them must hold', async () => {
    expect(await list({ year: 2026, structureType: 'ES' })).toEqual([ids.D]);
    expect(await list({ finess: FINESS, patientEndangerment: 'POTENTIAL' })).toEqual([ids.A]);
    expect(await list({ region: '11', status: 'CLOSED' })).toEqual([]);
  });

  it('q searches the description, ignoring case and accents, taking % and _ literally', async () => {
    expect(await list({ q: 'rancongiciel' })).toEqual([ids.A]);
    expect(await list({ q: 'ÉCRAN NOIR' })).toEqual([ids.C]);
    expect(await list({ q: 'hameconnage' })).toEqual([ids.D]);
    expect(await list({ q: '100%' })).toEqual([ids.A]);
    expect(await list({ q: '%' })).toEqual([ids.A]);
    expect(await list({ q: 'lien_telecom' })).toEqual([ids.B]);
    expect(await list({ q: '_' })).toEqual([ids.B]);
    expect(await list({ q: 'absent du texte' })).toEqual([]);
  });

  describe('a declarant', () => {
    let declarant: Record<string, string>;
    beforeAll(async () => {
      declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    });

    it('sees only the declarations of its facilities', async () => {
      expect(await list({}, declarant)).toEqual([ids.D, ids.A]);
      expect(await list({ origin: 'MALICIOUS', year: 2025 }, declarant)).toEqual([ids.A]);
    });

    it('filtering on a facility it does not act for gets an empty list, not an error', async () => {
      expect(await list({ finess: OTHER_FINESS }, declarant)).toEqual([]);
      expect(await list({ finess: `${OTHER_FINESS},${FINESS}` }, declarant)).toEqual([ids.D, ids.A]);
    });

    it('acting for several facilities, sees each of them', async () => {
      const multi = bearer(await api.token({ role: 'declarant', finess: [FINESS, THIRD_FINESS] }));
      expect(await list({}, multi)).toEqual([ids.D, ids.C, ids.A]);
    });
  });

  it('admins list too', async () => {
    const admin = bearer(await api.token({ role: 'admin' }));
    expect(await list({ year: 2025 }, admin)).toEqual([ids.A]);
  });

  describe('pagination', () => {
    const many: string[] = [];

    beforeAll(async () => {
      // 23 declarations of 2024, many submitted at the same instant: the order must break ties by id.
      const instants = ['2024-05-01T10:00:00.000Z', '2024-05-02T10:00:00.000Z', '2024-05-03T10:00:00.000Z'];
      for (let n = 0; n < 23; n++) {
        many.push(
          await declare(instants[n % 3], {
            structure: structure(OTHER_FINESS, 'ESMS', '84'),
            description: `Incident ${n}`,
          }),
        );
      }
    });

    async function allPages(
      query: Record<string, string | number>,
    ): Promise<{ pages: number; ids: string[] }> {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Item[]; nextCursor: string | null } = (
          await api.http
            .get('/api/v1/declarations')
            .query({ ...(await api.caughtUp()), ...query, ...(cursor === null ? {} : { cursor }) })
            .set(analyst)
            .expect(200)
            .expect(conformsToDocument)
        ).body;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
        if (pages === 1) {
          // A newer declaration arriving meanwhile sorts before the cursor: later pages neither repeat nor skip.
          await declare('2024-12-30T10:00:00.000Z', { structure: structure(OTHER_FINESS, 'ESMS', '84') });
        }
      } while (cursor !== null);
      return { pages, ids: seen };
    }

    it('pages of `limit` follow each other with no duplicate, no gap, in a stable order', async () => {
      const everything = await api.http
        .get('/api/v1/declarations')
        .query({ ...(await api.caughtUp()), year: 2024, limit: 200 })
        .set(analyst)
        .expect(200);
      const expected: Item[] = everything.body.items;
      expect(expected.map((item) => item.id).sort()).toEqual([...many].sort());
      // submittedAt descending, then id descending.
      const order = [...expected].sort(
        (a, b) => b.submittedAt.localeCompare(a.submittedAt) || (a.id < b.id ? 1 : -1),
      );
      expect(expected.map((item) => item.id)).toEqual(order.map((item) => item.id));

      const paged = await allPages({ year: 2024, limit: 5 });
      expect(paged.pages).toBe(5);
      expect(paged.ids).toEqual(expected.map((item) => item.id));
    });

    it('limit defaults to 50, and a page of exactly `limit` items at the end has no next cursor', async () => {
      const response = await api.http
        .get('/api/v1/declarations')
        .query({ ...(await api.caughtUp()), year: 2024 })
        .set(analyst)
        .expect(200);
      expect(response.body.items.length).toBeGreaterThanOrEqual(23);
      expect(response.body.nextCursor).toBeNull();
      const exact = await api.http
        .get('/api/v1/declarations')
        .query({ ...(await api.caughtUp()), year: 2024, to: '2024-06-01T00:00:00Z', limit: 23 })
        .set(analyst)
        .expect(200);
      expect(exact.body.items).toHaveLength(23);
      expect(exact.body.nextCursor).toBeNull();
    });
  });

  describe('invalid parameters are 400 problem+json naming each of them', () => {
    it.each([
      ['year', 'twenty'],
      ['year', '2026.5'],
      ['from', 'yesterday'],
      ['to', '2026-01-01T00:00:00'],
      ['region', '99'],
      ['structureType', 'CHU'],
      ['finess', '750712185'],
      ['finess', `${FINESS},12`],
      ['origin', 'EVIL'],
      ['type', 'ALIENS'],
      ['status', 'OPEN'],
      ['patientEndangerment', 'SOME'],
      ['q', '   '],
      ['q', 'x'.repeat(201)],
      ['limit', '0'],
      ['limit', '201'],
      ['limit', 'ten'],
      ['cursor', 'not a cursor!'],
      ['cursor', 'bm9wZQ'],
      ['minPosition', '-1'],
      ['minPosition', 'latest'],
      ['sort', 'description'],
      ['sort', '--submittedAt'],
      ['format', 'xlsx'],
      ['assignee', 'a b'],
      ['order', 'submittedAt'],
    ])('%s=%s', async (name, value) => {
      const response = await api.http
        .get('/api/v1/declarations')
        .query({ [name]: value })
        .set(analyst);
      expect(response.status).toBe(400);
      conformsToDocument(response);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/validation-failed',
        status: 400,
        errors: [{ field: name, message: expect.any(String) }],
      });
    });

    it('every offending parameter is listed at once', async () => {
      const response = await api.http
        .get('/api/v1/declarations')
        .query({ year: 'x', region: '99', limit: '0' })
        .set(analyst)
        .expect(400)
        .expect(conformsToDocument);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'limit',
        'region',
        'year',
      ]);
    });

    it('a parameter given twice is refused rather than half-read', async () => {
      const response = await api.http
        .get('/api/v1/declarations?year=2025&year=2026')
        .set(analyst)
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'year', message: expect.any(String) }]);
    });
  });

  it('without a token: 401', async () => {
    await api.http.get('/api/v1/declarations').expect(401).expect(conformsToDocument);
  });
});
