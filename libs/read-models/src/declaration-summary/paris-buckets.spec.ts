import type { DeclarationEvent } from '@vigie/domain';
import { factsProjection, cellSums } from '../annual-statistics/annual-statistics.projection';
import { foldRow, sumRows } from '../testing/fold';
import { recorded, submittedData } from '../testing/recorded-events';
import { declarationSummaryProjection } from './declaration-summary.projection';

const submittedAt = (instant: string): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData({ submittedAt: instant }),
});

/** [submittedAt (UTC), Paris wall clock, expected year, expected month] */
const CASES: [string, string, number, number][] = [
  ['2025-12-31T22:30:00.000Z', '31 Dec 23:30 CET', 2025, 12],
  ['2025-12-31T23:30:00.000Z', '1 Jan 00:30 CET', 2026, 1],
  ['2026-03-29T00:59:59.000Z', 'spring change day, 01:59:59 CET', 2026, 3],
  ['2026-03-29T01:00:00.000Z', 'spring change day, 03:00 CEST', 2026, 3],
  ['2026-03-31T21:59:59.000Z', '31 Mar 23:59:59 CEST (+2 after the change)', 2026, 3],
  ['2026-03-31T22:00:00.000Z', '1 Apr 00:00 CEST', 2026, 4],
  ['2026-09-30T21:59:59.000Z', '30 Sep 23:59:59 CEST', 2026, 9],
  ['2026-09-30T22:00:00.000Z', '1 Oct 00:00 CEST', 2026, 10],
  ['2026-10-25T00:59:59.000Z', 'autumn change day, 02:59:59 CEST', 2026, 10],
  ['2026-10-25T01:00:00.000Z', 'autumn change day, 02:00 CET (again)', 2026, 10],
  ['2026-10-31T22:59:59.000Z', '31 Oct 23:59:59 CET (+1 after the change)', 2026, 10],
  ['2026-10-31T23:00:00.000Z', '1 Nov 00:00 CET', 2026, 11],
];

describe('Europe/Paris buckets of submittedAt', () => {
  it.each(CASES)('%s (%s) counts in %i-%i in the summary', (instant, _paris, year, month) => {
    expect(foldRow(declarationSummaryProjection, recorded([submittedAt(instant)]))).toMatchObject({
      year,
      month,
    });
  });

  it.each(CASES)('%s (%s) counts in %i-%i in the annual statistics', (instant, _paris, year, month) => {
    const facts = foldRow(factsProjection, recorded([submittedAt(instant)]));
    const cells = sumRows(cellSums, [[facts!, 1]]);
    const key = `${year}/byMonth/${String(month).padStart(2, '0')}`;
    expect(cells.get(key)).toMatchObject({ year, section: 'byMonth', count: 1 });
    expect([...cells.values()].every((cell) => cell.year === year)).toBe(true);
  });
});
