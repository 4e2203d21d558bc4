import { CODE_LISTS, labelOf, type CodeList, type Lang } from '@vigie/domain';
import { DEADLINE_STAGES, MONTHS, type Masked, type StageOnTime } from '../annual-report';
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

/** Every table of the report, in reading order, with labels in `lang`: what md, html and pdf lay out. */
export function reportTables(report: AnyReport, lang: Lang): ReportTable[] {
  const total = asNumber(report.declarations.total);
  const declaring = asNumber(report.structures.declaring);
  const fixed = (id: string, values: Record<string, number | Masked>, base: number | null): ReportTable => ({
    id,
    title: text(`section.${id}` as TextKey, lang),
    rows: Object.entries(values).map(([code, count]) => ({
      code,
      label: text(`${id}.${code}` as TextKey, lang),
      count,
      share: shareOf(count, base),
    })),
  });
  const coded = (
    id: string,
    list: CodeList | 'month',
    values: Record<string, number | Masked>,
    base: number | null,
  ): ReportTable => ({
    id,
    title: text(`section.${id}` as TextKey, lang),
    rows: inCodeOrder(values, list === 'month' ? MONTHS : CODE_LISTS[list]).map(([code, count]) => ({
      code,
      label: list === 'month' ? monthName(code, lang) : labelOf(list, code, lang),
      count,
      share: shareOf(count, base),
    })),
  });
  const { declarations } = report;
  return [
    fixed(
      'declarations',
      {
        total: declarations.total,
        inScope: declarations.inScope,
        outOfScope: declarations.outOfScope,
        unqualified: declarations.unqualified,
        previousYearTotal: declarations.previousYearTotal,
      },
      null,
    ),
    fixed('structures', report.structures, null),
    coded('byStructureType', 'structureType', report.byStructureType, total),
    metropolitanFirst(coded('byRegion', 'region', report.byRegion, total)),
    coded('byMonth', 'month', report.byMonth, total),
    coded('origin', 'origin', report.origin, total),
    coded('maliciousTypes', 'maliciousType', report.maliciousTypes, asNumber(report.origin.MALICIOUS)),
    coded(
      'nonMaliciousTypes',
      'nonMaliciousType',
      report.nonMaliciousTypes,
      asNumber(report.origin.NON_MALICIOUS),
    ),
    coded(
      'operationalImpact.declarations',
      'operationalImpact',
      report.operationalImpact.declarations,
      total,
    ),
    coded(
      'operationalImpact.structures',
      'operationalImpact',
      report.operationalImpact.structures,
      declaring,
    ),
    coded('patientEndangerment', 'patientEndangerment', report.patientEndangerment, total),
    coded('dataImpacts', 'dataImpact', report.dataImpacts, total),
    {
      ...coded('support', 'interventionKind', report.support.interventions, null),
      rows: [
        {
          code: 'requested',
          label: text('support.requested', lang),
          count: report.support.requested,
          share: shareOf(report.support.requested, total),
        },
        ...coded('support', 'interventionKind', report.support.interventions, null).rows,
      ],
    },
    fixed('timeToDeclare', report.timeToDeclare, total),
    ...deadlinesTable(report, lang),
  ];
}

/**
 * One row per regime and stage: the count met on time, its share of those fallen due (the
 * report's own `shareOnTime`), and the rest in the row's detail. None for an edition published before
 * the section existed.
 */
function deadlinesTable(report: AnyReport, lang: Lang): ReportTable[] {
  const deadlines = (report as Partial<AnyReport>).deadlines;
  if (deadlines === undefined) return [];
  const rows = (Object.keys(DEADLINE_STAGES) as (keyof typeof DEADLINE_STAGES)[]).flatMap((regime) =>
    DEADLINE_STAGES[regime].map((stage): TableRow => {
      const row = (deadlines[regime] as Record<string, StageOnTime<number | Masked>>)[stage];
      return {
        code: `${regime}/${stage}`,
        label: text(`deadlines.${regime}.${stage}` as TextKey, lang),
        count: row.met,
        share: row.shareOnTime,
        detail: text('deadlines.detail', lang, {
          settled: formatSum([row.met, row.metLate, row.overdue], lang),
          late: formatCount(row.metLate, lang),
          overdue: formatCount(row.overdue, lang),
          due: formatCount(row.due, lang),
        }),
      };
    }),
  );
  return [{ id: 'deadlines', title: text('section.deadlines', lang), rows }];
}

/**
 * Keys like '10' or '84' are integer-like, so JavaScript lists them before '01' or '02': tables
 * follow the code list instead. Keys outside it (UNSPECIFIED) come last.
 */
function inCodeOrder<C>(values: Record<string, C>, order: readonly string[]): [string, C][] {
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return Object.entries(values).sort(([a], [b]) => rank(a) - rank(b));
}

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

/** A sum with masked parts is shown as the range it is known to lie in, e.g. 33–36 for 32 + "<5". */
function formatSum(counts: (number | Masked)[], lang: Lang): string {
  const known = counts
    .filter((count): count is number => typeof count === 'number')
    .reduce((a, b) => a + b, 0);
  const masked = counts.length - counts.filter((count) => typeof count === 'number').length;
  if (masked === 0) return formatNumber(known, lang);
  if (known === 0 && masked === 1) return '<5';
  return `${formatNumber(known + masked, lang)}–${formatNumber(known + 4 * masked, lang)}`;
}
