import { openEventStore, type EventStore } from '@vigie/event-store';
import type { AnnualReport } from '@vigie/reporting';
import { join } from 'node:path';
import { parseCsvReport } from '../libs/reporting/src/render/parse-csv-report';
import { SettableClock, describeEachReadDb, type ReadDb } from './support/read-side';
import { FINESS, OTHER_FINESS, TestApi, bearer, newDataDir, submission } from './support/vigie-api';

const REPORT = '/api/v1/reports/annual/2026';
const essential = {
  finess: FINESS,
  name: 'CHU X',
  type: 'ES',
  region: '11',
  isOse: false,
  nis2: 'ESSENTIAL',
};
const clinic = {
  finess: OTHER_FINESS,
  name: 'Clinique Y',
  type: 'ES',
  region: '84',
  isOse: false,
  nis2: 'NONE',
};
const stage = (
  counts: Partial<Record<'met' | 'metLate' | 'overdue' | 'due', number>>,
  shareOnTime: number | null,
) => {
  const row = { met: 0, metLate: 0, overdue: 0, due: 0, ...counts };
  return { total: row.met + row.metLate + row.overdue + row.due, ...row, shareOnTime };
};

/**
 * The yearly report's `deadlines` section: per regime and stage, the clocks of the year's
 * declarations met on time, read at the report's instant. Live (deadlines read model) and
 * replayed (`asOf`) must give the same section at the same instant.
 */
