import {
  STRUCTURE_TYPES,
  TAXONOMY_VERSION,
  cellKey,
  structureFigures,
  type AnnualStatisticsSnapshot,
  type OperationalImpact,
  type Regime,
  type StageTimeliness,
  type StructureType,
  type SuspectedOrigin,
} from '@vigie/domain';
import { DEADLINE_STAGES, STAGE_COUNTS } from './report-codes';
import {
  PUBLISHED_SHARES,
  REPORT_TABLES,
  entryOf,
  setTableAt,
  type ReportTables,
} from './report-tables-catalog';

export * from './report-codes';
export * from './report-tables-catalog';

/**
 * One stage of one regime over the year's declarations, read at the report's `asOf`: `met` on
 * time, `metLate`, `overdue` (unmet and late), `due` (unmet, not yet late). `total` is their sum.
 */
export interface StageOnTime<C extends number | Masked = number> {
  total: C;
  met: C;
  metLate: C;
  overdue: C;
  due: C;
  /** % (one decimal) of the stages already fallen due that were met on time; null when none has. */
  shareOnTime: number | null;
}

export type DeadlinesSection<C extends number | Masked = number> = {
  [R in Regime]: Record<(typeof DEADLINE_STAGES)[R][number], StageOnTime<C>>;
};

/**
 * `public` reports show `"<5"` instead of a count of 1 to 4 (primary suppression; zero stays 0: it
 * discloses nobody), and `"secret"` instead of a count withheld only so that no `"<5"` can be
 * recomputed from a total (secondary suppression; docs/report.md).
 */
export type Masked = '<5' | 'secret';

/**
 * The canonical yearly report (API.md "The yearly report"). Every code of every table is present,
 * with 0 when nothing counts, so that two reports always have the same keys. `C` is the type of a
 * count: `number`, or `number | '<5'` once masked for publication. Its tables are the catalog's
 * (report-tables-catalog.ts); here are only the figures derived from them.
 */
export type AnnualReport<C extends number | Masked = number> = ReportTables<C> & {
  year: number;
  asOf: string;
  generatedAt: string;
  position: string;
  taxonomyVersion: string;
  public: boolean;
  declarations: {
    /** % change of `total` against `previousYearTotal`; null when there was none the year before. */
    evolution: number | null;
  };
  /** The regulatory clocks of the year's declarations, by regime and stage (docs/regulatory-clocks.md). */
  deadlines: DeadlinesSection<C>;
  /**
   * Percentages (one decimal) the publications quote: of declarations, except `structuresByImpact`
   * (of declaring structures). Null when the count behind it is masked or the base is 0.
   */
  shares: {
    origin: Record<SuspectedOrigin, number | null>;
    byStructureType: Record<StructureType, number | null>;
    structuresByImpact: Record<OperationalImpact, number | null>;
    patientEndangerment: number | null;
    supportRequested: number | null;
  };
  /** Absent from editions published before the report counted it. */
  degradedMode: {
    /** Of the declarations whose degraded mode has ended, by structure type and in total. */
    duration: Record<StructureType | 'total', DegradedModeDuration>;
  };
};

/**
 * How long degraded modes lasted, at hour resolution (whole hours completed): null when no
 * declaration counts, or, in a public edition, when the count behind the figure is masked.
 */
export interface DegradedModeDuration {
  meanHours: number | null;
  medianHours: number | null;
  /** % (one decimal) of the periods of 7 days (168 h) or more. */
  sevenDaysOrMoreShare: number | null;
}

export interface ReportMeta {
  asOf: string;
  generatedAt: string;
  position: string;
}

/**
 * Every count the report shows, keyed as the catalog names its cells (`<table id>/<code>`): the
 * statistics cells, and the figures that are not sums of declarations (previous year, structures,
 * clocks) under the same kind of key.
 */
export function snapshotCells(snapshot: AnnualStatisticsSnapshot): Record<string, number> {
  const structures = snapshot.structureFigures ?? structureFigures(snapshot.structures);
  const cells: Record<string, number> = {
    ...snapshot.cells,
    [cellKey('declarations', 'previousYearTotal')]: snapshot.previousYearTotal,
    [cellKey('structures', 'declaring')]: structures.declaring,
    [cellKey('structures', 'withAtLeast2')]: structures.withAtLeast2,
    [cellKey('structures', 'withAtLeast4')]: structures.withAtLeast4,
  };
  for (const [impact, count] of Object.entries(structures.byWorstImpact)) {
    cells[cellKey('operationalImpact.structures', impact)] = count;
  }
  for (const [regime, stages] of Object.entries(deadlinesSection(snapshot.deadlines ?? []))) {
    for (const [stage, row] of Object.entries<StageOnTime>(stages)) {
      for (const count of STAGE_COUNTS) cells[cellKey(`deadlines.${regime}.${stage}`, count)] = row[count];
    }
  }
  return cells;
}

