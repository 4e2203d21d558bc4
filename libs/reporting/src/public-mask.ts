import { cellKey } from '@vigie/domain';
import type { AnnualReport, Masked } from './annual-report';
import {
  PUBLISHED_SHARES,
  REPORT_TABLES,
  entryOf,
  setTableAt,
  tableAt,
  type TableEntry,
} from './report-tables-catalog';
import { cellsAndRelations, isSmall, sharedSum, suppress } from './suppression';

export type PublicReport = AnnualReport<number | Masked>;
export type AnyReport = AnnualReport | PublicReport;

/** Primary suppression alone, for one count: 1 to 4 → "<5". */
export const maskCount = (count: number): number | Masked => (isSmall(count) ? '<5' : count);

/** Which cells of a report the public edition withholds, and why. */
export interface Suppression {
  primary: Set<string>;
  secondary: Set<string>;
}

export function suppressionOf(report: AnnualReport): Suppression {
  const published = cellsAndRelations(report);
  const masked = suppress(published);
  const cells = published.cells;
  const primary = new Set([...masked].filter((cell) => isSmall(cells.get(cell) ?? 0)));
  return { primary, secondary: new Set([...masked].filter((cell) => !primary.has(cell))) };
}

/**
 * The report as published (`public=true`): every table of the catalog masked, primary and
 * complementary suppression (suppression.ts), shown "<5" and "secret". A share is
 * withheld wherever its count or its base is; `evolution` wherever the total or the previous
 * year's is; a deadline's share on time wherever its met or settled clocks are.
 */
export function maskReport(report: AnnualReport): PublicReport {
  const { primary, secondary } = suppressionOf(report);
  const isMasked = (cell: string): boolean => primary.has(cell) || secondary.has(cell);
  const masked = structuredClone(report) as unknown as Record<string, unknown>;
  for (const entry of REPORT_TABLES as readonly TableEntry[]) {
    const table = tableAt<unknown>(report, entry.id);
    // An edition published before the table existed has none to mask.
    if (table === undefined) continue;
    const maskedTable: Record<string, unknown> = { ...table };
    for (const code of entry.codes) {
      const cell = cellKey(entry.id, code);
      if (primary.has(cell)) maskedTable[code] = '<5' satisfies Masked;
      else if (secondary.has(cell)) maskedTable[code] = 'secret' satisfies Masked;
    }
    if (entry.group === 'deadlines') {
      const settled = cellKey(entry.id, 'settled');
      if (isMasked(cellKey(entry.id, 'met')) || isMasked(settled)) maskedTable.shareOnTime = null;
    }
    setTableAt(masked, entry.id, maskedTable);
    const described =
      entry.describedBy === undefined ? undefined : tableAt<object>(report, entry.describedBy);
    if (entry.describedBy !== undefined && described !== undefined) {
      // Fewer than 5 declarations (or a count withheld) behind a mean or a median: withheld with it.
      const figures = Object.fromEntries(
        Object.entries(described).map(([code, values]) => [
          code,
          isMasked(cellKey(entry.id, code))
            ? Object.fromEntries(Object.keys(values).map((name) => [name, null]))
            : values,
        ]),
      );
      setTableAt(masked, entry.describedBy, figures);
    }
  }
  const declarations = masked.declarations as Record<string, unknown>;
  if (isMasked('declarations/total') || isMasked('declarations/previousYearTotal')) {
    declarations.evolution = null;
  }
  const shares = masked.shares as Record<string, unknown>;
  for (const published of PUBLISHED_SHARES) {
    if (shares?.[published.key] === undefined) continue;
    const baseMasked = isMasked(published.base);
    if ('table' in published) {
      const entry = entryOf(published.table)!;
      const row = { ...(shares[published.key] as Record<string, number | null>) };
      for (const code of entry.codes) {
        if (baseMasked || isMasked(cellKey(entry.id, code))) row[code] = null;
      }
      shares[published.key] = row;
    } else {
      const revealed = published.sum.length === 1 ? published.sum[0] : sharedSum(published.key);
      if (baseMasked || isMasked(revealed)) shares[published.key] = null;
    }
  }
  masked.public = true;
  return masked as unknown as PublicReport;
}
