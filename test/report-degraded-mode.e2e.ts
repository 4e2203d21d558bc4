import { openEventStore, type EventStore } from '@vigie/event-store';
import type { AnnualReport, PublicReport } from '@vigie/reporting';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachReadDb, SettableClock, type ReadDb } from './support/read-side';
import { FINESS, OTHER_FINESS, TestApi, bearer, newDataDir, submission } from './support/vigie-api';

const YEAR = 2026;
const REPORT = `/api/v1/reports/annual/${YEAR}`;

describeEachReadDb(
  'the duration of degraded mode over HTTP, live and asOf',
  'vigie_e2e_degraded',
  (readDb) => {
    const clock = new SettableClock('2026-03-20T09:00:00.000Z');
    let database: ReadDb;
    let dataDir: string;
    let store: EventStore;
    let api: TestApi;
    let analyst: Record<string, string>;

    const live = async (query: Record<string, string> = {}) =>
      (
        await api.http
          .get(REPORT)
          .query({ ...(await api.caughtUp()), ...query })
          .set(analyst)
          .expect(200)
      ).body as AnnualReport;

    beforeAll(async () => {
      database = await readDb();
      dataDir = newDataDir();
      store = await openEventStore(`sqlite:${join(dataDir, 'events.sqlite')}`, { clock: clock.now });
      api = await TestApi.start(
        { ...database.env, VIGIE_DATA_DIR: dataDir },
        { clock: clock.now, eventStore: store },
      );
      analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
      // Six ES declarations in degraded mode for 6, 12, 24, 24, 48 and 200 hours, one ESMS still in it.
      const periods: [string, string, number | null][] = [
        ...[6, 12, 24, 24, 48, 200].map((hours): [string, string, number] => [FINESS, 'ES', hours]),
        [OTHER_FINESS, 'ESMS', null],
      ];
      for (const [finess, type, hours] of periods) {
        const detectedAt = '2026-03-01T08:00:00+01:00';
        const created = await api.http
          .post('/api/v1/declarations')
          .set(analyst)
          .send(
            submission({
              occurredAt: detectedAt,
              detectedAt,
              // A FINESS number's region (Paris: 11, Ain: 84).
              structure: {
                finess,
                name: `Structure ${finess}`,
                type,
                region: finess === FINESS ? '11' : '84',
              },
              operationalImpact: 'DEGRADED',
            }),
          )
          .expect(201);
        const start = '2026-03-01T07:00:00.000Z';
        const end = hours === null ? null : new Date(Date.parse(start) + hours * 3_600_000).toISOString();
        await api.http
          .post(`/api/v1/declarations/${created.body.id}/amendments`)
          .set(analyst)
          .send({ degradedModeStartedAt: start, degradedModeEndedAt: end })
          .expect(200);
      }
    }, 60_000);

    afterAll(async () => {
      await api?.stop({ removeData: false });
      await store?.close();
      await database?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('the live report (read model) gives mean, median and long periods, and ongoing ones apart', async () => {
      const { degradedMode } = await live();
      expect(degradedMode.ended).toMatchObject({ ES: 6, ESMS: 0, total: 6 });
      expect(degradedMode.ongoing).toMatchObject({ ES: 0, ESMS: 1, total: 1 });
      expect(degradedMode.duration.ES).toEqual({
        meanHours: 52.3,
        medianHours: 24,
        sevenDaysOrMoreShare: 16.7,
      });
      expect(degradedMode.duration.total).toEqual(degradedMode.duration.ES);
    });

    it('the report replayed asOf now equals the live one, degraded mode included', async () => {
      clock.set('2026-03-21T09:00:00.000Z');
      const now = await live();
      const replayed = (
        await api.http.get(REPORT).query({ asOf: '2026-03-21T10:00:00+01:00' }).set(analyst).expect(200)
      ).body as AnnualReport;
      expect({ ...replayed, generatedAt: now.generatedAt }).toEqual(now);
    });

    it('the public edition withholds the ongoing count of 1', async () => {
      const masked = (await live({ public: 'true' })) as unknown as PublicReport;
      expect(masked.degradedMode.ongoing).toMatchObject({ ESMS: '<5', total: '<5' });
      expect(masked.degradedMode.duration.ES.meanHours).toBe(52.3);
    });
  },
);