export function buildAnnualReport(snapshot: AnnualStatisticsSnapshot, meta: ReportMeta): AnnualReport {
  const cells = snapshotCells(snapshot);
  const count = (cell: string): number => cells[cell] ?? 0;
  const tables: Record<string, unknown> = {};
  for (const entry of REPORT_TABLES) {
    const table = Object.fromEntries(entry.codes.map((code) => [code, count(cellKey(entry.id, code))]));
    setTableAt(tables, entry.id, table);
  }
  const report = tables as unknown as Omit<
    AnnualReport,
    'year' | 'asOf' | 'generatedAt' | 'position' | 'taxonomyVersion' | 'public'
  >;
  const total = count('declarations/total');
  const previousYearTotal = snapshot.previousYearTotal;
  for (const stages of Object.values<Record<string, StageOnTime>>(report.deadlines)) {
    for (const row of Object.values(stages)) {
      row.shareOnTime = share(row.met, row.met + row.metLate + row.overdue);
    }
  }

  const { degradedMode, ...tablesBefore } = report;
  // Key order as the API has always returned it, newer sections last: published editions are stored as JSON.
  return {
    year: snapshot.year,
    asOf: meta.asOf,
    generatedAt: meta.generatedAt,
    position: meta.position,
    taxonomyVersion: TAXONOMY_VERSION,
    public: false,
    ...(tablesBefore as typeof report),
    declarations: {
      ...report.declarations,
      evolution:
        previousYearTotal === 0 ? null : round1(((total - previousYearTotal) / previousYearTotal) * 100),
    },
    deadlines: report.deadlines,
    shares: publishedShares(cells) as AnnualReport['shares'],
    degradedMode: { ...degradedMode, duration: degradedModeDurations(cells) },
  };
}

const HOURS_SECTION = 'degradedMode.hours.';
const SEVEN_DAYS = 168;

/** Mean, median and share of 7 days or more, per structure type and in total, from the hours histograms. */
export function degradedModeDurations(
  cells: Record<string, number>,
): Record<StructureType | 'total', DegradedModeDuration> {
  const histograms = new Map<string, Map<number, number>>([['total', new Map()]]);
  for (const type of STRUCTURE_TYPES) histograms.set(type, new Map());
  for (const [key, count] of Object.entries(cells)) {
    if (!key.startsWith(HOURS_SECTION) || count <= 0) continue;
    const [type, hours] = key.slice(HOURS_SECTION.length).split('/');
    for (const histogram of [histograms.get(type), histograms.get('total')!]) {
      histogram?.set(Number(hours), (histogram.get(Number(hours)) ?? 0) + count);
    }
  }
  return Object.fromEntries(
    [...histograms].map(([type, histogram]) => [type, durationOf(histogram)]),
  ) as Record<StructureType | 'total', DegradedModeDuration>;
}

function durationOf(histogram: Map<number, number>): DegradedModeDuration {
  const hours = [...histogram].sort(([a], [b]) => a - b);
  const n = hours.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return { meanHours: null, medianHours: null, sevenDaysOrMoreShare: null };
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of hours) {
      seen += count;
      if (rank < seen) return value;
    }
    return hours[hours.length - 1][0];
  };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  const total = hours.reduce((sum, [value, count]) => sum + value * count, 0);
  const long = hours.filter(([value]) => value >= SEVEN_DAYS).reduce((sum, [, count]) => sum + count, 0);
  return { meanHours: round1(total / n), medianHours: median, sevenDaysOrMoreShare: share(long, n) };
}

/** The `shares` section, from the catalog's `PUBLISHED_SHARES`. */
function publishedShares(cells: Record<string, number>): Record<string, unknown> {
  const count = (cell: string): number => cells[cell] ?? 0;
  return Object.fromEntries(
    PUBLISHED_SHARES.map((published) => {
      const base = count(published.base);
      if ('table' in published) {
        const entry = entryOf(published.table)!;
        const codes = entry.codes.map((code) => [code, share(count(cellKey(entry.id, code)), base)]);
        return [published.key, Object.fromEntries(codes)];
      }
      return [
        published.key,
        share(
          published.sum.map(count).reduce((a, b) => a + b, 0),
          base,
        ),
      ];
    }),
  );
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : round1((part / whole) * 100);

/**
 * Every regime and stage present, 0 where no clock counts, so that two reports have the same
 * keys. Intermediate reports count together, whatever the request.
 */
export function deadlinesSection(rows: readonly StageTimeliness[]): DeadlinesSection {
  const stageOf = (regime: Regime, stage: string): StageOnTime => {
    const row = rows.find((candidate) => candidate.regime === regime && candidate.stage === stage);
    const met = row?.met ?? 0;
    const metLate = row?.metLate ?? 0;
    const overdue = row?.overdue ?? 0;
    const due = row?.due ?? 0;
    return {
      total: met + metLate + overdue + due,
      met,
      metLate,
      overdue,
      due,
      shareOnTime: share(met, met + metLate + overdue),
    };
  };
  const regime = <R extends Regime>(name: R) =>
    Object.fromEntries(DEADLINE_STAGES[name].map((stage) => [stage, stageOf(name, stage)])) as Record<
      (typeof DEADLINE_STAGES)[R][number],
      StageOnTime
    >;
  return { CSP: regime('CSP'), NIS2: regime('NIS2'), GDPR: regime('GDPR') };
}
