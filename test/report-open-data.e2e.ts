import { openEventStore, type EventStore } from '@vigie/event-store';
import { OPEN_DATA_COLUMNS, OPEN_DATA_JSON_SCHEMA, type OpenDataRow } from '@vigie/reporting';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { describeEachReadDb, SettableClock, type ReadDb } from './support/read-side';
import { FINESS, OTHER_FINESS, TestApi, bearer, newDataDir, submission } from './support/vigie-api';

const YEAR = 2026;
const REPORT = `/api/v1/reports/annual/${YEAR}`;

/** The body as the bytes received, whatever the content type. */
const bytes = (res: Response, done: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describeEachReadDb('the public edition as open data, over HTTP', 'vigie_e2e_open_data', (readDb) => {
  const clock = new SettableClock('2026-03-03T09:00:00.000Z');
  let database: ReadDb;
  let dataDir: string;
  let store: EventStore;
  let api: TestApi;
  let analyst: Record<string, string>;

  /** The live report waits for the read models (`minPosition`); an edition is frozen and takes none. */
  const get = async (path: string, query: Record<string, string>) =>
    api.http
      .get(path)
      .query({ ...(path === REPORT ? await api.caughtUp() : {}), ...query })
      .set(analyst)
      .buffer(true)
      .parse(bytes)
      .expect(200);

  beforeAll(async () => {
    database = await readDb();
    dataDir = newDataDir();
    store = await openEventStore(`sqlite:${join(dataDir, 'events.sqlite')}`, { clock: clock.now });
    api = await TestApi.start(
      { ...database.env, VIGIE_DATA_DIR: dataDir },
      { clock: clock.now, eventStore: store },
    );
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    // 6 declarations in Île-de-France, 2 in Auvergne-Rhône-Alpes: 2 is masked, and 8 − 2 would give it back.
    for (const [index, [finess, region]] of [
      ...Array.from({ length: 6 }, () => [FINESS, '11']),
      ...Array.from({ length: 2 }, () => [OTHER_FINESS, '84']),
    ].entries()) {
      const detectedAt = `2026-03-0${1 + (index % 2)}T08:00:00+01:00`;
      await api.http
        .post('/api/v1/declarations')
        .set(analyst)
        .send(
          submission({
            occurredAt: detectedAt,
            detectedAt,
            structure: { finess, name: `Structure ${finess}`, type: 'ES', region },
          }),
        )
        .expect(201);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.stop({ removeData: false });
    await store?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('format=opendata-csv: the tidy CSV of the public edition, one row per cell, as an attachment', async () => {
    const response = await get(REPORT, { format: 'opendata-csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="vigie-report-${YEAR}.opendata.csv"`,
    );
    const rows = parse(response.body as Buffer, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...OPEN_DATA_COLUMNS]);
    const row = (table: string, code: string) => rows.find((r) => r.table === table && r.code === code);
    expect(row('declarations', 'total')).toMatchObject({ value: '8', flag: '', year: String(YEAR) });
    expect(row('byRegion', '84')).toMatchObject({ value: '', flag: 'masked', masked_as: '<5', share: '' });
    expect(row('byRegion', '11')).toMatchObject({ value: '', flag: 'masked', masked_as: 'secret' });
    expect(row('byRegion', '93')).toMatchObject({
      value: '0',
      flag: '',
      label_fr: "Provence-Alpes-Côte d'Azur",
    });
  });

  it('format=opendata-json validates against the published JSON Schema and holds the CSV’s rows', async () => {
    const json = JSON.parse((await get(REPORT, { format: 'opendata-json' })).body.toString('utf8')) as {
      rows: OpenDataRow[];
    };
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(
      OPEN_DATA_JSON_SCHEMA,
    );
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    const csv = parse((await get(REPORT, { format: 'opendata-csv' })).body as Buffer, {
      columns: true,
    }) as Record<string, string>[];
    expect(json.rows.map((row) => `${row.table}/${row.code}/${row.measure}/${row.value ?? ''}`)).toEqual(
      csv.map((row) => `${row.table}/${row.code}/${row.measure}/${row.value}`),
    );
  });

  it('is always the public edition, even with public=false: open data is for publishing', async () => {
    const internal = await get(REPORT, { format: 'opendata-csv', public: 'false' });
    const rows = parse(internal.body as Buffer, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.table === 'byRegion' && r.code === '84')?.flag).toBe('masked');
  });

  it('an edition renders as open data to the same bytes every time', async () => {
    const created = await api.http
      .post(`${REPORT}/publications`)
      .set(analyst)
      .send({ note: 'Open data' })
      .expect(201);
    const edition = `${REPORT}/publications/${created.body.id}`;
    for (const format of ['opendata-csv', 'opendata-json']) {
      const first = await get(edition, { format, public: 'true' });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const again = await get(edition, { format, public: 'true' });
      expect({ format, same: (again.body as Buffer).equals(first.body as Buffer) }).toEqual({
        format,
        same: true,
      });
      expect(first.headers['content-disposition']).toContain('.opendata.');
    }
  });
});
