import type { DeclarationEvent } from '../declaration/declaration.events';
import type { DeclarationFacts } from './declaration-facts';
import { applyCells, cellsOf, structureDelta, worstImpact } from './cells-of';
import { factsOf } from './evolve-facts';
import { interventionLogged, qualified, submitted } from './statistics.fixtures';

const factsGiven = (...events: DeclarationEvent[]): DeclarationFacts => {
  const facts = factsOf(events);
  if (!facts) throw new Error('no submission');
  return facts;
};
const keysOf = (facts: DeclarationFacts) =>
  cellsOf(facts)
    .map((cell) => `${cell.section}/${cell.key}=${cell.count}`)
    .sort();

describe('cellsOf: the cells a declaration counts in', () => {
  it('an unqualified malicious declaration', () => {
    const facts = factsGiven(
      submitted({
        submittedAt: '2020-03-02T09:00:00.000Z',
        detectedAt: '2020-03-02T08:05:00.000Z',
        patientEndangerment: 'ACTUAL',
        dataImpacts: ['AVAILABILITY', 'CONFIDENTIALITY'],
        supportRequested: true,
      }),
    );
    expect(keysOf(facts)).toEqual(
      [
        'declarations/total=1',
        'declarations/inScope=1',
        'declarations/unqualified=1',
        'byStructureType/ES=1',
        'byRegion/11=1',
        'byMonth/03=1',
        'origin/MALICIOUS=1',
        'maliciousTypes/RANSOMWARE=1',
        'operationalImpact.declarations/DEGRADED=1',
        'patientEndangerment/ACTUAL=1',
        'dataImpacts/AVAILABILITY=1',
        'dataImpacts/CONFIDENTIALITY=1',
        'support/requested=1',
        'taxonomyVersions/2026.1=1',
        'timeToDeclare/sameDay=1',
      ].sort(),
    );
  });

  it('a qualified non-malicious declaration out of scope counts in nonMaliciousTypes and outOfScope, not unqualified', () => {
    const facts = factsGiven(
      submitted({ patientEndangerment: 'NONE', dataImpacts: [] }),
      qualified('d-1', { origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS', inScope: false }),
    );
    const keys = keysOf(facts);
    expect(keys).toEqual(
      expect.arrayContaining([
        'declarations/outOfScope=1',
        'origin/NON_MALICIOUS=1',
        'nonMaliciousTypes/TELECOM_LOSS=1',
      ]),
    );
    expect(
      keys.filter(
        (key) =>
          /unqualified|inScope|maliciousTypes\/|patientEndangerment|dataImpacts/.test(key) &&
          !key.startsWith('nonMalicious'),
      ),
    ).toEqual([]);
  });

  it('no type, or a type of the other family, counts as UNSPECIFIED in the origin’s table', () => {
    expect(keysOf(factsGiven(submitted({ suspectedType: null })))).toContain('maliciousTypes/UNSPECIFIED=1');
    expect(keysOf(factsGiven(submitted({ suspectedType: 'INFRA_FAILURE' })))).toContain(
      'maliciousTypes/UNSPECIFIED=1',
    );
  });

  it('an UNKNOWN origin counts in no typology table', () => {
    const keys = keysOf(factsGiven(submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null })));
    expect(keys).toContain('origin/UNKNOWN=1');
    expect(keys.filter((key) => key.includes('Types/'))).toEqual([]);
  });

  it('interventions count n in their kind', () => {
    const facts = factsGiven(
      submitted(),
      interventionLogged('d-1', 'TECH_INTERVENTION', 'a'),
      interventionLogged('d-1', 'TECH_INTERVENTION', 'b'),
    );
    expect(keysOf(facts)).toContain('support.interventions/TECH_INTERVENTION=2');
  });

  it('adding then removing a declaration’s cells leaves nothing', () => {
    const facts = factsGiven(submitted());
    const cells = applyCells({}, facts, 1);
    expect(cells['declarations/total']).toBe(1);
    expect(applyCells(cells, facts, -1)).toEqual({});
  });
});

describe('structure rows', () => {
  it('a declaration adds one declaration and its impact to its structure’s row', () => {
    expect(structureDelta(factsGiven(submitted({ operationalImpact: 'INTERRUPTION' })))).toEqual({
      year: 2020,
      finess: '750712184',
      declarations: 1,
      impacts: { NONE: 0, DEGRADED: 0, INTERRUPTION: 1 },
    });
  });

  it('the worst impact wins: INTERRUPTION > DEGRADED > NONE', () => {
    expect(worstImpact({ NONE: 3, DEGRADED: 1, INTERRUPTION: 0 })).toBe('DEGRADED');
    expect(worstImpact({ NONE: 0, DEGRADED: 1, INTERRUPTION: 1 })).toBe('INTERRUPTION');
    expect(worstImpact({ NONE: 2, DEGRADED: 0, INTERRUPTION: 0 })).toBe('NONE');
  });
});
