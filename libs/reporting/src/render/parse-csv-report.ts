import { parse } from 'csv-parse/sync';
import type { AnyReport } from '../public-mask';
import { reportFromCsvRows } from './render-csv';

/**
 * Reads a CSV written by `renderCsv`. csv-parse is a devDependency: this module is for tests and
 * tooling, and the built application never imports it.
 */
export function parseCsvReport(csv: string): AnyReport {
  return reportFromCsvRows(
    parse(csv, { columns: true, skip_empty_lines: true }) as {
      section: string;
      key: string;
      value: string;
    }[],
  );
}
