import { parse } from 'csv-parse/sync';
import { FINESS, TestApi, bearer, submission } from './support/vigie-api';

/** The queue as a CSV file over real HTTP: its columns, its safety in a spreadsheet, its audit. */
describe('the CSV export of the declarations', () => {
  let api: TestApi;
  let declarant: Record<string, string>;
  let analyst: Record<string, string>;
  let admin: Record<string, string>;
  let position = '0';
  const FORMULA = '=HYPERLINK("http://evil.example","cliquez")';

  beforeAll(async () => {
    api = await TestApi.start();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-cert' }));
    for (const description of ['Rançongiciel sur le PACS', FORMULA])
      ({ position } = (
        await api.http
          .post('/api/v1/declarations')
          .set(declarant)
          .send(submission({ description }))
          .expect(201)
      ).body);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const download = (headers: Record<string, string>, query: Record<string, string>) =>
    api.http
      .get('/api/v1/declarations')
      .query({ format: 'csv', minPosition: position, ...query })
      .set(headers)
      .set('X-Request-Id', 'export-test-1')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('opens with a BOM and the right columns; a formula is shown, never run; the export is audited', async () => {
    const response = await download(analyst, { status: 'SUBMITTED', q: 'e' }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="declarations-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([
      'Référence',
      'Identifiant',
      'Déclarée le (UTC)',
      'FINESS',
      'Structure',
      'Type de structure',
      'Région',
      'Statut',
      'Origine',
      'Type',
      'Mise en danger des patients',
      'Impact sur le fonctionnement',
      'Analyste',
      'Description',
    ]);
    expect(rows).toHaveLength(3);
    const descriptions = rows.slice(1).map((row) => row[13]);
    expect(descriptions.sort()).toEqual([`'${FORMULA}`, 'Rançongiciel sur le PACS'].sort());
    expect(rows[1][0]).toMatch(/^\d{4}-\d{6}$/);
    expect(rows[1][6]).toBe('Île-de-France (11)');

    const audit = await api.http
      .get('/api/v1/audit/reads')
      .query({ actor: 'analyst-cert' })
      .set(admin)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: 'analyst-cert',
        role: 'analyst',
        route: expect.stringMatching(/^EXPORT GET \/api\/v1\/declarations\?.*status=SUBMITTED/),
        requestId: 'export-test-1',
      }),
    ]);
  });

  it('is refused to a facility’s declarant (403), and audits nothing then', async () => {
    await download(declarant, {}).expect(403);
    const audit = await api.http
      .get('/api/v1/audit/reads')
      .query({ actor: 'rssi-ch-x' })
      .set(admin)
      .expect(200);
    expect(audit.body.items).toEqual([]);
  });
});
