import {
  DATA_IMPACTS,
  INCIDENT_TYPES,
  INTERVENTION_KINDS,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  snapshotFromFacts,
  type DeclarationFacts,
  type StageTimeliness,
} from '@vigie/domain';
import fc from 'fast-check';
import { buildAnnualReport, type AnnualReport } from './annual-report';
import { maskReport, type PublicReport } from './public-mask';
import { DEADLINE_STAGES, MONTHS, TIME_TO_DECLARE_BUCKETS } from './report-codes';
import { META } from './report.fixtures';
import { tableAt } from './report-tables-catalog';
import { pinnedCells } from './suppression';

/**
 * The property test of the public edition (issue 15): whatever the year, no masked cell can be
 * recovered from what is published. The relations are written here by hand, from DOMAIN.md, not
 * taken from the catalog: a relation the catalog forgot would otherwise go unchecked.
 */

const YEAR = 2020;

/** Few structures, regions and types: small cells (1–4) are the rule, not the exception. */
const facts = fc.record({
  finess: fc.constantFrom('750000011', '750000029', '690000880', '130000011', '330000019', '590000013'),
  structureType: fc.constantFrom(...STRUCTURE_TYPES.slice(0, 4)),
  region: fc.constantFrom(...REGION_CODES.slice(0, 4)),
  month: fc.constantFrom(...MONTHS.slice(0, 4)),
  previousYear: fc.boolean(),
  qualified: fc.boolean(),
  inScope: fc.boolean(),
  origin: fc.constantFrom(...SUSPECTED_ORIGINS),
  incidentType: fc.option(fc.constantFrom(...INCIDENT_TYPES.slice(0, 3), ...INCIDENT_TYPES.slice(-3))),
  operationalImpact: fc.constantFrom(...OPERATIONAL_IMPACTS),
  patientEndangerment: fc.constantFrom(...PATIENT_ENDANGERMENTS),
  dataImpacts: fc.subarray([...DATA_IMPACTS]),
  supportRequested: fc.boolean(),
  interventions: fc.record(Object.fromEntries(INTERVENTION_KINDS.map((kind) => [kind, fc.nat(2)]))),
  timeToDeclare: fc.constantFrom(...TIME_TO_DECLARE_BUCKETS),
});

const stage = fc.record({ met: fc.nat(12), metLate: fc.nat(6), overdue: fc.nat(6), due: fc.nat(6) });
const clocks = fc.record(
  Object.fromEntries(
    Object.entries(DEADLINE_STAGES).flatMap(([regime, stages]) =>
      stages.map((name) => [`${regime}/${name}`, stage]),
    ),
  ),
);

const reports = fc
  .tuple(fc.array(facts, { maxLength: 45 }), clocks)
  .map(([declarations, stages]): AnnualReport => {
    const all = declarations.map(
      ({ previousYear, ...fields }, index): DeclarationFacts =>
        ({
          ...fields,
          declarationId: `d-${index}`,
          submittedAt: '2020-01-01T00:00:00.000Z',
          year: previousYear ? YEAR - 1 : YEAR,
          suspectedOrigin: fields.origin,
          suspectedType: fields.incidentType,
        }) as DeclarationFacts,
    );
    const deadlines: StageTimeliness[] = Object.entries(stages).map(([key, counts]) => {
      const [regime, name] = key.split('/');
      return { regime, stage: name, ...counts, onTimeShare: null };
    });
    return buildAnnualReport({ ...snapshotFromFacts(YEAR, all), deadlines }, META);
  });

type Relation = { total: string; parts: string[] };

const codes = (report: object, table: string): string[] =>
  Object.keys(tableAt(report, table) ?? {})
    .filter((code) => code !== 'shareOnTime')
    .map((code) => `${table}/${code}`);

/** Every linear relation the published figures satisfy, shares included (a share of a known base is its count). */
function relations(report: object): Relation[] {
  const total = 'declarations/total';
  const sums: Relation[] = [
    { total, parts: ['declarations/inScope', 'declarations/outOfScope'] },
    ...[
      'byStructureType',
      'byRegion',
      'byMonth',
      'origin',
      'operationalImpact.declarations',
      'timeToDeclare',
    ].map((table) => ({ total, parts: codes(report, table) })),
    { total: 'origin/MALICIOUS', parts: codes(report, 'maliciousTypes') },
    { total: 'origin/NON_MALICIOUS', parts: codes(report, 'nonMaliciousTypes') },
    { total: 'structures/declaring', parts: codes(report, 'operationalImpact.structures') },
    { total: '+endangered', parts: ['patientEndangerment/POTENTIAL', 'patientEndangerment/ACTUAL'] },
  ];
  for (const [regime, stages] of Object.entries(DEADLINE_STAGES)) {
    for (const name of stages) {
      const at = (count: string) => `deadlines.${regime}.${name}/${count}`;
      sums.push({ total: at('total'), parts: [at('met'), at('metLate'), at('overdue'), at('due')] });
      sums.push({ total: at('+settled'), parts: [at('met'), at('metLate'), at('overdue')] });
    }
  }
  return sums;
}

