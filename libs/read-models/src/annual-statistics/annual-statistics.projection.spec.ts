import type { DeclarationEvent } from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { foldRow, sumRows } from '../testing/fold';
import { DECLARATION_ID as id, at, qualification, recorded, submittedData } from '../testing/recorded-events';
import type { DeclarationFactsRow, StatisticCellRow } from './annual-statistics.entity';
import { cellSums, factsProjection, structureYearSums } from './annual-statistics.projection';

const submitted = (overrides = {}): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData(overrides),
});
const counts = (cells: Map<string, StatisticCellRow>) =>
  Object.fromEntries([...cells].map(([key, cell]) => [key, cell.count]));

/** The cells after each event, moved as the projector moves them: old facts out, new facts in. */
function cellsAfter(events: RecordedEvent[]): Map<string, StatisticCellRow> {
  let row: DeclarationFactsRow | null = null;
  let cells = new Map<string, StatisticCellRow>();
  for (const event of events) {
    const next = factsProjection.evolve(row, event);
    if (next === row) continue;
    const moves: [DeclarationFactsRow, 1 | -1][] = [];
    if (row) moves.push([row, -1]);
    if (next) moves.push([next, 1]);
    cells = sumRows(cellSums, moves, cells);
    row = next;
  }
  return cells;
}

describe('annual statistics projection', () => {
  it('a submission counts once in each of its cells, keyed by its Paris year', () => {
    const cells = counts(cellsAfter(recorded([submitted()])));
    expect(cells).toMatchObject({
      '2026/declarations/total': 1,
      '2026/declarations/inScope': 1,
      '2026/declarations/unqualified': 1,
      '2026/byRegion/11': 1,
      '2026/byMonth/03': 1,
      '2026/origin/MALICIOUS': 1,
      '2026/maliciousTypes/RANSOMWARE': 1,
      '2026/patientEndangerment/POTENTIAL': 1,
    });
  });

  it('a requalification moves the declaration between cells: old ones down, new ones up, emptied ones gone', () => {
    const events = recorded([
      submitted(),
      {
        type: 'DeclarationQualified',
        data: { declarationId: id, ...qualification(), qualifiedBy: 'a', qualifiedAt: at(10) },
      },
      {
        type: 'DeclarationRequalified',
        data: {
          declarationId: id,
          from: qualification(),
          to: qualification({
            origin: 'NON_MALICIOUS',
            type: 'TELECOM_LOSS',
            inScope: false,
            outOfScopeReason: 'Hors SI',
          }),
          requalifiedBy: 'a',
          requalifiedAt: at(20),
        },
      },
    ]);
    const qualified = counts(cellsAfter(events.slice(0, 2)));
    expect(qualified['2026/origin/MALICIOUS']).toBe(1);
    expect(qualified['2026/declarations/unqualified']).toBeUndefined();
    const requalified = counts(cellsAfter(events));
    expect(requalified).toMatchObject({
      '2026/declarations/total': 1,
      '2026/declarations/outOfScope': 1,
      '2026/origin/NON_MALICIOUS': 1,
      '2026/nonMaliciousTypes/TELECOM_LOSS': 1,
    });
    for (const gone of [
      '2026/origin/MALICIOUS',
      '2026/maliciousTypes/RANSOMWARE',
      '2026/declarations/inScope',
    ]) {
      expect(requalified[gone]).toBeUndefined();
    }
  });

  it('interventions count by kind, and a replayed intervention is not counted twice', () => {
    const events = recorded([
      submitted(),
      {
        type: 'SupportInterventionLogged',
        data: {
          declarationId: id,
          interventionId: 'i1',
          kind: 'REMOTE_ADVICE',
          summary: 's',
          loggedBy: 'a',
          loggedAt: at(1),
        },
      },
      {
        type: 'SupportInterventionLogged',
        data: {
          declarationId: id,
          interventionId: 'i2',
          kind: 'REMOTE_ADVICE',
          summary: 's',
          loggedBy: 'a',
          loggedAt: at(2),
        },
      },
    ]);
    expect(counts(cellsAfter(events))['2026/support.interventions/REMOTE_ADVICE']).toBe(2);
    const row = foldRow(factsProjection, events);
    expect(factsProjection.evolve(row, events[2])).toBe(row);
  });

  it('a structure-year row counts declarations by operational impact and moves on amendment', () => {
    const events = recorded([
      submitted({ operationalImpact: 'DEGRADED' }),
      {
        type: 'OperationalImpactAmended',
        data: { declarationId: id, from: 'DEGRADED', to: 'INTERRUPTION', amendedBy: 'd', amendedAt: at(3) },
      },
    ]);
    const before = foldRow(factsProjection, events.slice(0, 1))!;
    const after = foldRow(factsProjection, events)!;
    const rows = sumRows(structureYearSums, [
      [before, 1],
      [before, -1],
      [after, 1],
    ]);
    expect([...rows.values()]).toEqual([
      {
        key: '2026/750712184',
        year: 2026,
        finess: '750712184',
        declarations: 1,
        impactNone: 0,
        impactDegraded: 0,
        impactInterruption: 1,
      },
    ]);
    expect(sumRows(structureYearSums, [[after, -1]], rows).size).toBe(0);
  });

  it('odd data leaves the facts as they were', () => {
    const [first] = recorded([submitted()]);
    const row = factsProjection.evolve(null, first);
    const odd = {
      ...first,
      revision: 1,
      type: 'DeclarationRequalified',
      data: { declarationId: id, to: 'nonsense' },
    };
    expect(() => factsProjection.evolve(row, odd)).not.toThrow();
    expect(
      factsProjection.evolve(null, { ...first, data: { declarationId: id, submittedAt: 'not a date' } }),
    ).toBeNull();
  });
});
