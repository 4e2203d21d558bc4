import {
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  OPERATIONAL_IMPACTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  TAXONOMY_VERSION,
  cellKey,
  structureFigures,
  type AnnualStatisticsSnapshot,
  type ClockStage,
  type DataImpact,
  type InterventionKind,
  type MaliciousType,
  type NonMaliciousType,
  type OperationalImpact,
  type RegionCode,
  type Regime,
  type StageTimeliness,
  type StructureType,
  type SuspectedOrigin,
  type TimeToDeclare,
} from '@vigie/domain';

export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export type Month = (typeof MONTHS)[number];
export const TIME_TO_DECLARE_BUCKETS: readonly TimeToDeclare[] = [
  'sameDay',
  'within24h',
  'within72h',
  'later',
];
export const ENDANGERMENTS = ['POTENTIAL', 'ACTUAL'] as const;

/** The stages each regime's clocks measure, in the order the regulation runs them. */
export const DEADLINE_STAGES = {
  CSP: ['DECLARATION'],
  NIS2: ['EARLY_WARNING', 'NOTIFICATION', 'INTERMEDIATE', 'FINAL'],
  GDPR: ['CNIL_NOTIFICATION'],
} as const satisfies Record<Regime, readonly ClockStage[]>;

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

/** `public` reports show `"<5"` instead of a count of 1 to 4 (zero stays 0: it discloses nobody). */
export type Masked = '<5';

/**
 * The canonical yearly report (API.md "The yearly report"). Every code of every table is present,
 * with 0 when nothing counts, so that two reports always have the same keys. `C` is the type of a
 * count: `number`, or `number | '<5'` once masked for publication.
 */
export interface AnnualReport<C extends number | Masked = number> {
  year: number;
  asOf: string;
  generatedAt: string;
  position: string;
  taxonomyVersion: string;
  public: boolean;
  declarations: {
    total: C;
    inScope: C;
    outOfScope: C;
    unqualified: C;
    previousYearTotal: C;
    /** % change of `total` against `previousYearTotal`; null when there was none the year before. */
    evolution: number | null;
  };
  structures: { declaring: C; withAtLeast2: C; withAtLeast4: C };
  byStructureType: Record<StructureType, C>;
  byRegion: Record<RegionCode, C>;
  byMonth: Record<Month, C>;
  origin: Record<SuspectedOrigin, C>;
  maliciousTypes: Record<MaliciousType | 'UNSPECIFIED', C>;
  nonMaliciousTypes: Record<NonMaliciousType | 'UNSPECIFIED', C>;
  operationalImpact: {
    declarations: Record<OperationalImpact, C>;
    /** Each declaring structure once, at the worst impact of its declarations of the year. */
    structures: Record<OperationalImpact, C>;
  };
  patientEndangerment: Record<(typeof ENDANGERMENTS)[number], C>;
  dataImpacts: Record<DataImpact, C>;
  support: { requested: C; interventions: Record<InterventionKind, C> };
  timeToDeclare: Record<TimeToDeclare, C>;
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
}

export interface ReportMeta {
  asOf: string;
  generatedAt: string;
  position: string;
}

export function buildAnnualReport(snapshot: AnnualStatisticsSnapshot, meta: ReportMeta): AnnualReport {
  const count = (section: string, key: string): number => snapshot.cells[cellKey(section, key)] ?? 0;
  const table = <K extends string>(section: string, keys: readonly K[]): Record<K, number> =>
    Object.fromEntries(keys.map((key) => [key, count(section, key)])) as Record<K, number>;

  const structures = snapshot.structureFigures ?? structureFigures(snapshot.structures);
  const structuresByImpact = { ...structures.byWorstImpact };

  const total = count('declarations', 'total');
  const previousYearTotal = snapshot.previousYearTotal;
  const origin = table('origin', SUSPECTED_ORIGINS);
  const byStructureType = table('byStructureType', STRUCTURE_TYPES);
  const patientEndangerment = table('patientEndangerment', ENDANGERMENTS);
  const requested = count('support', 'requested');

  return {
    year: snapshot.year,
    asOf: meta.asOf,
    generatedAt: meta.generatedAt,
    position: meta.position,
    taxonomyVersion: TAXONOMY_VERSION,
    public: false,
    declarations: {
      total,
      inScope: count('declarations', 'inScope'),
      outOfScope: count('declarations', 'outOfScope'),
      unqualified: count('declarations', 'unqualified'),
      previousYearTotal,
      evolution:
        previousYearTotal === 0 ? null : round1(((total - previousYearTotal) / previousYearTotal) * 100),
    },
    structures: {
      declaring: structures.declaring,
      withAtLeast2: structures.withAtLeast2,
      withAtLeast4: structures.withAtLeast4,
    },
    byStructureType,
    byRegion: table('byRegion', REGION_CODES),
    byMonth: table('byMonth', MONTHS),
    origin,
    maliciousTypes: table('maliciousTypes', [...MALICIOUS_TYPES, 'UNSPECIFIED'] as const),
    nonMaliciousTypes: table('nonMaliciousTypes', [...NON_MALICIOUS_TYPES, 'UNSPECIFIED'] as const),
    operationalImpact: {
      declarations: table('operationalImpact.declarations', OPERATIONAL_IMPACTS),
      structures: structuresByImpact,
    },
    patientEndangerment,
    dataImpacts: table('dataImpacts', DATA_IMPACTS),
    support: { requested, interventions: table('support.interventions', INTERVENTION_KINDS) },
    timeToDeclare: table('timeToDeclare', TIME_TO_DECLARE_BUCKETS),
    deadlines: deadlinesSection(snapshot.deadlines ?? []),
    shares: {
      origin: sharesOf(origin, total),
      byStructureType: sharesOf(byStructureType, total),
      structuresByImpact: sharesOf(structuresByImpact, structures.declaring),
      patientEndangerment: share(patientEndangerment.POTENTIAL + patientEndangerment.ACTUAL, total),
      supportRequested: share(requested, total),
    },
  };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : round1((part / whole) * 100);

function sharesOf<K extends string>(counts: Record<K, number>, whole: number): Record<K, number | null> {
  return Object.fromEntries(
    Object.entries<number>(counts).map(([key, value]) => [key, share(value, whole)]),
  ) as Record<K, number | null>;
}

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
