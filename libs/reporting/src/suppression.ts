import { cellKey } from '@vigie/domain';
import { PUBLISHED_SHARES, REPORT_TABLES, tableAt, type TableEntry } from './report-tables-catalog';

/** `total = Σ parts`: an equation the published figures satisfy, between cells (`<table>/<code>`). */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/**
 * The report's counts as cells, and the linear relations between them: every table that adds up to
 * a published cell, every sum inside a table, and every sum a published share reveals (a share of
 * a published base gives its count back). Sums that are no cell of the report (the deadlines'
 * `settled`, the endangered declarations) are cells here all the same: the publication reveals
 * them through a share.
 */
export function cellsAndRelations(report: object): Published {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  const revealedWith = new Map<string, string[]>();
  for (const entry of REPORT_TABLES as readonly TableEntry[]) {
    const table = tableAt<unknown>(report, entry.id);
    if (table === undefined) continue;
    for (const code of entry.codes) {
      const value = table[code];
      if (typeof value === 'number') cells.set(cellKey(entry.id, code), value);
    }
    const codes = entry.codes.map((code) => cellKey(entry.id, code));
    if (entry.sumsTo !== null && cells.has(entry.sumsTo))
      relations.push({ total: entry.sumsTo, parts: codes });
    for (const [total, parts] of Object.entries(entry.innerSums ?? {})) {
      const cell = cellKey(entry.id, total);
      const partCells = parts.map((part) => cellKey(entry.id, part));
      if (!cells.has(cell)) {
        cells.set(cell, sum(cells, partCells));
        // `settled` is shown only as the base of the share on time, which needs `met` too.
        revealedWith.set(cell, [cellKey(entry.id, 'met')]);
      }
      relations.push({ total: cell, parts: partCells });
    }
  }
  for (const published of PUBLISHED_SHARES) {
    if (!('sum' in published) || published.sum.length < 2) continue;
    const cell = sharedSum(published.key);
    cells.set(cell, sum(cells, published.sum));
    relations.push({ total: cell, parts: published.sum });
    revealedWith.set(cell, [published.base]);
  }
  return {
    cells,
    relations: relations.filter((relation) => relation.parts.every((part) => cells.has(part))),
    revealedWith,
  };
}

export interface Published {
  cells: Map<string, number>;
  relations: Relation[];
  /**
   * Sums that are no cell of the report, with the cells the share revealing them needs: a sum is
   * withheld with any of them (its share is null then).
   */
  revealedWith: Map<string, string[]>;
}

/** The cell a share of a sum of cells reveals, e.g. `shares/patientEndangerment`. */
export const sharedSum = (key: string): string => cellKey('shares', key);

const sum = (cells: Map<string, number>, parts: readonly string[]): number =>
  parts.reduce((total, part) => total + (cells.get(part) ?? 0), 0);

/** Primary suppression: a count of 1 to 4 could point at one facility; 0 points at nobody. */
export const isSmall = (count: number): boolean => count >= 1 && count <= 4;

/**
 * Primary then complementary (secondary) suppression, as statistical offices do it: counts of 1 to 4
 * are masked; then, while a relation has exactly one masked cell (which the others would give back
 * by subtraction), the smallest non-zero published cell of that relation is masked too (ties: the
 * first in the relation, the total last). Relations share cells (a total masked in one relation is
 * masked in all), so this runs to a fixed point; then any masked cell the relations together still
 * pin down (`pinnedCells`, by elimination) gets one more neighbour masked, in its first relation
 * that has a published non-zero cell, and the whole runs again. Zeros are never masked.
 */
export function suppress({ cells, relations, revealedWith }: Published): Set<string> {
  const masked = new Set([...cells].filter(([, value]) => isSmall(value)).map(([cell]) => cell));
  const withCompanions = (): boolean => {
    let changed = false;
    for (const [sum, companions] of revealedWith) {
      if (!masked.has(sum) && companions.some((cell) => masked.has(cell))) {
        masked.add(sum);
        changed = true;
      }
    }
    return changed;
  };
  const maskSmallestOf = (members: readonly string[]): boolean => {
    const candidates = members.filter((cell) => !masked.has(cell) && (cells.get(cell) ?? 0) > 0);
    if (candidates.length === 0) return false;
    const smallest = candidates.reduce((best, cell) => (cells.get(cell)! < cells.get(best)! ? cell : best));
    masked.add(smallest);
    return true;
  };
  for (;;) {
    let changed = withCompanions();
    for (const { total, parts } of relations) {
      const members = [...parts, total];
      if (members.filter((cell) => masked.has(cell)).length === 1)
        changed = maskSmallestOf(members) || changed;
    }
    if (changed) continue;
    // A sum that is no cell of the report may be derivable: only the counts it would give away matter.
    const pinned = pinnedCells(relations, masked).filter((cell) => !revealedWith.has(cell));
    const widened = pinned.some((cell) =>
      relations.some(
        ({ total, parts }) => [...parts, total].includes(cell) && maskSmallestOf([...parts, total]),
      ),
    );
    // Every relation of a pinned cell is masked through: nothing left to mask (cannot happen with
    // non-negative counts, but a loop must end).
    if (!widened) return masked;
  }
}

/**
 * The masked cells that the published cells and the relations determine: Gauss–Jordan elimination of
 * the relations over the masked cells (the unknowns); a masked cell is determined exactly when a
 * reduced row has it as its only unknown.
 */
export function pinnedCells(relations: readonly Relation[], masked: ReadonlySet<string>): string[] {
  const unknowns = [...masked];
  const column = new Map(unknowns.map((cell, index) => [cell, index]));
  const rows = relations
    .map(({ total, parts }) => {
      const row = new Array<number>(unknowns.length).fill(0);
      const add = (cell: string, sign: number) => {
        const index = column.get(cell);
        if (index !== undefined) row[index] += sign;
      };
      add(total, 1);
      for (const part of parts) add(part, -1);
      return row;
    })
    .filter((row) => row.some((value) => value !== 0));
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    const pivot = rows.findIndex((row, index) => index >= rank && Math.abs(row[col]) > 1e-9);
    if (pivot === -1) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const lead = rows[rank][col];
    rows[rank] = rows[rank].map((value) => value / lead);
    for (let other = 0; other < rows.length; other++) {
      if (other === rank || Math.abs(rows[other][col]) < 1e-9) continue;
      const factor = rows[other][col];
      rows[other] = rows[other].map((value, index) => value - factor * rows[rank][index]);
    }
    rank++;
  }
  return rows
    .slice(0, rank)
    .map((row) => row.flatMap((value, index) => (Math.abs(value) > 1e-9 ? [index] : [])))
    .filter((nonZero) => nonZero.length === 1)
    .map(([index]) => unknowns[index]);
}
