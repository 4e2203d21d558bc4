import { REGION_CODES } from '@vigie/domain';
import { maskReport } from './public-mask';
import { amended, qualification, qualified, reportOf, requalified, submitted } from './report.fixtures';

const structure = (finess: string, type: 'ES' | 'ESMS' | 'HORS' = 'ES', region: '11' | '84' = '11') => ({
  finess,
  name: 'Structure',
  type,
  region,
  isOse: false,
  nis2: 'NONE' as const,
});

describe('the yearly report', () => {
  it('has every code of every table, with 0 where nothing counts', () => {
    const report = reportOf(2020);
    expect(Object.keys(report.byRegion).sort()).toEqual([...REGION_CODES].sort());
    expect(Object.keys(report.byMonth)).toHaveLength(12);
    expect(Object.keys(report.byStructureType)).toEqual(['ES', 'HIA', 'LBM', 'RT', 'ESMS', 'PDS', 'HORS']);
    expect(report.maliciousTypes).toMatchObject({ RANSOMWARE: 0, UNSPECIFIED: 0 });
    expect(report.nonMaliciousTypes).toMatchObject({ INFRA_FAILURE: 0, UNSPECIFIED: 0 });
    expect(report.support.interventions).toEqual({ REMOTE_ADVICE: 0, TECH_INTERVENTION: 0, ANSSI_FSSI: 0 });
    expect(report.declarations).toEqual({
      total: 0,
      inScope: 0,
      outOfScope: 0,
      unqualified: 0,
      previousYearTotal: 0,
      evolution: null,
    });
  });

  it('a requalification moves the declaration from one origin’s cells to the other’s', () => {
    const first = qualification({ origin: 'MALICIOUS', type: 'RANSOMWARE' });
    const second = qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' });
    const before = reportOf(2020, [submitted(), qualified('d-1', first)]);
    const after = reportOf(2020, [submitted(), qualified('d-1', first), requalified('d-1', first, second)]);
    expect([
      before.origin.MALICIOUS,
      before.maliciousTypes.RANSOMWARE,
      before.nonMaliciousTypes.INFRA_FAILURE,
    ]).toEqual([1, 1, 0]);
    expect([
      after.origin.MALICIOUS,
      after.maliciousTypes.RANSOMWARE,
      after.origin.NON_MALICIOUS,
      after.nonMaliciousTypes.INFRA_FAILURE,
    ]).toEqual([0, 0, 1, 1]);
    expect(after.declarations.total).toBe(1);
  });

  it('the qualification wins over the declarant’s suspicion, which counts until then', () => {
    const suspected = reportOf(2020, [submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null })]);
    expect(suspected.origin).toEqual({ MALICIOUS: 0, NON_MALICIOUS: 0, UNKNOWN: 1 });
    expect(suspected.declarations.unqualified).toBe(1);
    const decided = reportOf(2020, [
      submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null }),
      qualified('d-1', { origin: 'MALICIOUS', type: 'DDOS' }),
    ]);
    expect(decided.origin).toEqual({ MALICIOUS: 1, NON_MALICIOUS: 0, UNKNOWN: 0 });
    expect(decided.maliciousTypes.DDOS).toBe(1);
    expect(decided.declarations.unqualified).toBe(0);
  });

  it('a declaration submitted on 31 December at 23:30 in Paris counts in that year and month', () => {
    const lastMinute = [
      submitted({ detectedAt: '2020-12-31T22:00:00.000Z', submittedAt: '2020-12-31T22:30:00.000Z' }),
    ];
    const report2020 = reportOf(2020, lastMinute);
    expect(report2020.declarations.total).toBe(1);
    expect(report2020.byMonth['12']).toBe(1);
    const report2021 = reportOf(2021, lastMinute);
    expect(report2021.declarations).toMatchObject({ total: 0, previousYearTotal: 1, evolution: -100 });
  });

  it('a structure’s operational impact is the worst of its declarations of the year', () => {
    const report = reportOf(
      2020,
      [submitted({ declarationId: 'a', structure: structure('750712184'), operationalImpact: 'NONE' })],
      [
        submitted({
          declarationId: 'b',
          structure: structure('750712184'),
          operationalImpact: 'INTERRUPTION',
        }),
      ],
      [submitted({ declarationId: 'c', structure: structure('750712184'), operationalImpact: 'DEGRADED' })],
      [submitted({ declarationId: 'd', structure: structure('690000880'), operationalImpact: 'DEGRADED' })],
      [submitted({ declarationId: 'e', structure: structure('690000880'), operationalImpact: 'NONE' })],
      [submitted({ declarationId: 'f', structure: structure('130000029'), operationalImpact: 'NONE' })],
    );
    expect(report.operationalImpact.declarations).toEqual({ NONE: 3, DEGRADED: 2, INTERRUPTION: 1 });
    expect(report.operationalImpact.structures).toEqual({ NONE: 1, DEGRADED: 1, INTERRUPTION: 1 });
    expect(report.structures).toEqual({ declaring: 3, withAtLeast2: 2, withAtLeast4: 0 });
    expect(report.shares.structuresByImpact).toEqual({ NONE: 33.3, DEGRADED: 33.3, INTERRUPTION: 33.3 });
  });

  it('an amended impact counts at its latest value', () => {
    const report = reportOf(2020, [
      submitted({ operationalImpact: 'NONE', dataImpacts: [] }),
      amended('OperationalImpactAmended', 'd-1', 'NONE', 'DEGRADED'),
      amended('DataImpactsAmended', 'd-1', [], ['INTEGRITY']),
    ]);
    expect(report.operationalImpact.declarations).toEqual({ NONE: 0, DEGRADED: 1, INTERRUPTION: 0 });
    expect(report.dataImpacts).toEqual({ AVAILABILITY: 0, INTEGRITY: 1, CONFIDENTIALITY: 0 });
  });

  it('time to declare: same Paris day even across midnight UTC, and the next Paris day is not', () => {
    const report = reportOf(
      2020,
      // 00:30 and 22:50 Paris summer time on 2 July: UTC dates 1 and 2 July.
      [
        submitted({
          declarationId: 'a',
          detectedAt: '2020-07-01T22:30:00.000Z',
          submittedAt: '2020-07-02T20:50:00.000Z',
        }),
      ],
      // 23:30 on 2 March then 00:10 on 3 March in Paris: the same UTC day, not the same Paris day.
      [
        submitted({
          declarationId: 'b',
          detectedAt: '2020-03-02T22:30:00.000Z',
          submittedAt: '2020-03-02T23:10:00.000Z',
        }),
      ],
      [
        submitted({
          declarationId: 'c',
          detectedAt: '2020-03-02T10:00:00.000Z',
          submittedAt: '2020-03-04T09:00:00.000Z',
        }),
      ],
      [
        submitted({
          declarationId: 'd',
          detectedAt: '2020-03-02T10:00:00.000Z',
          submittedAt: '2020-03-12T09:00:00.000Z',
        }),
      ],
    );
    expect(report.timeToDeclare).toEqual({ sameDay: 1, within24h: 1, within72h: 1, later: 1 });
  });

  it('out-of-scope declarations are counted in every table and flagged', () => {
    const report = reportOf(
      2020,
      [
        submitted({ declarationId: 'a', structure: structure('750000001', 'HORS') }),
        qualified('a', { inScope: false }),
      ],
      [submitted({ declarationId: 'b' }), qualified('b')],
    );
    expect(report.declarations).toMatchObject({ total: 2, inScope: 1, outOfScope: 1, unqualified: 0 });
    expect(report.byStructureType).toMatchObject({ ES: 1, HORS: 1 });
    expect(report.origin.MALICIOUS).toBe(2);
  });

  it('the evolution is the % change against the previous year', () => {
    const declaration = (id: string, submittedAt: string) => [
      submitted({ declarationId: id, submittedAt, detectedAt: submittedAt }),
    ];
    const report = reportOf(
      2020,
      declaration('a', '2019-05-01T10:00:00.000Z'),
      declaration('b', '2019-06-01T10:00:00.000Z'),
      declaration('c', '2020-05-01T10:00:00.000Z'),
      declaration('d', '2020-06-01T10:00:00.000Z'),
      declaration('e', '2020-07-01T10:00:00.000Z'),
    );
    expect(report.declarations).toMatchObject({ total: 3, previousYearTotal: 2, evolution: 50 });
  });
});

