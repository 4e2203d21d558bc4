import {
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  type IncidentType,
  type OperationalImpact,
} from '../taxonomy/codes';
import { UNSTATED_TAXONOMY_VERSION } from '../taxonomy/versions';
import type { DeclarationFacts, StatCell } from './declaration-facts';

const cell = (section: string, key: string, count = 1): StatCell => ({ section, key, count });

/** The key a cell is summed under in `AnnualStatisticsSnapshot.cells`. */
export const cellKey = (section: string, key: string): string => `${section}/${key}`;

/**
 * The declaration-level cells one declaration counts in (API.md "The yearly report"). Structure-level
 * figures (declaring structures, worst impact per structure) are not sums of declarations: see
 * `structureDelta`.
 */
export function cellsOf(facts: DeclarationFacts): StatCell[] {
  const cells: StatCell[] = [
    cell('declarations', 'total'),
    cell('declarations', facts.inScope ? 'inScope' : 'outOfScope'),
    cell('byStructureType', facts.structureType),
    cell('byRegion', facts.region),
    cell('byMonth', facts.month),
    cell('origin', facts.origin),
    cell('operationalImpact.declarations', facts.operationalImpact),
    cell('timeToDeclare', facts.timeToDeclare),
    cell('taxonomyVersions', facts.taxonomyVersion ?? UNSTATED_TAXONOMY_VERSION),
  ];
  if (!facts.qualified) cells.push(cell('declarations', 'unqualified'));
  if (facts.origin === 'MALICIOUS') {
    cells.push(cell('maliciousTypes', typeIn(MALICIOUS_TYPES, facts.incidentType)));
  } else if (facts.origin === 'NON_MALICIOUS') {
    cells.push(cell('nonMaliciousTypes', typeIn(NON_MALICIOUS_TYPES, facts.incidentType)));
  }
  if (facts.patientEndangerment === 'POTENTIAL' || facts.patientEndangerment === 'ACTUAL') {
    cells.push(cell('patientEndangerment', facts.patientEndangerment));
  }
  for (const impact of new Set(facts.dataImpacts)) cells.push(cell('dataImpacts', impact));
  if (facts.supportRequested) cells.push(cell('support', 'requested'));
  cells.push(...degradedModeCells(facts));
  for (const kind of INTERVENTION_KINDS) {
    const count = facts.interventions[kind] ?? 0;
    if (count > 0) cells.push(cell('support.interventions', kind, count));
  }
  return cells;
}

/** The hours a degraded-mode period lasted, in whole hours completed; null while it goes on or without one. */
export function degradedModeHours(facts: DeclarationFacts): number | null {
  const start = Date.parse(facts.degradedModeStartedAt ?? '');
  const end = Date.parse(facts.degradedModeEndedAt ?? '');
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  return Math.floor((end - start) / 3_600_000);
}

/**
 * A declaration in degraded mode counts, by its structure type and in `total`: in `ended`, and in
 * the histogram of durations `degradedMode.hours.<type>/<hours>` (from which mean, median and the
 * share of 7 days or more are exact at hour resolution, live and as of any instant alike); or in
 * `ongoing` while no end is given.
 */
function degradedModeCells(facts: DeclarationFacts): StatCell[] {
  if (Number.isNaN(Date.parse(facts.degradedModeStartedAt ?? ''))) return [];
  if (facts.degradedModeEndedAt == null) {
    return [cell('degradedMode.ongoing', facts.structureType), cell('degradedMode.ongoing', 'total')];
  }
  const hours = degradedModeHours(facts);
  // An end the form would have refused (before the start, not an instant) counts nowhere.
  if (hours === null) return [];
  return [
    cell('degradedMode.ended', facts.structureType),
    cell('degradedMode.ended', 'total'),
    cell(`degradedMode.hours.${facts.structureType}`, String(hours)),
  ];
}

/**
 * A declarant may suspect a type of the other family (e.g. MALICIOUS with INFRA_FAILURE): the
 * declaration still counts once in its origin's table, as UNSPECIFIED, so that each table sums
 * to its origin's count.
 */
function typeIn(types: readonly string[], type: IncidentType | null): string {
  return type !== null && types.includes(type) ? type : 'UNSPECIFIED';
}

/** Adds (`sign = 1`) or removes (`sign = -1`) a declaration's cells; zero sums are dropped. */
export function applyCells(
  cells: Record<string, number>,
  facts: DeclarationFacts,
  sign: 1 | -1,
): Record<string, number> {
  for (const { section, key, count } of cellsOf(facts)) {
    const name = cellKey(section, key);
    const sum = (cells[name] ?? 0) + sign * count;
    if (sum === 0) delete cells[name];
    else cells[name] = sum;
  }
  return cells;
}

/** What one declaration adds to (or, with `sign = -1`, removes from) its structure's row of its year. */
export interface StructureDelta {
  year: number;
  finess: string;
  declarations: number;
  impacts: Record<OperationalImpact, number>;
}

export function structureDelta(facts: DeclarationFacts, sign: 1 | -1 = 1): StructureDelta {
  const impacts: Record<OperationalImpact, number> = { NONE: 0, DEGRADED: 0, INTERRUPTION: 0 };
  impacts[facts.operationalImpact] = sign;
  return { year: facts.year, finess: facts.finess, declarations: sign, impacts };
}

const IMPACT_SEVERITY: readonly OperationalImpact[] = ['NONE', 'DEGRADED', 'INTERRUPTION'];

/** INTERRUPTION > DEGRADED > NONE, over the declarations counted in a structure's row. */
export function worstImpact(impacts: Record<OperationalImpact, number>): OperationalImpact {
  for (let i = IMPACT_SEVERITY.length - 1; i > 0; i--) {
    if ((impacts[IMPACT_SEVERITY[i]] ?? 0) > 0) return IMPACT_SEVERITY[i];
  }
  return 'NONE';
}
