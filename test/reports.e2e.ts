import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { REGION_CODES, STRUCTURE_TYPES } from '@vigie/domain';
import { openEventStore, type EventStore, type RecordedEvent } from '@vigie/event-store';
import { READ_MODELS, historyKeyOf } from '@vigie/read-models';
import { REPORT_PUBLISHED, reportCells, type AnnualReport } from '@vigie/reporting';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { parseCsvReport } from '../libs/reporting/src/render/parse-csv-report';
import { describeEachReadDb, SettableClock, type ReadDb } from './support/read-side';
import {
  FINESS,
  OTHER_FINESS,
  THIRD_FINESS,
  TestApi,
  bearer,
  newDataDir,
  qualification,
  submission,
} from './support/vigie-api';

const YEAR = 2026;
const REPORT = `/api/v1/reports/annual/${YEAR}`;
const PUBLICATIONS = `${REPORT}/publications`;

/** Every code of a table at 0, then the counts given. */
const table = <K extends string>(
  codes: readonly K[],
  counts: Partial<Record<K, number>>,
): Record<K, number> => ({
  ...(Object.fromEntries(codes.map((code) => [code, 0])) as Record<K, number>),
  ...counts,
});

/** supertest's parser for any content type: the body as the bytes received. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const cellsOf = (report: AnnualReport) => reportCells(report);

describe('ReportPublished events, for the read models', () => {
  it('touch no declaration row of any read model: each projection keys them to nothing', () => {
    const published: RecordedEvent = {
      id: '7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11',
      streamId: `report-publication-${YEAR}`,
      revision: 0,
      position: 42n,
      recordedAt: '2027-03-01T09:00:00.000Z',
      type: REPORT_PUBLISHED,
      data: { publicationId: '7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11', year: YEAR, report: {}, position: '41' },
      metadata: { actor: { sub: 'analyst-1', role: 'analyst' }, correlationId: 'c', schemaVersion: 1 },
    };
    // The as-of history keeps every event's instant (the report's position), and nothing else of them.
    const keyOf = (model: (typeof READ_MODELS)[number]) =>
      'rows' in model ? model.rows.keyOf(published) : historyKeyOf(published);
    expect(READ_MODELS.map((model) => [model.name, keyOf(model)])).toEqual(
      READ_MODELS.map((model) => [model.name, null]),
    );
  });
});

describeEachReadDb('the yearly report over HTTP', 'vigie_e2e_reports', (readDb) => {
  const clock = new SettableClock('2026-03-03T09:00:00.000Z');
  let database: ReadDb;
  let dataDir: string;
  let store: EventStore;
  let api: TestApi;
  let analyst: Record<string, string>;
  let admin: Record<string, string>;
  let declarant: Record<string, string>;
  const ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string> = { A: '', B: '', C: '', D: '', E: '', F: '' };

  const structure = (finess: string, type: string, region: string) => ({
    finess,
    name: `Structure ${finess}`,
    type,
    region,
  });

  async function declare(
    token: Record<string, string>,
    detectedAt: string,
    overrides: Record<string, unknown>,
  ) {
    const body = submission({ occurredAt: detectedAt, detectedAt, ...overrides });
    return (
      await api.http.post('/api/v1/declarations').set(token).send(body).expect(201).expect(conformsToDocument)
    ).body.id as string;
  }

  const qualify = (id: string, overrides: Record<string, unknown>) =>
    api.http
      .post(`/api/v1/declarations/${id}/qualification`)
      .set(analyst)
      .send(qualification(overrides))
      .expect(200)
      .expect(conformsToDocument);

  /** The report now, after every write so far. */
  async function liveReport(query: Record<string, string> = {}): Promise<AnnualReport> {
    const response = await api.http
      .get(REPORT)
      .query({ ...(await api.caughtUp()), ...query })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    return response.body as AnnualReport;
  }

  const problemField = (response: Response): string[] =>
    (response.body.errors ?? []).map((error: { field: string }) => error.field);

  beforeAll(async () => {
    database = await readDb();
    dataDir = newDataDir();
    // The log records with the server's clock, so that `asOf` and `recordedAt` speak of the same instants.
    store = await openEventStore(`sqlite:${join(dataDir, 'events.sqlite')}`, { clock: clock.now });
    api = await TestApi.start(
      { ...database.env, VIGIE_DATA_DIR: dataDir },
      { clock: clock.now, eventStore: store },
    );
    await loadDocument(api);
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
    declarant = bearer(await api.token({ role: 'declarant', finess: [FINESS] }));

    // 10:00 in Paris on 3 March 2026.
    ids.A = await declare(declarant, '2026-03-03T08:00:00+01:00', {
      structure: structure(FINESS, 'ES', '11'),
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'RANSOMWARE',
      operationalImpact: 'DEGRADED',
      patientEndangerment: 'POTENTIAL',
      dataImpacts: ['AVAILABILITY'],
      supportRequested: true,
    });
    ids.B = await declare(analyst, '2026-03-02T11:00:00+01:00', {
      structure: structure(OTHER_FINESS, 'ESMS', '84'),
      suspectedOrigin: 'NON_MALICIOUS',
      suspectedType: 'INFRA_FAILURE',
      operationalImpact: 'NONE',
      patientEndangerment: 'NONE',
      dataImpacts: [],
      supportRequested: false,
    });
    ids.C = await declare(analyst, '2026-03-01T10:00:00+01:00', {
      structure: structure(FINESS, 'ES', '11'),
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'MALICIOUS_EMAIL',
      operationalImpact: 'NONE',
      patientEndangerment: 'NONE',
      dataImpacts: [],
      supportRequested: false,
    });
    ids.D = await declare(analyst, '2026-02-20T10:00:00+01:00', {
      structure: structure(THIRD_FINESS, 'LBM', '01'),
      suspectedOrigin: 'UNKNOWN',
      suspectedType: null,
      operationalImpact: 'INTERRUPTION',
      patientEndangerment: 'ACTUAL',
      dataImpacts: ['CONFIDENTIALITY', 'INTEGRITY'],
      supportRequested: false,
    });
    clock.set('2026-03-03T10:00:00.000Z');
    await qualify(ids.A, { origin: 'MALICIOUS', type: 'RANSOMWARE', inScope: true });
    await qualify(ids.B, {
      origin: 'NON_MALICIOUS',
      type: 'INFRA_FAILURE',
      attackVectors: [],
      inScope: false,
      outOfScopeReason: 'Panne hors périmètre SI de santé',
    });
    await api.http
      .post(`/api/v1/declarations/${ids.A}/support-interventions`)
      .set(analyst)
      .send({ kind: 'REMOTE_ADVICE', summary: 'Conseils de confinement' })
      .expect(200)
      .expect(conformsToDocument);
  }, 60_000);

  afterAll(async () => {
    await api?.stop({ removeData: false });
    await store?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the declarations of the year by the rules of the report, from the read models', async () => {
    const head = (await api.headPosition()).toString();
    const report = await liveReport();

    expect(report).toMatchObject({
      year: YEAR,
      asOf: '2026-03-03T10:00:00.000Z',
      position: head,
      public: false,
    });
    expect(report.generatedAt).toBe(report.asOf);
    expect(report.declarations).toEqual({
      total: 4,
      inScope: 3,
      outOfScope: 1,
      unqualified: 2,
      previousYearTotal: 0,
      evolution: null,
    });
    expect(report.structures).toEqual({ declaring: 3, withAtLeast2: 1, withAtLeast4: 0 });
    expect(report.byStructureType).toEqual(table(STRUCTURE_TYPES, { ES: 2, ESMS: 1, LBM: 1 }));
    expect(report.byRegion).toEqual(table(REGION_CODES, { '11': 2, '84': 1, '01': 1 }));
    expect(report.byMonth['03']).toBe(4);
    expect(Object.values(report.byMonth).reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(report.origin).toEqual({ MALICIOUS: 2, NON_MALICIOUS: 1, UNKNOWN: 1 });
    expect(report.maliciousTypes).toMatchObject({ RANSOMWARE: 1, MALICIOUS_EMAIL: 1, UNSPECIFIED: 0 });
    expect(report.nonMaliciousTypes).toMatchObject({ INFRA_FAILURE: 1, UNSPECIFIED: 0 });
    expect(report.operationalImpact).toEqual({
      declarations: { NONE: 2, DEGRADED: 1, INTERRUPTION: 1 },
      // FINESS: worst of DEGRADED and NONE; OTHER: NONE; THIRD: INTERRUPTION.
      structures: { NONE: 1, DEGRADED: 1, INTERRUPTION: 1 },
    });
    expect(report.patientEndangerment).toEqual({ POTENTIAL: 1, ACTUAL: 1 });
    expect(report.dataImpacts).toEqual({ AVAILABILITY: 1, INTEGRITY: 1, CONFIDENTIALITY: 1 });
    expect(report.support).toEqual({
      requested: 1,
      interventions: { REMOTE_ADVICE: 1, TECH_INTERVENTION: 0, ANSSI_FSSI: 0 },
    });
    expect(report.timeToDeclare).toEqual({ sameDay: 1, within24h: 1, within72h: 1, later: 1 });

    await api.http.get(REPORT).set(admin).expect(200).expect(conformsToDocument);
  });

  it.each([
    ['json', 'application/json', undefined],
    ['csv', 'text/csv; charset=utf-8', `attachment; filename="vigie-report-${YEAR}.csv"`],
    ['md', 'text/markdown; charset=utf-8', undefined],
    ['html', 'text/html; charset=utf-8', undefined],
    ['pdf', 'application/pdf', `attachment; filename="vigie-report-${YEAR}.pdf"`],
  ])(
    'format=%s answers %s with a body',
    async (format, contentType, disposition) => {
      const response = await api.http
        .get(REPORT)
        .query({ format, ...(await api.caughtUp()) })
        .set(analyst)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect(conformsToDocument);
      const body = response.body as Buffer;

      expect(response.headers['content-type']).toContain(contentType);
      expect(response.headers['content-disposition']).toBe(disposition);
      expect(body.length).toBeGreaterThan(100);
      const text = body.toString('utf8');
      switch (format) {
        case 'pdf':
          expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          break;
        case 'html':
          expect(text).toMatch(/^<!DOCTYPE html>/i);
          expect(text).toContain('<svg');
          break;
        case 'md':
          expect(text).toMatch(/^# /m);
          break;
        case 'csv':
          expect(cellsOf(parseCsvReport(text) as AnnualReport)).toEqual(cellsOf(await liveReport()));
          break;
        default:
          expect(JSON.parse(text).declarations.total).toBe(4);
      }
    },
    30_000,
  );

  it('in English, the labels are English', async () => {
    const fr = await api.http
      .get(REPORT)
      .query({ format: 'md' })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    const en = await api.http
      .get(REPORT)
      .query({ format: 'md', lang: 'en' })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    expect(fr.text).toContain('# Observatoire des incidents de sécurité');
    expect(en.text).toContain('# Observatory of information-system security incidents');
  });

  it('public=true masks the counts of 1 to 4 as "<5", not the zeros', async () => {
    const report = (
      await api.http.get(REPORT).query({ public: 'true' }).set(analyst).expect(200).expect(conformsToDocument)
    ).body;

    expect(report.public).toBe(true);
    expect(report.declarations.total).toBe('<5');
    expect(report.byRegion['11']).toBe('<5');
    expect(report.byRegion['24']).toBe(0);
    expect(report.origin).toEqual({ MALICIOUS: '<5', NON_MALICIOUS: '<5', UNKNOWN: '<5' });
    const csv = await api.http
      .get(REPORT)
      .query({ public: 'true', format: 'csv' })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="vigie-report-${YEAR}-public.csv"`);
    expect(csv.text).toContain('declarations,total,<5');
  });

  it('asOf=T gives the report exactly as it stood at T, after later changes', async () => {
    clock.set('2026-03-04T09:00:00.000Z');
    const captured = await liveReport();
    expect(captured.asOf).toBe('2026-03-04T09:00:00.000Z');

    clock.set('2026-03-05T09:00:00.000Z');
    await api.http
      .post(`/api/v1/declarations/${ids.A}/qualification`)
      .set(analyst)
      .send(qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE', attackVectors: [] }))
      .expect(200)
      .expect(conformsToDocument);
    ids.E = await declare(analyst, '2026-03-05T08:00:00+01:00', {
      structure: structure(OTHER_FINESS, 'ESMS', '84'),
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'DATA_LEAK',
      operationalImpact: 'DEGRADED',
      patientEndangerment: 'NONE',
      dataImpacts: ['CONFIDENTIALITY'],
      supportRequested: false,
    });
    const now = await liveReport();
    expect(now.declarations.total).toBe(5);
    expect(now.origin).toEqual({ MALICIOUS: 2, NON_MALICIOUS: 2, UNKNOWN: 1 });

    const replayed = (
      await api.http
        .get(REPORT)
        .query({ asOf: '2026-03-04T10:00:00+01:00' })
        .set(analyst)
        .expect(200)
        .expect(conformsToDocument)
    ).body as AnnualReport;
    expect(replayed.generatedAt).toBe('2026-03-05T09:00:00.000Z');
    expect({ ...replayed, generatedAt: captured.generatedAt }).toEqual(captured);

    const before = (
      await api.http
        .get(REPORT)
        .query({ asOf: '2026-03-01T00:00:00Z' })
        .set(analyst)
        .expect(200)
        .expect(conformsToDocument)
    ).body as AnnualReport;
    expect(before.declarations.total).toBe(0);
    expect(before.position).toBe('0');
  });

  it('publications freeze an edition; restatements list the cells that moved since, with the declarations', async () => {
    clock.set('2026-03-06T09:00:00.000Z');
    const head = (await api.headPosition()).toString();
    const edition = await liveReport();

    const created = await api.http
      .post(PUBLICATIONS)
      .set(analyst)
      .send({ note: 'Observatoire 2026, point de mars' })
      .expect(201)
      .expect(conformsToDocument);
    expect(created.body).toMatchObject({
      year: YEAR,
      position: head,
      publishedAt: '2026-03-06T09:00:00.000Z',
      asOf: '2026-03-06T09:00:00.000Z',
      note: 'Observatoire 2026, point de mars',
      publishedBy: 'analyst-cert',
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`${PUBLICATIONS}/${id}`);

    const list = (await api.http.get(PUBLICATIONS).set(admin).expect(200).expect(conformsToDocument)).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id, position: head, total: 5 });
    expect(list.items[0]).not.toHaveProperty('report');

    const one = (
      await api.http.get(created.headers.location).set(analyst).expect(200).expect(conformsToDocument)
    ).body;
    expect(one).toMatchObject({ id, position: head, year: YEAR });
    expect(cellsOf(one.report)).toEqual(cellsOf(edition));

    // The projector reads past the publication (the read models skip it) and the counts stay the same.
    const afterPublication = await api.http
      .get(REPORT)
      .query({ minPosition: created.body.recordedPosition })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    expect(BigInt(afterPublication.body.position)).toBeGreaterThanOrEqual(
      BigInt(created.body.recordedPosition),
    );
    expect(cellsOf(afterPublication.body)).toEqual(cellsOf(edition));

    clock.set('2026-03-07T09:00:00.000Z');
    await qualify(ids.B, { origin: 'MALICIOUS', type: 'IS_COMPROMISE', inScope: true });
    ids.F = await declare(analyst, '2026-03-07T09:30:00+01:00', {
      structure: structure(THIRD_FINESS, 'LBM', '01'),
      suspectedOrigin: 'UNKNOWN',
      suspectedType: null,
      operationalImpact: 'DEGRADED',
      patientEndangerment: 'NONE',
      dataImpacts: ['AVAILABILITY'],
      supportRequested: false,
    });

    const restated = (
      await api.http
        .get(`${PUBLICATIONS}/${id}/restatements`)
        .set(analyst)
        .expect(200)
        .expect(conformsToDocument)
    ).body;
    expect(restated.publication).toEqual({ id, position: head, publishedAt: '2026-03-06T09:00:00.000Z' });
    expect(restated.comparedWith).toEqual({
      asOf: '2026-03-07T09:00:00.000Z',
      position: (await api.headPosition()).toString(),
    });
    const change = (section: string, key: string, old: number, now: number, declarations: string[]) => ({
      section,
      key,
      old,
      new: now,
      declarations,
    });
    expect(restated.changes).toEqual([
      change('declarations', 'total', 5, 6, [ids.F]),
      change('declarations', 'inScope', 4, 6, [ids.B, ids.F].sort()),
      change('declarations', 'outOfScope', 1, 0, [ids.B]),
      change('declarations', 'unqualified', 3, 4, [ids.F]),
      change('structures', 'withAtLeast2', 2, 3, [ids.F]),
      change('byStructureType', 'LBM', 1, 2, [ids.F]),
      change('byRegion', '01', 1, 2, [ids.F]),
      change('byMonth', '03', 5, 6, [ids.F]),
      change('origin', 'MALICIOUS', 2, 3, [ids.B]),
      change('origin', 'NON_MALICIOUS', 2, 1, [ids.B]),
      change('origin', 'UNKNOWN', 1, 2, [ids.F]),
      change('maliciousTypes', 'IS_COMPROMISE', 0, 1, [ids.B]),
      change('nonMaliciousTypes', 'INFRA_FAILURE', 2, 1, [ids.B]),
      change('operationalImpact.declarations', 'DEGRADED', 2, 3, [ids.F]),
      change('dataImpacts', 'AVAILABILITY', 1, 2, [ids.F]),
      change('timeToDeclare', 'sameDay', 2, 3, [ids.F]),
      change('taxonomyVersions', '2026.1', 5, 6, [ids.F]),
    ]);

    // Compared with the log as it stood when the edition was published: nothing moved.
    const atPublication = await api.http
      .get(`${PUBLICATIONS}/${id}/restatements`)
      .query({ asOf: '2026-03-06T09:00:00Z' })
      .set(analyst)
      .expect(200)
      .expect(conformsToDocument);
    expect(atPublication.body.changes).toEqual([]);

    // A second edition is listed first.
    const second = await api.http.post(PUBLICATIONS).set(admin).expect(201).expect(conformsToDocument);
    const editions = (await api.http.get(PUBLICATIONS).set(analyst).expect(200).expect(conformsToDocument))
      .body.items;
    expect(editions.map((item: { id: string; total: number }) => [item.id, item.total])).toEqual([
      [second.body.id, 6],
      [id, 5],
    ]);
  }, 30_000);

  it('a publication frozen as of an earlier instant counts only what was recorded by then', async () => {
    const created = await api.http
      .post(PUBLICATIONS)
      .set(analyst)
      .send({ asOf: '2026-03-04T09:00:00Z' })
      .expect(201)
      .expect(conformsToDocument);
    const frozen = (
      await api.http.get(created.headers.location).set(analyst).expect(200).expect(conformsToDocument)
    ).body;
    const then = (
      await api.http
        .get(REPORT)
        .query({ asOf: '2026-03-04T09:00:00Z' })
        .set(analyst)
        .expect(200)
        .expect(conformsToDocument)
    ).body;
    expect(frozen.asOf).toBe('2026-03-04T09:00:00.000Z');
    expect(frozen.report.declarations.total).toBe(4);
    expect(cellsOf(frozen.report)).toEqual(cellsOf(then));
    expect(frozen.position).toBe(then.position);
  });

  it('is for analysts and admins: a declarant gets 403 on every report route', async () => {
    const routes = [
      api.http.get(REPORT),
      api.http.get(PUBLICATIONS),
      api.http.post(PUBLICATIONS).send({}),
      api.http.get(`${PUBLICATIONS}/7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11`),
      api.http.get(`${PUBLICATIONS}/7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11/restatements`),
    ];
    for (const route of routes) {
      const response = await route.set(declarant).expect(403).expect(conformsToDocument);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    await api.http.get(REPORT).expect(401).expect(conformsToDocument);
  });

  it.each([
    ['a year that is not one', '/api/v1/reports/annual/20x6', {}, 'year'],
    ['an unknown format', REPORT, { format: 'docx' }, 'format'],
    ['an unknown language', REPORT, { lang: 'de' }, 'lang'],
    ['an asOf that is not an instant', REPORT, { asOf: 'yesterday' }, 'asOf'],
    ['an asOf without offset', REPORT, { asOf: '2026-03-04T09:00:00' }, 'asOf'],
    ['an asOf in the future', REPORT, { asOf: '2027-01-01T00:00:00Z' }, 'asOf'],
    ['public that is not a boolean', REPORT, { public: 'yes' }, 'public'],
    ['a minPosition that is not a position', REPORT, { minPosition: '-1' }, 'minPosition'],
    ['an unknown parameter', REPORT, { colour: 'blue' }, 'colour'],
    ['a publication id that is not a UUID', `${PUBLICATIONS}/42`, {}, 'id'],
    [
      'restatements asOf in the future',
      `${PUBLICATIONS}/7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11/restatements`,
      { asOf: '2030-01-01T00:00:00Z' },
      'asOf',
    ],
  ])('400 problem+json naming the parameter for %s', async (_case, path, query, field) => {
    const response = await api.http
      .get(path)
      .query(query)
      .set(analyst)
      .expect(400)
      .expect(conformsToDocument);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(problemField(response)).toEqual([field]);
  });

  it('refuses a publication as of the future, of a year not begun or with a blank note, and appends nothing', async () => {
    const head = await api.headPosition();
    const future = await api.http
      .post(PUBLICATIONS)
      .set(analyst)
      .send({ asOf: '2030-01-01T00:00:00Z' })
      .expect(400)
      .expect(conformsToDocument);
    expect(problemField(future)).toEqual(['asOf']);
    const blank = await api.http
      .post(PUBLICATIONS)
      .set(analyst)
      .send({ note: '  ' })
      .expect(400)
      .expect(conformsToDocument);
    expect(problemField(blank)).toEqual(['note']);
    const nextYear = await api.http
      .post('/api/v1/reports/annual/2027/publications')
      .set(analyst)
      .expect(400)
      .expect(conformsToDocument);
    expect(problemField(nextYear)).toEqual(['year']);
    expect(await api.headPosition()).toBe(head);
  });

  it('with an Idempotency-Key, a retried publication gets the same edition; the key on another body is 422', async () => {
    const count = async () =>
      (await api.http.get(PUBLICATIONS).set(analyst).expect(200).expect(conformsToDocument)).body.items
        .length;
    const before = await count();
    const key = { 'Idempotency-Key': 'edition-mars-2026' };

    const publish = (note: string) => api.http.post(PUBLICATIONS).set(analyst).set(key).send({ note });

    const first = await publish('Mars').expect(201).expect(conformsToDocument);
    const retry = await publish('Mars').expect(201).expect(conformsToDocument);

    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count()).toBe(before + 1);
    await publish('Avril').expect(422).expect(conformsToDocument);
  });

  it('the routes are in the OpenAPI document', async () => {
    const paths = Object.keys((await api.http.get('/docs-json').expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/reports/annual/{year}',
        '/api/v1/reports/annual/{year}/publications',
        '/api/v1/reports/annual/{year}/publications/{id}',
        '/api/v1/reports/annual/{year}/publications/{id}/restatements',
      ]),
    );
  });

  it('an edition renders in every format, internal and public, to the same bytes every time', async () => {
    const created = await api.http.post(PUBLICATIONS).set(analyst).send({ note: 'Formats' }).expect(201);
    const edition = `${PUBLICATIONS}/${created.body.id}`;
    const fetchBytes = (query: Record<string, string>) =>
      api.http
        .get(edition)
        .query(query)
        .set(analyst)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
    const types = {
      json: 'application/json',
      csv: 'text/csv',
      md: 'text/markdown',
      html: 'text/html',
      pdf: 'application/pdf',
    };
    const variants = Object.keys(types).flatMap((format) =>
      ['false', 'true'].map((isPublic) => ({ format, isPublic })),
    );
    const fetchAll = () =>
      Promise.all(variants.map(({ format, isPublic }) => fetchBytes({ format, public: isPublic })));
    const first = await fetchAll();
    // A second later, again: a frozen edition's bytes hold no instant of rendering.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await fetchAll();
    variants.forEach(({ format, isPublic }, index) => {
      expect(first[index].headers['content-type']).toContain(types[format as keyof typeof types]);
      const same = (again[index].body as Buffer).equals(first[index].body as Buffer);
      expect({ format, isPublic, same }).toEqual({ format, isPublic, same: true });
    });
    // The public edition is the masked one; without format the record keeps its shape.
    const internal = JSON.parse((await fetchBytes({ format: 'json' })).body.toString('utf8'));
    const masked = JSON.parse((await fetchBytes({ format: 'json', public: 'true' })).body.toString('utf8'));
    expect(internal.public).toBe(false);
    expect(masked.public).toBe(true);
    const record = await api.http.get(edition).set(analyst).expect(200).expect(conformsToDocument);
    expect(record.body.report.declarations.total).toBe(internal.declarations.total);
    await api.http.get(edition).query({ format: 'xls' }).set(analyst).expect(400);
  }, 60_000);

  it('404 for an edition of another year or that does not exist', async () => {
    const created = await api.http.post(PUBLICATIONS).set(analyst).expect(201).expect(conformsToDocument);
    await api.http
      .get(`/api/v1/reports/annual/2025/publications/${created.body.id}`)
      .set(analyst)
      .expect(404)
      .expect(conformsToDocument);
    const missing = await api.http
      .get(`${PUBLICATIONS}/7f0c2b1e-1d7a-4c8e-9a51-3b7d2f9c0e11/restatements`)
      .set(analyst)
      .expect(404)
      .expect(conformsToDocument);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
