import { useLang, useT } from '../../i18n/i18n';
import { CellBar, ColumnChart } from '../../ui/bar-chart';
import { formatCount, formatShare } from './report-format';
import { columnLabel, rowLabel, tableTitle } from './report-labels';
import { isPercent, reportTables, type AnnualReport, type ReportTable } from './report-model';
import { ScrollTable } from '../../ui/scroll-table';

const slug = (path: string) => `tableau-${path.replace(/\./g, '-')}`;

function OneTable({ table }: { table: ReportTable }) {
  const t = useT();
  const lang = useLang();
  const title = tableTitle(table.path, lang);
  const single = table.columns.length === 1;
  // Side by side from 992 px up, but the wide ones (the deadlines' stages, the months' chart).
  const wide = !single || table.path === 'byMonth';
  const counts = table.rows.map((row) => row.values[0]);
  // A bar beside each count when the rows are parts of a whole (not the summary tables).
  const bars =
    single &&
    !isPercent(table.path, '') &&
    table.rows.length > 2 &&
    !['declarations', 'byMonth'].includes(table.path);
  const max = Math.max(0, ...counts.map((value) => (typeof value === 'number' ? value : 0)));
  const format = (key: string, column: string, value: (typeof counts)[number]) =>
    isPercent(table.path, column === 'count' ? key : column)
      ? formatShare(value, lang)
      : formatCount(value, lang);
  return (
    <section
      aria-labelledby={slug(table.path)}
      className={`fr-col-12 ${wide ? '' : 'fr-col-lg-6'} fr-mb-4w`}
      data-table={table.path}
    >
      <h3 id={slug(table.path)} className="fr-h5">
        {title}
      </h3>
      {table.path === 'byMonth' && (
        <ColumnChart
          title={title}
          points={table.rows.map((row) => ({
            label: rowLabel(table.path, row.key, t, lang),
            short: rowLabel(table.path, row.key, t, lang).slice(0, 3),
            value: row.values[0],
          }))}
        />
      )}
      <ScrollTable
        label={title}
        noCaption
        bordered
        headers={[
          t.cert.report.label,
          ...table.columns.map((column) => columnLabel(column, lang)),
          ...(bars ? [t.cert.report.chart] : []),
        ]}
        data={table.rows.map((row) => [
          rowLabel(table.path, row.key, t, lang),
          ...row.values.map((value, index) => (
            <span key={table.columns[index]} data-cell={`${table.path}|${row.key}|${table.columns[index]}`}>
              {format(row.key, table.columns[index], value)}
            </span>
          )),
          ...(bars ? [<CellBar key="bar" value={row.values[0]} max={max} />] : []),
        ])}
      />
    </section>
  );
}

/** Every table of the report, in its JSON's order; the monthly one with its column chart above it. */
export function ReportTables({ report }: { report: AnnualReport }) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      {reportTables(report).map((table) => (
        <OneTable key={table.path} table={table} />
      ))}
    </div>
  );
}
