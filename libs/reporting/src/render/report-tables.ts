import { CODE_LISTS, labelOf, type Lang } from '@vigie/domain';
import type { DegradedModeDuration, Masked, StageOnTime } from '../annual-report';
import { GROUP_TITLES, REPORT_TABLES, entryOf, tableAt, type TableEntry } from '../report-tables-catalog';
import type { AnyReport } from '../public-mask';
import { formatNumber, monthName, text, type TextKey } from './report-text';

export interface TableRow {
  code: string;
  label: string;
  count: number | Masked;
  /** % shown beside the count, when the table has a meaningful base. */
  share: number | null;
  /** What the count leaves out, shown under the label (the deadlines table). */
  detail?: string;
}

export interface ReportTable {
  /** The JSON path of the table, e.g. `operationalImpact.structures`. */
  id: string;
  title: string;
  rows: TableRow[];
}

/** A table's title, or its group's (report-tables-catalog.ts). */
export const tableTitle = (id: string, lang: Lang): string => {
  const entry = entryOf(id);
  if (entry === undefined) return GROUP_TITLES[id as keyof typeof GROUP_TITLES][lang];
  return entry.group === undefined ? entry.title[lang] : GROUP_TITLES[entry.group][lang];
};

/**
 * Every table of the catalog, in reading order, with labels in `lang`: what md, html and pdf lay
 * out. Entries of one group are one table: the support (requests, then interventions) and the
 * deadlines (one row per regime and stage: met on time, its share of those fallen due, the rest in
 * the row's detail). Tables an edition predates are left out.
 */
export function reportTables(report: AnyReport, lang: Lang): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const entry of REPORT_TABLES as readonly TableEntry[]) {
    const values = tableAt<number | Masked>(report, entry.id);
    if (values === undefined) continue;
    const rows =
      entry.counts === 'clocks' ? [stageRow(entry, values, lang)] : codeRows(report, entry, values, lang);
    const id = entry.group ?? entry.id;
    const last = tables[tables.length - 1];
    if (entry.group !== undefined && last?.id === id) last.rows.push(...rows);
    else tables.push({ id, title: tableTitle(entry.id, lang), rows });
  }
  return tables.map((table) => (table.id === 'byRegion' ? metropolitanFirst(table) : table));
}

function codeRows(
  report: AnyReport,
  entry: TableEntry,
  values: Record<string, number | Masked>,
  lang: Lang,
): TableRow[] {
  const base = entry.shareBase === null ? null : asNumber(cellOf(report, entry.shareBase));
  const label = (code: string): string =>
    entry.labels === 'text'
      ? text(`${entry.id}.${code}` as TextKey, lang)
      : entry.labels === 'month'
        ? monthName(code, lang)
        : code === 'total'
          ? text('allTypes', lang)
          : labelOf(entry.labels, code, lang);
  const order = entry.labels === 'text' || entry.labels === 'month' ? entry.codes : CODE_LISTS[entry.labels];
  const codes = [...entry.codes].sort((a, b) => rank(order, a) - rank(order, b));
  const described =
    entry.describedBy === undefined ? undefined : tableAt<DegradedModeDuration>(report, entry.describedBy);
  return codes.map((code) => ({
    code,
    label: label(code),
    count: values[code],
    share: shareOf(values[code], base),
    ...(described?.[code] === undefined ? {} : { detail: durationDetail(described[code], lang) }),
  }));
}

/** Mean, median and long periods, in hours and days as the ANS quotes them ("on average one day"). */
function durationDetail(duration: DegradedModeDuration, lang: Lang): string {
  if (duration.meanHours === null || duration.medianHours === null) return text('degradedMode.none', lang);
  return text('degradedMode.detail', lang, {
    mean: formatNumber(duration.meanHours, lang),
    median: formatNumber(duration.medianHours, lang),
    long: formatShare(duration.sevenDaysOrMoreShare, lang) || '—',
  });
}

function stageRow(entry: TableEntry, values: Record<string, number | Masked>, lang: Lang): TableRow {
  const row = values as unknown as StageOnTime<number | Masked>;
  return {
    code: entry.id.split('.').slice(1).join('/'),
    label: entry.title[lang],
    count: row.met,
    share: row.shareOnTime,
    detail: text('deadlines.detail', lang, {
      settled: formatSum([row.met, row.metLate, row.overdue], lang),
      late: formatCount(row.metLate, lang),
      overdue: formatCount(row.overdue, lang),
      due: formatCount(row.due, lang),
    }),
  };
}