function valueOf(report: object, cell: string): unknown {
  const slash = cell.lastIndexOf('/');
  return tableAt<unknown>(report, cell.slice(0, slash))?.[cell.slice(slash + 1)];
}

/** The cells a reader knows: the published counts, and the sums the published shares reveal. */
function known(published: PublicReport): Map<string, number> {
  const cells = new Map<string, number>();
  for (const relation of relations(published)) {
    for (const cell of [relation.total, ...relation.parts]) {
      const value = valueOf(published, cell);
      if (typeof value === 'number') cells.set(cell, value);
    }
  }
  const total = published.declarations.total;
  if (published.shares.patientEndangerment !== null && typeof total === 'number') {
    cells.set('+endangered', Math.round((published.shares.patientEndangerment * total) / 100));
  }
  for (const [regime, stages] of Object.entries(published.deadlines)) {
    for (const [name, row] of Object.entries(stages)) {
      if (row.shareOnTime !== null && row.shareOnTime > 0 && typeof row.met === 'number') {
        cells.set(`deadlines.${regime}.${name}/+settled`, Math.round((row.met * 100) / row.shareOnTime));
      }
    }
  }
  return cells;
}

/** What the reader derives by subtraction: any relation with one unknown left pins it, to a fixed point. */
function propagate(relations: Relation[], cells: Map<string, number>): Map<string, number> {
  const values = new Map(cells);
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of relations) {
      const unknown = [total, ...parts].filter((cell) => !values.has(cell));
      if (unknown.length !== 1) continue;
      const sumOf = (cells: string[]) => cells.reduce((sum, cell) => sum + (values.get(cell) ?? 0), 0);
      values.set(
        unknown[0],
        unknown[0] === total
          ? sumOf(parts)
          : values.get(total)! - sumOf(parts.filter((p) => p !== unknown[0])),
      );
      changed = true;
    }
  }
  return values;
}

/** Why a public edition gives a masked cell away, or null when it does not. */
function disclosure(report: AnnualReport): string | null {
  const published = maskReport(report);
  const all = relations(report);
  for (const { total, parts } of all) {
    const sum = parts.reduce((s, part) => s + ((valueOf(report, part) as number | undefined) ?? 0), 0);
    const whole = total.startsWith('+') || total.includes('/+') ? sum : valueOf(report, total);
    if (whole !== sum)
      return `relation ${total} = Σ ${parts.join(' + ')} does not hold: ${String(whole)} ≠ ${sum}`;
  }
  const cells = known(published);
  const maskedCells = all
    .flatMap(({ total, parts }) => [total, ...parts])
    .filter((cell) => !cell.includes('+') && typeof valueOf(published, cell) === 'string');
  const derived = propagate(all, cells);
  for (const cell of new Set(maskedCells)) {
    if (derived.has(cell)) return `${cell} (${String(valueOf(report, cell))}) is recovered by subtraction`;
  }
  const unknowns = new Set(
    [...new Set(all.flatMap(({ total, parts }) => [total, ...parts]))].filter((c) => !cells.has(c)),
  );
  const pinned = pinnedCells(all, unknowns).filter((cell) => !cell.includes('+'));
  if (pinned.length > 0)
    return `${pinned[0]} (${String(valueOf(report, pinned[0]))}) is determined by elimination`;
  const withheld = (count: unknown) => typeof count !== 'number';
  for (const [key, row] of Object.entries(published.shares)) {
    if (row === null || typeof row === 'number') continue;
    for (const [code, share] of Object.entries(row)) {
      const table = {
        origin: 'origin',
        byStructureType: 'byStructureType',
        structuresByImpact: 'operationalImpact.structures',
      }[key]!;
      if (share !== null && withheld(valueOf(published, `${table}/${code}`)))
        return `shares.${key}.${code} of a masked count`;
    }
  }
  if (
    published.declarations.evolution !== null &&
    (withheld(published.declarations.total) || withheld(published.declarations.previousYearTotal))
  ) {
    return 'evolution of a masked count';
  }
  return null;
}

describe('the public edition, over random years (fast-check)', () => {
  it('never lets a masked cell be recovered from the published cells, totals and shares', () => {
    fc.assert(
      fc.property(reports, (report) => {
        const problem = disclosure(report);
        if (problem !== null) throw new Error(problem);
      }),
      { numRuns: 1000, seed: 15 },
    );
  });
});
