import type { components } from '../../api/schema';

export type AnnualReport = components['schemas']['AnnualReportDto'];
export type Publication = components['schemas']['PublicationSummaryDto'];
export type Restatements = components['schemas']['RestatementsDto'];

/** A cell of the report: a count, "<5" in a public edition, a share (null when masked or without base). */
export type Cell = number | string | null;

export interface Row {
  key: string;
  /** One value per column (a plain table has one: the count). */
  values: Cell[];
}

/** A table of the report, named by its JSON path (`operationalImpact.structures`), as the CSV and restatements name it. */
export interface ReportTable {
  path: string;
  columns: string[];
  rows: Row[];
}

/** What the report carries beside its tables. */
const META = new Set(['year', 'asOf', 'generatedAt', 'position', 'taxonomyVersion', 'public']);

const isCell = (value: unknown): value is Cell =>
  value === null || typeof value === 'number' || typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every table of the report, read from its JSON alone (a section the server adds later shows up
 * without a change here): a node's scalars are one table, a node whose children are all flat
 * objects a table with their keys as columns (the deadlines' stages), any other child recursed.
 */
export function reportTables(report: AnnualReport): ReportTable[] {
  const tables: ReportTable[] = [];
  const walk = (path: string, node: Record<string, unknown>) => {
    const entries = Object.entries(node);
    const children = entries.filter(([, value]) => isObject(value)) as [string, Record<string, unknown>][];
    // Children of named fields (`total`, `met`…), not of codes (`NONE`, `11`): one table, a column each.
    const flat =
      children.length > 0 &&
      children.every(
        ([, child]) =>
          Object.values(child).every(isCell) && Object.keys(child).every((key) => /^[a-z]/.test(key)),
      );
    if (flat && children.length === entries.length) {
      const columns = [...new Set(children.flatMap(([, child]) => Object.keys(child)))];
      tables.push({
        path,
        columns,
        rows: children.map(([key, child]) => ({
          key,
          values: columns.map((column) => (child[column] ?? null) as Cell),
        })),
      });
      return;
    }
    const scalars = entries.filter(([, value]) => isCell(value)) as [string, Cell][];
    if (scalars.length > 0)
      tables.push({
        path,
        columns: ['count'],
        rows: scalars.map(([key, value]) => ({ key, values: [value] })),
      });
    for (const [key, child] of children) walk(`${path}.${key}`, child);
  };
  for (const [section, value] of Object.entries(report)) {
    if (!META.has(section) && isObject(value)) walk(section, value);
  }
  return tables;
}

/** A cell by its JSON path (`shares.origin.MALICIOUS`): undefined when the report has none. */
export function cellAt(report: AnnualReport | undefined, path: string): Cell | undefined {
  let node: unknown = report;
  for (const part of path.split('.')) node = isObject(node) ? node[part] : undefined;
  return isCell(node) ? node : undefined;
}

/** Cells holding a percentage: the `shares` section, the deadlines' `shareOnTime`, the year's `evolution`. */
export const isPercent = (path: string, key: string): boolean =>
  path.startsWith('shares') || key === 'shareOnTime' || key === 'evolution';
