import { snapshotFromFacts, type RegionCode, type StructureType, type SuspectedOrigin } from '@vigie/domain';
import { buildAnnualReport, type AnnualReport } from './annual-report';
import { maskReport } from './public-mask';
import { reportCells } from './publications/restatements';
import { META } from './report.fixtures';
import { REPORT_TABLES, setTableAt, tableAt, type CodesOf, type TableEntry } from './report-tables-catalog';
import { renderCsv } from './render/render-csv';
import { formatNumber } from './render/report-text';
import { formatCount, reportTables } from './render/report-tables';

const ENTRIES = REPORT_TABLES as readonly TableEntry[];

/** A report whose every cell holds its own value (1000, 1001, …): a cell rendered anywhere is found by its value. */
function distinctReport(): { report: AnnualReport; values: Map<string, number> } {
  const report = buildAnnualReport(snapshotFromFacts(2020, []), META);
  const values = new Map<string, number>();
  let next = 1000;
  for (const entry of ENTRIES) {
    const table = { ...tableAt<number>(report, entry.id)! };
    for (const code of entry.codes) {
      table[code] = next;
      values.set(`${entry.id}/${code}`, next++);
    }
    setTableAt(report as unknown as Record<string, unknown>, entry.id, table);
  }
  return { report, values };
}

/** The JSON paths of every count of a report: what is not metadata, a share or an evolution. */
function countPaths(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return typeof value === 'number' ? [path.join('.')] : [];
  return Object.entries(value).flatMap(([key, child]) =>
    (path.length === 0 && ['year', 'shares'].includes(key)) || path.join('.') === 'degradedMode.duration'
      ? []
      : ['evolution', 'shareOnTime'].includes(key)
        ? []
        : countPaths(child, [...path, key]),
  );
}

describe('the catalog of the report’s tables', () => {
  it('names every count the built report has, and the report has every table and code it lists', () => {
    const report = buildAnnualReport(snapshotFromFacts(2020, []), META);
    const listed = ENTRIES.flatMap((entry) => entry.codes.map((code) => `${entry.id}.${code}`));
    expect(countPaths(report).sort()).toEqual([...listed].sort());
    expect(new Set(ENTRIES.map((entry) => entry.id)).size).toBe(ENTRIES.length);
  });

  it('the public mask masks every cell of every table', () => {
    const report = buildAnnualReport(snapshotFromFacts(2020, []), META);
    for (const entry of ENTRIES) {
      const table = { ...tableAt<number>(report, entry.id)! };
      for (const code of entry.codes) table[code] = 3;
      setTableAt(report as unknown as Record<string, unknown>, entry.id, table);
    }
    const masked = maskReport(report);
    for (const entry of ENTRIES) {
      const table = tableAt<unknown>(masked, entry.id)!;
      for (const code of entry.codes) expect([entry.id, code, table[code]]).toEqual([entry.id, code, '<5']);
    }
  });

  it('the rendered tables (md, html, pdf) show every cell of every table', () => {
    const { report, values } = distinctReport();
    const rendered = reportTables(report, 'en')
      .flatMap((table) => table.rows)
      .flatMap((row) => [formatCount(row.count, 'en'), row.detail ?? '']);
    const shown = (value: number) => rendered.some((text) => text.includes(formatNumber(value, 'en')));
    // A deadline row shows met, late, overdue and due; `total` is their sum and need not be repeated.
    const expected = [...values].filter(
      ([cell]) => !(cell.startsWith('deadlines.') && cell.endsWith('/total')),
    );
    expect(expected.filter(([, value]) => !shown(value)).map(([cell]) => cell)).toEqual([]);
  });

  it('the CSV holds every cell of every table', () => {
    const { report, values } = distinctReport();
    const csv = renderCsv(report);
    for (const [cell, value] of values) {
      const slash = cell.lastIndexOf('/');
      expect([cell, csv.includes(`${cell.slice(0, slash)},${cell.slice(slash + 1)},${value}\n`)]).toEqual([
        cell,
        true,
      ]);
    }
  });

  it('restatements compare every cell of every table the catalog says they do', () => {
    const { report, values } = distinctReport();
    const compared = new Map(reportCells(report).map((cell) => [`${cell.section}/${cell.key}`, cell.value]));
    const restated = ENTRIES.filter((entry) => entry.restated).flatMap((entry) =>
      entry.codes.map((code) => `${entry.id}/${code}`),
    );
    expect(new Map(restated.map((cell) => [cell, values.get(cell)]))).toEqual(compared);
    // Only the clocks are left out, and on purpose (see `restated`).
    expect(ENTRIES.filter((entry) => !entry.restated).every((entry) => entry.counts === 'clocks')).toBe(true);
  });

  it('an edition published before a table existed still masks, renders and restates', () => {
    const { report } = distinctReport();
    const older = { ...report } as Partial<AnnualReport>;
    delete older.deadlines;
    const masked = maskReport(older as AnnualReport);
    expect(masked.deadlines).toBeUndefined();
    expect(reportTables(masked, 'fr').map((table) => table.id)).not.toContain('deadlines');
    expect(reportCells(older as AnnualReport).length).toBeGreaterThan(0);
  });
});

// Type-level: the report's type is the catalog's. These fail to compile if an entry and the type part ways.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
export type TypeChecks = [
  Expect<Equal<keyof AnnualReport['byRegion'], RegionCode>>,
  Expect<Equal<keyof AnnualReport['byStructureType'], StructureType>>,
  Expect<Equal<keyof AnnualReport['origin'], SuspectedOrigin>>,
  Expect<
    Equal<keyof AnnualReport['operationalImpact']['structures'], CodesOf<'operationalImpact.structures'>>
  >,
  Expect<Equal<AnnualReport['support']['requested'], number>>,
  Expect<
    Equal<
      keyof AnnualReport['deadlines']['NIS2'],
      'EARLY_WARNING' | 'NOTIFICATION' | 'INTERMEDIATE' | 'FINAL'
    >
  >,
];