describeEachReadDb(
  'yearly report: regulatory deadlines met on time',
  'vigie_e2e_report_deadlines',
  (readDb) => {
    const clock = new SettableClock('2025-12-20T09:00:00.000Z');
    let database: ReadDb;
    let store: EventStore;
    let api: TestApi;
    let analyst: Record<string, string>;
    let declarant: Record<string, string>;
    let hospital: string;

    const declare = async (token: Record<string, string>, overrides: Record<string, unknown>) =>
      (await api.http.post('/api/v1/declarations').set(token).send(submission(overrides)).expect(201)).body
        .id as string;
    const live = async (query: Record<string, string> = {}) =>
      api.http
        .get(REPORT)
        .query({ ...(await api.caughtUp()), ...query })
        .set(analyst)
        .expect(200);
    const withoutGeneratedAt = ({ generatedAt: _generatedAt, ...report }: AnnualReport) => report;

    beforeAll(async () => {
      database = await readDb();
      const dataDir = newDataDir();
      // The log records with the server's clock, so that `asOf` and `recordedAt` speak of the same instants.
      store = await openEventStore(`sqlite:${join(dataDir, 'events.sqlite')}`, { clock: clock.now });
      api = await TestApi.start(
        { ...database.env, VIGIE_DATA_DIR: dataDir },
        { clock: clock.now, eventStore: store },
      );
      analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
      declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi', finess: [FINESS, OTHER_FINESS] }));

      // Given a NIS2 declaration of 2025, whose clocks belong to the 2025 report only…
      await declare(declarant, {
        structure: essential,
        occurredAt: '2025-12-20T08:00:00+01:00',
        detectedAt: '2025-12-20T08:30:00+01:00',
        dataImpacts: ['CONFIDENTIALITY'],
      });
      // …an essential hospital declaring within the hour, personal data exposed, on 2 March 2026…
      clock.set('2026-03-02T08:00:00.000Z');
      hospital = await declare(declarant, {
        structure: essential,
        dataImpacts: ['AVAILABILITY', 'CONFIDENTIALITY'],
      });
      // …a clinic (no NIS2) declaring five days after detection…
      clock.set('2026-03-02T09:00:00.000Z');
      await declare(declarant, {
        structure: clinic,
        occurredAt: '2026-02-25T07:40:00+01:00',
        detectedAt: '2026-02-25T08:05:00+01:00',
      });
      // …the hospital's notification in time (72 h after detection: 5 March 07:05Z)…
      clock.set('2026-03-04T10:00:00.000Z');
      await api.http
        .post(`/api/v1/declarations/${hospital}/reports`)
        .set(declarant)
        .send({ stage: 'NOTIFICATION', content: 'Notification d’incident' })
        .expect(200);
      // …and no CNIL notification by 10 March.
      clock.set('2026-03-10T12:00:00.000Z');
    });

    afterAll(async () => {
      await api?.stop();
      await store?.close();
      await database?.drop();
    });

    it('counts every stage of the year’s declarations at the report’s instant, by regime and stage', async () => {
      const report = (await live()).body as AnnualReport;
      expect(report.asOf).toBe('2026-03-10T12:00:00.000Z');
      expect(report.deadlines).toEqual({
        CSP: { DECLARATION: stage({ met: 1, metLate: 1 }, 50) },
        NIS2: {
          EARLY_WARNING: stage({ met: 1 }, 100),
          NOTIFICATION: stage({ met: 1 }, 100),
          INTERMEDIATE: stage({}, null),
          FINAL: stage({ due: 1 }, null),
        },
        GDPR: { CNIL_NOTIFICATION: stage({ overdue: 1 }, 0) },
      });
    });

    it('live and asOf at the same instant give the same report, deadlines included', async () => {
      const now = (await live()).body as AnnualReport;
      const replayed = (await live({ asOf: '2026-03-10T12:00:00.000Z' })).body as AnnualReport;
      expect(withoutGeneratedAt(replayed)).toEqual(withoutGeneratedAt(now));
    });

    it('asOf reads the clocks as they stood then: before the notification fell due, it was due', async () => {
      const then = (await live({ asOf: '2026-03-03T12:00:00.000Z' })).body as AnnualReport;
      expect(then.deadlines.NIS2.NOTIFICATION).toEqual(stage({ due: 1 }, null));
      expect(then.deadlines.GDPR.CNIL_NOTIFICATION).toEqual(stage({ due: 1 }, null));
      expect(then.deadlines.CSP.DECLARATION).toEqual(stage({ met: 1, metLate: 1 }, 50));
    });

    it('a late CNIL notification turns the overdue stage into met-late, live and replayed alike', async () => {
      clock.set('2026-03-11T09:00:00.000Z');
      await api.http
        .post(`/api/v1/declarations/${hospital}/cnil-notification`)
        .set(declarant)
        .send({ notifiedAt: '2026-03-11T08:00:00Z', reference: 'CNIL-2026-0042' })
        .expect(200);
      const now = (await live()).body as AnnualReport;
      expect(now.deadlines.GDPR.CNIL_NOTIFICATION).toEqual(stage({ metLate: 1 }, 0));
      const replayed = (await live({ asOf: now.asOf })).body as AnnualReport;
      expect(withoutGeneratedAt(replayed)).toEqual(withoutGeneratedAt(now));
    });

    it('every format carries the section: CSV reads back, md/html label it, PDF renders; public masks it', async () => {
      const json = (await live()).body as AnnualReport;
      const csv = await live({ format: 'csv' });
      expect(parseCsvReport(csv.text)).toEqual(json);
      expect(csv.text).toContain('deadlines.CSP.DECLARATION,shareOnTime,50');
      expect((await live({ format: 'md' })).text).toMatch(
        /\| CSP — signalement « sans délai » — 2 échues dont 1 tenues en retard .*\| `CSP\/DECLARATION` \| 1 \| 50 % \|/,
      );
      const html = (await live({ format: 'html', lang: 'en' })).text;
      expect(html).toContain('Regulatory deadlines met on time');
      expect(html).toContain('GDPR — notification to the CNIL (72 h)');
      const pdf = await api.http
        .get(REPORT)
        .query({ ...(await api.caughtUp()), format: 'pdf' })
        .set(analyst)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const masked = (await live({ public: 'true' })).body as AnnualReport<number | '<5'>;
      expect(masked.deadlines.CSP.DECLARATION).toEqual({
        total: '<5',
        met: '<5',
        metLate: '<5',
        overdue: 0,
        due: 0,
        shareOnTime: null,
      });
    });
  },
);