describe('the public report', () => {
  const declarations = (count: number, region: '11' | '84') =>
    Array.from({ length: count }, (_, i) => [
      submitted({ declarationId: `${region}-${i}`, structure: structure(`75000000${i}`, 'ES', region) }),
    ]);

  it('masks counts of 1 to 4 as "<5", keeps 0, and withholds as "secret" the count that would give one back', () => {
    const report = maskReport(reportOf(2020, ...declarations(5, '11'), ...declarations(3, '84')));
    expect(report.public).toBe(true);
    expect(report.byRegion['84']).toBe('<5');
    expect(report.byRegion['93']).toBe(0);
    // 8 − 5 would give the 3 of region 84 back: the smallest other count of the table goes too.
    expect(report.byRegion['11']).toBe('secret');
    expect(report.origin).toEqual({ MALICIOUS: 8, NON_MALICIOUS: 0, UNKNOWN: 0 });
  });

  it('withholds a share whose count is masked, and the count whose share or difference gives it back', () => {
    const report = maskReport(
      reportOf(2020, ...declarations(6, '11'), [
        submitted({ declarationId: 'x', structure: structure('750000010', 'HORS') }),
      ]),
    );
    expect(report.byStructureType.HORS).toBe('<5');
    expect(report.shares.byStructureType.HORS).toBeNull();
    // 85.7 % of 7, or 7 − 6, is the 1 HORS declaration.
    expect(report.byStructureType.ES).toBe('secret');
    expect(report.shares.byStructureType.ES).toBeNull();
    expect(report.declarations.total).toBe(7);
  });

  it('issue 15’s example: no masked cell of a table with a published total is recovered by subtraction', () => {
    // 11 declarations: 10 degraded, 1 interrupted; 7 potential and 2 actual endangerments.
    const events = Array.from({ length: 11 }, (_, i) => [
      submitted({
        declarationId: `d-${i}`,
        structure: structure(`7500000${String(i).padStart(2, '0')}`),
        operationalImpact: i === 0 ? 'INTERRUPTION' : 'DEGRADED',
        patientEndangerment: i < 7 ? 'POTENTIAL' : i < 9 ? 'ACTUAL' : 'NONE',
      }),
    ]);
    const report = maskReport(reportOf(2020, ...events));
    expect(report.operationalImpact.declarations).toEqual({
      NONE: 0,
      DEGRADED: 'secret',
      INTERRUPTION: '<5',
    });
    expect(report.patientEndangerment).toEqual({ POTENTIAL: 'secret', ACTUAL: '<5' });
    // 81.8 % of 11 gives the 9 endangered: with 7 potential published, 9 − 7 would be the 2 actual ones.
    expect(report.shares.patientEndangerment).toBe(81.8);
  });
});
