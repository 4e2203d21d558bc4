import { openEventStore, type EventStore } from '@vigie/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnnualReport } from '../annual-report';
import { reportAsOf } from '../as-of';
import { PUBLISHED_FIGURES, meets } from './published-figures';
import { ProfileAlreadySeeded, seedProfile } from './seed-profile';

/** Publication days of the reports (DOMAIN.md §2.1): what the report said then is what we check. */
const PUBLISHED_ON: Record<number, string> = {
  2019: '2020-07-10T12:00:00.000Z',
  2020: '2021-04-28T12:00:00.000Z',
  2021: '2022-04-21T12:00:00.000Z',
};

describe.each([
  ['ans-2019', 2019],
  ['ans-2020', 2020],
  ['ans-2021', 2021],
])('the reference profile %s, seeded into a fresh SQLite log', (profile, year) => {
  let dir: string;
  let store: EventStore;
  let report: AnnualReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-seed-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}?synchronous=normal`);
    await seedProfile(store, profile, { seed: 1 });
    report = await reportAsOf(store, year, new Date(PUBLISHED_ON[year]));
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(
    PUBLISHED_FIGURES.filter((figure) => figure.year === year && !figure.needsPreviousYear).map((figure) => [
      figure.indicator,
      figure,
    ]),
  )('reproduces the published figure: %s', (_indicator, figure) => {
    const value = figure.measure(report);
    expect({ indicator: figure.indicator, value, met: meets(value, figure.expect) }).toEqual({
      indicator: figure.indicator,
      value,
      met: true,
    });
  });

  it('every table sums to the year’s declarations', () => {
    const total = report.declarations.total;
    const sum = (table: Record<string, number>) => Object.values(table).reduce((a, b) => a + b, 0);
    expect([
      sum(report.byStructureType),
      sum(report.byRegion),
      sum(report.byMonth),
      sum(report.origin),
      sum(report.timeToDeclare),
    ]).toEqual([total, total, total, total, total]);
    expect(sum(report.maliciousTypes)).toBe(report.origin.MALICIOUS);
    expect(sum(report.nonMaliciousTypes)).toBe(report.origin.NON_MALICIOUS);
    expect(sum(report.operationalImpact.structures)).toBe(report.structures.declaring);
  });

  it('was written like real life: requalified, amended, supported and closed through the decider', async () => {
    const types = new Map<string, number>();
    for (let after = 0n; ;) {
      const page = await store.readAll(after, 5000);
      if (page.length === 0) break;
      for (const event of page) types.set(event.type, (types.get(event.type) ?? 0) + 1);
      after = page[page.length - 1].position;
    }
    for (const type of [
      'DeclarationRequalified',
      'SuspectedOriginAmended',
      'OperationalImpactAmended',
      'SupportRequested',
      'ComplementProvided',
      'ResolutionReported',
      'DeclarationClosed',
    ]) {
      expect([type, (types.get(type) ?? 0) > 0]).toEqual([type, true]);
    }
  });

  it('is as of its history: on 30 June only the first half of the year had been declared', async () => {
    const midYear = await reportAsOf(store, year, new Date(`${year}-06-30T22:00:00.000Z`));
    expect(midYear.declarations.total).toBeGreaterThan(0);
    expect(midYear.declarations.total).toBeLessThan(report.declarations.total);
    expect(
      Object.entries(midYear.byMonth).filter(([month, count]) => Number(month) > 6 && count > 0),
    ).toEqual([]);
  });

  it('refuses to seed the same profile and seed twice', async () => {
    await expect(seedProfile(store, profile, { seed: 1 })).rejects.toBeInstanceOf(ProfileAlreadySeeded);
  });
});

describe('the three reference years in one log', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-seed-all-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}?synchronous=normal`);
    for (const profile of ['ans-2019', 'ans-2020', 'ans-2021'])
      await seedProfile(store, profile, { seed: 7 });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([2019, 2020, 2021])(
    '%i: every published figure, the previous year’s total included, with another seed',
    async (year) => {
      const report = await reportAsOf(store, year, new Date(PUBLISHED_ON[year]));
      const missed = PUBLISHED_FIGURES.filter((figure) => figure.year === year)
        .map((figure) => ({
          indicator: figure.indicator,
          value: figure.measure(report),
          expect: figure.expect,
        }))
        .filter((row) => !meets(row.value, row.expect));
      expect(missed).toEqual([]);
    },
  );
});
