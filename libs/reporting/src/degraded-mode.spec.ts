import type { DeclarationEvent, StructureType } from '@vigie/domain';
import { maskReport } from './public-mask';
import { amended, reportOf, submitted } from './report.fixtures';
import { reportTables } from './render/report-tables';

/** A declaration of a structure of `type` in degraded mode from 8:00 for `hours` (null: no end yet). */
function degraded(id: string, type: StructureType, hours: number | null): DeclarationEvent[] {
  const start = '2020-03-02T08:00:00.000Z';
  const events: DeclarationEvent[] = [
    submitted({
      declarationId: id,
      structure: {
        finess: `7500${id.padStart(5, '0')}`,
        name: 'S',
        type,
        region: '11',
        isOse: false,
        nis2: 'NONE',
      },
      operationalImpact: 'DEGRADED',
    }),
    amended('DegradedModeStartAmended', id, null, start),
  ];
  if (hours !== null) {
    // 25 minutes past the hour: durations count in whole hours completed.
    const end = new Date(Date.parse(start) + hours * 3_600_000 + 25 * 60_000).toISOString();
    events.push(amended('DegradedModeEndAmended', id, null, end));
  }
  return events;
}

describe('the duration of degraded mode', () => {
  const year = [
    ...[2, 10, 24, 30, 200].map((hours, i) => degraded(`es-${i}`, 'ES', hours)),
    ...[5, 48].map((hours, i) => degraded(`esms-${i}`, 'ESMS', hours)),
    degraded('ongoing-1', 'ES', null),
    degraded('ongoing-2', 'LBM', null),
    // No degraded mode at all: counted nowhere here.
    [submitted({ declarationId: 'plain' })],
  ];

  it('gives mean, median and the share of 7 days or more per structure type and overall; ongoing ones apart', () => {
    const { degradedMode } = reportOf(2020, ...year);
    expect(degradedMode.ended).toMatchObject({ ES: 5, ESMS: 2, LBM: 0, total: 7 });
    expect(degradedMode.ongoing).toMatchObject({ ES: 1, LBM: 1, ESMS: 0, total: 2 });
    expect(degradedMode.duration.ES).toEqual({ meanHours: 53.2, medianHours: 24, sevenDaysOrMoreShare: 20 });
    expect(degradedMode.duration.ESMS).toEqual({
      meanHours: 26.5,
      medianHours: 26.5,
      sevenDaysOrMoreShare: 0,
    });
    // 2, 5, 10, 24, 30, 48, 200
    expect(degradedMode.duration.total).toEqual({
      meanHours: 45.6,
      medianHours: 24,
      sevenDaysOrMoreShare: 14.3,
    });
    expect(degradedMode.duration.LBM).toEqual({
      meanHours: null,
      medianHours: null,
      sevenDaysOrMoreShare: null,
    });
  });

  it('an amended end moves the declaration to its new duration, a removed end back to ongoing', () => {
    const events = degraded('d-1', 'ES', 3);
    const moved = reportOf(2020, [
      ...events,
      amended('DegradedModeEndAmended', 'd-1', null, '2020-03-03T08:00:00.000Z'),
    ]);
    expect(moved.degradedMode.duration.ES.meanHours).toBe(24);
    const removed = reportOf(2020, [...events, amended('DegradedModeEndAmended', 'd-1', null, null)]);
    expect(removed.degradedMode.ongoing.ES).toBe(1);
    expect(removed.degradedMode.ended.ES).toBe(0);
  });

  it('the public edition withholds a figure with fewer than 5 declarations behind it, and the count that would give one back', () => {
    const masked = maskReport(reportOf(2020, ...year));
    expect(masked.degradedMode.ended).toMatchObject({ ES: 'secret', ESMS: '<5', total: 7 });
    expect(masked.degradedMode.duration.ESMS.meanHours).toBeNull();
    // ES has 5, but 7 − 2 would give ESMS's 2 back: withheld with its figures.
    expect(masked.degradedMode.duration.ES.meanHours).toBeNull();
    expect(masked.degradedMode.duration.total).toEqual({
      meanHours: 45.6,
      medianHours: 24,
      sevenDaysOrMoreShare: 14.3,
    });
  });

  it('md, html and pdf show the durations beside the counts', () => {
    const table = reportTables(reportOf(2020, ...year), 'fr').find((t) => t.id === 'degradedMode.ended');
    const total = table?.rows.find((row) => row.code === 'total');
    expect(total?.detail).toBe('durée moyenne 45,6 h, médiane 24 h ; 7 jours ou plus : 14,3 %');
  });
});
