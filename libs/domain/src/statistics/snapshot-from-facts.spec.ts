import type { DeclarationFacts } from './declaration-facts';
import { factsOf } from './evolve-facts';
import { snapshotFromFacts } from './snapshot-from-facts';
import { submitted } from './statistics.fixtures';

const declaration = (
  id: string,
  submittedAt: string,
  finess = '750712184',
  operationalImpact: 'NONE' | 'DEGRADED' | 'INTERRUPTION' = 'NONE',
) =>
  factsOf([
    submitted({
      declarationId: id,
      submittedAt,
      detectedAt: submittedAt,
      operationalImpact,
      structure: { finess, name: 'X', type: 'ES', region: '11', isOse: false, nis2: 'NONE' },
    }),
  ]) as DeclarationFacts;

describe('snapshotFromFacts', () => {
  it('counts the declarations of the year only, and the previous year’s total', () => {
    const snapshot = snapshotFromFacts(2020, [
      declaration('a', '2019-06-01T10:00:00.000Z'),
      declaration('b', '2019-12-31T23:30:00.000Z'),
      declaration('c', '2020-06-01T10:00:00.000Z'),
      declaration('d', '2021-01-01T10:00:00.000Z'),
    ]);
    expect(snapshot.cells['declarations/total']).toBe(2);
    expect(snapshot.previousYearTotal).toBe(1);
  });

  it('keeps one row per structure with its declarations and impacts', () => {
    const snapshot = snapshotFromFacts(2020, [
      declaration('a', '2020-02-01T10:00:00.000Z', '750712184', 'NONE'),
      declaration('b', '2020-03-01T10:00:00.000Z', '750712184', 'INTERRUPTION'),
      declaration('c', '2020-04-01T10:00:00.000Z', '690000880', 'DEGRADED'),
    ]);
    expect(snapshot.structures).toEqual([
      { finess: '690000880', declarations: 1, impacts: { NONE: 0, DEGRADED: 1, INTERRUPTION: 0 } },
      { finess: '750712184', declarations: 2, impacts: { NONE: 1, DEGRADED: 0, INTERRUPTION: 1 } },
    ]);
  });
});
