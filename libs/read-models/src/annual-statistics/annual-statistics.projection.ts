import {
  cellsOf,
  evolveFacts,
  toDeclarationEvent,
  type DeclarationFacts,
  type OperationalImpact,
  type StatCell,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { readModel, type RowProjection, type SumProjection } from '../projection/read-model';
import { declarationIdOf, record } from '../shared/event-data';
import { DeclarationFactsRow, StatisticCellRow, StructureYearRow } from './annual-statistics.entity';

/**
 * `evolveFacts` is not idempotent (interventions are counted), so the row keeps the revision of
 * the last event that changed it and a replayed revision is skipped.
 */
export function evolveFactsRow(
  row: DeclarationFactsRow | null,
  event: RecordedEvent,
): DeclarationFactsRow | null {
  const id = declarationIdOf(event);
  if (id === null || (row !== null && event.revision <= row.revision)) return row;
  let facts: DeclarationFacts | null;
  try {
    facts = evolveFacts(
      row?.facts ?? null,
      toDeclarationEvent({ type: event.type, data: record(event.data) }),
    );
  } catch {
    // Odd data must not stop the feed: the declaration keeps the facts it had.
    return row;
  }
  if (facts === null || facts === row?.facts) return row;
  return { declarationId: id, revision: event.revision, facts };
}

export const cellRowKey = (year: number, section: string, key: string): string => `${year}/${section}/${key}`;

export function evolveCell(
  row: StatisticCellRow | null,
  key: string,
  cell: StatCell,
  sign: 1 | -1,
): StatisticCellRow | null {
  const count = (row?.count ?? 0) + sign * cell.count;
  if (count === 0) return null;
  if (row !== null) return { ...row, count };
  return {
    key,
    year: Number(key.slice(0, key.indexOf('/'))),
    section: cell.section,
    cellKey: cell.key,
    count,
  };
}

const IMPACT_COLUMN: Record<OperationalImpact, 'impactNone' | 'impactDegraded' | 'impactInterruption'> = {
  NONE: 'impactNone',
  DEGRADED: 'impactDegraded',
  INTERRUPTION: 'impactInterruption',
};

export function evolveStructureYear(
  row: StructureYearRow | null,
  key: string,
  facts: DeclarationFacts,
  sign: 1 | -1,
): StructureYearRow | null {
  const base = row ?? {
    key,
    year: facts.year,
    finess: facts.finess,
    declarations: 0,
    impactNone: 0,
    impactDegraded: 0,
    impactInterruption: 0,
  };
  const next = { ...base, declarations: base.declarations + sign };
  const column = IMPACT_COLUMN[facts.operationalImpact] ?? 'impactNone';
  next[column] += sign;
  return next.declarations === 0 ? null : next;
}

export const factsProjection: RowProjection<DeclarationFactsRow> = {
  entity: DeclarationFactsRow,
  keyOf: declarationIdOf,
  evolve: evolveFactsRow,
};

export const cellSums: SumProjection<DeclarationFactsRow, StatCell, StatisticCellRow> = {
  entity: StatisticCellRow,
  contributions: ({ facts }) =>
    cellsOf(facts).map((cell) => [cellRowKey(facts.year, cell.section, cell.key), cell]),
  evolve: evolveCell,
};

export const structureYearSums: SumProjection<DeclarationFactsRow, DeclarationFacts, StructureYearRow> = {
  entity: StructureYearRow,
  contributions: ({ facts }) => [[`${facts.year}/${facts.finess}`, facts]],
  evolve: evolveStructureYear,
};

export const annualStatistics = readModel('annual-statistics', factsProjection, [
  cellSums,
  structureYearSums,
]);
