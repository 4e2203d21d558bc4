import { stringify } from 'csv-stringify/sync';
import type { AnyReport } from '../public-mask';

/** Top-level scalars go in this section; every other section is the JSON path of a table. */
const META_SECTION = 'report';
const META_NUMBERS = new Set(['year']);
const META_BOOLEANS = new Set(['public']);

type Row = [section: string, key: string, value: string];

/**
 * One long table `section,key,value` (e.g. `operationalImpact.structures,DEGRADED,112`): easy to
 * load into a spreadsheet or a database and to diff between two editions. Null is the empty string.
 */
export function renderCsv(report: AnyReport): string {
  const rows: Row[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      return;
    }
    const section = path.length === 1 ? META_SECTION : path.slice(0, -1).join('.');
    rows.push([section, path[path.length - 1], value === null ? '' : String(value)]);
  };
  walk(report, []);
  return stringify(rows, { header: true, columns: ['section', 'key', 'value'] });
}

/** Rows of `renderCsv` back to the report: the CSV holds the whole report, not a lossy view of it. */
export function reportFromCsvRows(
  rows: readonly { section: string; key: string; value: string }[],
): AnyReport {
  const report: Record<string, unknown> = {};
  for (const { section, key, value } of rows) {
    if (section === META_SECTION) {
      report[key] = META_NUMBERS.has(key) ? Number(value) : META_BOOLEANS.has(key) ? value === 'true' : value;
      continue;
    }
    let node = report;
    for (const part of section.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    node[key] = value === '' ? null : value === '<5' || value === 'secret' ? value : Number(value);
  }
  return report as unknown as AnyReport;
}