/** One cell of the report, `<table id>/<code>`. */
export const cellOf = (report: AnyReport, cell: string): number | Masked => {
  const slash = cell.lastIndexOf('/');
  return tableAt<number | Masked>(report, cell.slice(0, slash))?.[cell.slice(slash + 1)] ?? 0;
};

/** Codes outside the code list (UNSPECIFIED) come last. */
const rank = (order: readonly string[], code: string): number =>
  order.includes(code) ? order.indexOf(code) : order.length;

/** Regions as the reports list them: the thirteen of metropolitan France, then the five overseas. */
const metropolitanFirst = (table: ReportTable): ReportTable => ({
  ...table,
  rows: [...table.rows].sort((a, b) => Number(a.code.startsWith('0')) - Number(b.code.startsWith('0'))),
});

/** A masked count shows no share: the share would give the count back. */
function shareOf(count: number | Masked, base: number | null): number | null {
  if (typeof count !== 'number' || base === null || base === 0) return null;
  return Math.round((count / base) * 1000) / 10;
}

/** A masked total is 1–4: too small for a share base, so shares are left out. */
const asNumber = (count: number | Masked): number | null => (typeof count === 'number' ? count : null);

export const formatCount = (count: number | Masked, lang: Lang): string =>
  typeof count === 'number' ? formatNumber(count, lang) : count;

export const formatShare = (share: number | null, lang: Lang): string =>
  share === null ? '' : `${formatNumber(share, lang)} %`;

export interface KeyFigure {
  label: string;
  value: string;
  detail: string;
}

/** The headline numbers the publications open with. */
export function keyFigures(report: AnyReport, lang: Lang): KeyFigure[] {
  const { declarations, shares } = report;
  const previousYear = report.year - 1;
  const evolution =
    declarations.evolution === null
      ? text('noEvolution', lang, { previousYear })
      : text('evolution', lang, {
          sign: declarations.evolution > 0 ? '+' : '',
          value: formatNumber(declarations.evolution, lang),
          previousYear,
          previous: formatCount(declarations.previousYearTotal, lang),
        });
  const endangered = formatSum(
    [report.patientEndangerment.POTENTIAL, report.patientEndangerment.ACTUAL],
    lang,
  );
  return [
    { label: text('declarations', lang), value: formatCount(declarations.total, lang), detail: evolution },
    {
      label: text('declaringStructures', lang),
      value: formatCount(report.structures.declaring, lang),
      detail: `${text('structures.withAtLeast2', lang)}${lang === 'fr' ? ' : ' : ': '}${formatCount(report.structures.withAtLeast2, lang)}`,
    },
    {
      label: text('maliciousShare', lang),
      value: shares.origin.MALICIOUS === null ? '—' : formatShare(shares.origin.MALICIOUS, lang),
      detail: `${formatCount(report.origin.MALICIOUS, lang)} / ${formatCount(declarations.total, lang)}`,
    },
    {
      label: text('endangerments', lang),
      value: endangered,
      detail: text('ofWhichActual', lang, { actual: formatCount(report.patientEndangerment.ACTUAL, lang) }),
    },
    {
      label: text('impactedStructures', lang),
      value:
        formatShare(
          sumShares(shares.structuresByImpact.DEGRADED, shares.structuresByImpact.INTERRUPTION),
          lang,
        ) || '—',
      detail: text('impactedDetail', lang, {
        degraded: formatShare(shares.structuresByImpact.DEGRADED, lang) || '—',
        interrupted: formatShare(shares.structuresByImpact.INTERRUPTION, lang) || '—',
      }),
    },
    {
      label: text('supportRequests', lang),
      value: formatCount(report.support.requested, lang),
      detail: shares.supportRequested === null ? '' : formatShare(shares.supportRequested, lang),
    },
  ];
}

const sumShares = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.round((a + b) * 10) / 10;

/**
 * A sum with parts of 1 to 4 ("<5") is shown as the range it is known to lie in, e.g. 33–36 for
 * 32 + "<5"; with a part withheld by secondary suppression, it is withheld too.
 */
function formatSum(counts: (number | Masked)[], lang: Lang): string {
  if (counts.includes('secret')) return 'secret';
  const known = counts
    .filter((count): count is number => typeof count === 'number')
    .reduce((a, b) => a + b, 0);
  const masked = counts.length - counts.filter((count) => typeof count === 'number').length;
  if (masked === 0) return formatNumber(known, lang);
  if (known === 0 && masked === 1) return '<5';
  return `${formatNumber(known + masked, lang)}–${formatNumber(known + 4 * masked, lang)}`;
}
