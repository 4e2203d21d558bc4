import {
  cellKey,
  cellsOf,
  worstImpact,
  type AnnualStatisticsSnapshot,
  type DeclarationFacts,
  type StructureYearStats,
} from '@vigie/domain';
import { buildAnnualReport, type AnnualReport } from '../annual-report';
import { REPORT_TABLES, tableAt, type TableEntry } from '../report-tables-catalog';

/** A count of the report, named as the CSV rendering and the statistics cells name it. */
export interface ReportCell {
  section: string;
  key: string;
  value: number;
}

/** One declaration as it stood in the edition (`before`) and as it stands now (`after`). */
export interface FactsChange {
  declarationId: string;
  before: DeclarationFacts | null;
  after: DeclarationFacts | null;
}

/** A cell whose count changed since an edition, and the declarations that moved it. */
export interface Restatement {
  section: string;
  key: string;
  old: number;
  new: number;
  declarations: string[];
}

export interface EditionComparison {
  year: number;
  /** The edition as published: the `old` values. */
  published: AnnualReport;
  /** The log replayed at the edition's bounds and at the compared ones: who counted where. */
  before: AnnualStatisticsSnapshot;
  after: AnnualStatisticsSnapshot;
  /** Declarations of the year or the year before, at least those whose facts differ. */
  changes: Iterable<FactsChange>;
}

/**
 * The counts of a report, table by table, for every table of the catalog that restatements compare
 * (`restated`); derived figures (`evolution`, `shares`) and metadata are left out: they move with the
 * counts they are computed from.
 */
export function reportCells(report: AnnualReport): ReportCell[] {
  return (REPORT_TABLES as readonly TableEntry[])
    .filter((entry) => entry.restated)
    .flatMap((entry) => {
      const table = tableAt<unknown>(report, entry.id) ?? {};
      return entry.codes
        .map((key) => ({ section: entry.id, key, value: table[key] }))
        .filter((cell): cell is ReportCell => typeof cell.value === 'number');
    });
}

/**
 * Every count that differs between an edition and the report now, with the declarations that
 * moved it. A declaration moves a declaration-level cell when its own contribution to it changed
 * (a requalification takes it from one origin to another; a late declaration adds to its cells);
 * a structure-level cell (`structures.*`, `operationalImpact.structures`) is moved by the
 * declarations whose contribution to a structure that entered, left or changed that cell changed.
 * A cell whose count is the same is not listed, even if declarations crossed it both ways.
 */
export function restatements(comparison: EditionComparison): Restatement[] {
  const { year, published, before, after } = comparison;
  const current = buildAnnualReport(after, {
    asOf: published.asOf,
    generatedAt: published.generatedAt,
    position: published.position,
  });
  const publishedCells = reportCells(published);
  const old = new Map(publishedCells.map((cell) => [cellKey(cell.section, cell.key), cell.value]));
  // A table the edition predates was not published: nothing of it is restated.
  const tables = new Set(publishedCells.map((cell) => cell.section));
  const changed = reportCells(current).filter(
    (cell) => tables.has(cell.section) && (old.get(cellKey(cell.section, cell.key)) ?? 0) !== cell.value,
  );
  if (changed.length === 0) return [];

  const movers = new Map<string, Set<string>>();
  const attribute = (cell: string, declarationId: string): void => {
    const ids = movers.get(cell) ?? movers.set(cell, new Set()).get(cell)!;
    ids.add(declarationId);
  };
  const changes = [...comparison.changes];
  for (const change of changes) {
    for (const cell of movedCells(year, change)) attribute(cell, change.declarationId);
  }
  for (const [finess, cells] of movedStructures(before, after)) {
    const moved = changes.filter((change) => movedStructure(year, change, finess));
    for (const cell of cells) for (const change of moved) attribute(cell, change.declarationId);
  }

  return changed.map((cell) => {
    const key = cellKey(cell.section, cell.key);
    return {
      section: cell.section,
      key: cell.key,
      old: old.get(key) ?? 0,
      new: cell.value,
      declarations: [...(movers.get(key) ?? [])].sort(),
    };
  });
}

/** The declaration-level cells whose count this declaration alone changes (by the sign of the move). */
function movedCells(year: number, { before, after }: FactsChange): string[] {
  const delta = new Map<string, number>();
  const move = (facts: DeclarationFacts | null, sign: 1 | -1): void => {
    if (facts === null) return;
    if (facts.year === year - 1) {
      const key = cellKey('declarations', 'previousYearTotal');
      delta.set(key, (delta.get(key) ?? 0) + sign);
    }
    if (facts.year !== year) return;
    for (const cell of cellsOf(facts)) {
      const key = cellKey(cell.section, cell.key);
      delta.set(key, (delta.get(key) ?? 0) + sign * cell.count);
    }
  };
  move(before, -1);
  move(after, 1);
  return [...delta].filter(([, count]) => count !== 0).map(([key]) => key);
}

/** The structure-level cells a structure's row puts it in. */
function structureCells(row: StructureYearStats | undefined): Set<string> {
  if (row === undefined || row.declarations <= 0) return new Set();
  const cells = [cellKey('structures', 'declaring')];
  if (row.declarations >= 2) cells.push(cellKey('structures', 'withAtLeast2'));
  if (row.declarations >= 4) cells.push(cellKey('structures', 'withAtLeast4'));
  cells.push(cellKey('operationalImpact.structures', worstImpact(row.impacts)));
  return new Set(cells);
}

/** Structures that entered or left a structure-level cell, with those cells. */
function movedStructures(
  before: AnnualStatisticsSnapshot,
  after: AnnualStatisticsSnapshot,
): Map<string, string[]> {
  const rowsBefore = new Map(before.structures.map((row) => [row.finess, row]));
  const rowsAfter = new Map(after.structures.map((row) => [row.finess, row]));
  const moved = new Map<string, string[]>();
  for (const finess of new Set([...rowsBefore.keys(), ...rowsAfter.keys()])) {
    const was = structureCells(rowsBefore.get(finess));
    const is = structureCells(rowsAfter.get(finess));
    const cells = [...was, ...is].filter((cell) => was.has(cell) !== is.has(cell));
    if (cells.length > 0) moved.set(finess, [...new Set(cells)]);
  }
  return moved;
}

/** Whether this declaration changed what it brings to `finess`'s row of the year (presence or impact). */
function movedStructure(year: number, { before, after }: FactsChange, finess: string): boolean {
  const share = (facts: DeclarationFacts | null): string | null =>
    facts !== null && facts.year === year && facts.finess === finess ? facts.operationalImpact : null;
  return share(before) !== share(after);
}
