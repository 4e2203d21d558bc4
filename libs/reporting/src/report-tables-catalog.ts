import {
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  OPERATIONAL_IMPACTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  type CodeList,
  type Label,
} from '@vigie/domain';
import {
  ENDANGERMENTS,
  MONTHS,
  STAGE_COUNTS,
  TAXONOMY_VERSION_CODES,
  TIME_TO_DECLARE_BUCKETS,
} from './report-codes';

/** A cell of the report: `<table id>/<code>`, e.g. `origin/MALICIOUS` (as `cellKey` names it). */
export type CellRef = `${string}/${string}`;

/** What a table's counts count: how it is built and which figures it is bounded by. */
export type Counted =
  /** declarations of the year (statistics cells) */
  | 'declarations'
  /** declaring structures (rows of the structures read model) */
  | 'structures'
  /** CERT interventions (a declaration may have several) */
  | 'interventions'
  /** regulatory clocks, read at the report's instant */
  | 'clocks';

/** Which charts draw a table (render/chart-specs.ts). */
export type ChartId = 'byMonth' | 'byRegion' | 'origin' | 'impacts';

export interface TableEntry {
  /** The JSON path of the table in the report, e.g. `operationalImpact.structures`. */
  readonly id: string;
  /** Every code of the table, in the order the report lists them. */
  readonly codes: readonly string[];
  /** Where the rows' labels come from: a domain code list, the months, or the report's texts (`<id>.<code>`). */
  readonly labels: CodeList | 'month' | 'text';
  readonly counts: Counted;
  /** The cell the rendered share (%) of each row is taken of; null: the table shows no share. */
  readonly shareBase: CellRef | null;
  /** The published cell the table's codes add up to (a linear relation the public mask must respect). */
  readonly sumsTo: CellRef | null;
  /** Sums inside the table: `{ total: ['inScope', 'outOfScope'] }` says total = inScope + outOfScope. */
  readonly innerSums?: Readonly<Record<string, readonly string[]>>;
  readonly chart: ChartId | null;
  /**
   * Whether restatements compare this table with the log now. Clocks are statuses at the report's
   * instant (a due clock becomes overdue with no event): comparing them would restate the calendar.
   */
  readonly restated: boolean;
  /**
   * The figures derived per code (not counts: mean, median…), at this JSON path, shown beside each
   * row and withheld with its count.
   */
  readonly describedBy?: 'degradedMode.duration';
  /** Tables rendered together as one (the deadlines: one row per regime and stage). */
  readonly group?: keyof typeof GROUP_TITLES;
  readonly title: Label;
}

const TOTAL = 'declarations/total';

const stage = <R extends string, N extends string>(regime: R, name: N, fr: string, en: string) =>
  ({
    id: `deadlines.${regime}.${name}` as `deadlines.${R}.${N}`,
    codes: STAGE_COUNTS,
    labels: 'text',
    counts: 'clocks',
    shareBase: null,
    sumsTo: null,
    innerSums: { total: ['met', 'metLate', 'overdue', 'due'], settled: ['met', 'metLate', 'overdue'] },
    chart: null,
    restated: false,
    group: 'deadlines',
    title: { fr, en },
  }) as const;

/**
 * Every table of the yearly report, in reading order: the one list the report's type, its building,
 * the public mask, the renderings (md, html, pdf, csv, open data), the restatements and the texts
 * derive from. Adding a table is adding an entry here.
 */
export const REPORT_TABLES = [
  {
    id: 'declarations',
    codes: ['total', 'inScope', 'outOfScope', 'unqualified', 'previousYearTotal'],
    labels: 'text',
    counts: 'declarations',
    shareBase: null,
    sumsTo: null,
    innerSums: { total: ['inScope', 'outOfScope'] },
    chart: null,
    restated: true,
    title: { fr: 'Signalements', en: 'Declarations' },
  },
  {
    id: 'structures',
    codes: ['declaring', 'withAtLeast2', 'withAtLeast4'],
    labels: 'text',
    counts: 'structures',
    shareBase: null,
    sumsTo: null,
    chart: null,
    restated: true,
    title: { fr: 'Structures déclarantes', en: 'Declaring structures' },
  },
  {
    id: 'byStructureType',
    codes: STRUCTURE_TYPES,
    labels: 'structureType',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: null,
    restated: true,
    title: { fr: 'Signalements par type de structure', en: 'Declarations by type of structure' },
  },
  {
    id: 'byRegion',
    codes: REGION_CODES,
    labels: 'region',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: 'byRegion',
    restated: true,
    title: { fr: 'Signalements par région', en: 'Declarations by region' },
  },
  {
    id: 'byMonth',
    codes: MONTHS,
    labels: 'month',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: 'byMonth',
    restated: true,
    title: { fr: 'Signalements par mois', en: 'Declarations by month' },
  },
  {
    id: 'origin',
    codes: SUSPECTED_ORIGINS,
    labels: 'origin',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: null,
    restated: true,
    title: { fr: 'Origine des incidents', en: 'Origin of incidents' },
  },
  {
    id: 'maliciousTypes',
    codes: [...MALICIOUS_TYPES, 'UNSPECIFIED'],
    labels: 'maliciousType',
    counts: 'declarations',
    shareBase: 'origin/MALICIOUS',
    sumsTo: 'origin/MALICIOUS',
    chart: 'origin',
    restated: true,
    title: { fr: 'Typologie des incidents d’origine malveillante', en: 'Malicious incidents by type' },
  },
  {
    id: 'nonMaliciousTypes',
    codes: [...NON_MALICIOUS_TYPES, 'UNSPECIFIED'],
    labels: 'nonMaliciousType',
    counts: 'declarations',
    shareBase: 'origin/NON_MALICIOUS',
    sumsTo: 'origin/NON_MALICIOUS',
    chart: 'origin',
    restated: true,
    title: {
      fr: 'Typologie des incidents d’origine non malveillante',
      en: 'Non-malicious incidents by type',
    },
  },
  {
    id: 'operationalImpact.declarations',
    codes: OPERATIONAL_IMPACTS,
    labels: 'operationalImpact',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: null,
    restated: true,
    title: { fr: 'Impact sur le fonctionnement (signalements)', en: 'Impact on operations (declarations)' },
  },
  {
    id: 'operationalImpact.structures',
    codes: OPERATIONAL_IMPACTS,
    labels: 'operationalImpact',
    counts: 'structures',
    shareBase: 'structures/declaring',
    sumsTo: 'structures/declaring',
    chart: 'impacts',
    restated: true,
    title: {
      fr: 'Impact sur le fonctionnement (structures, impact le plus grave)',
      en: 'Impact on operations (structures, worst impact)',
    },
  },
  {
    id: 'patientEndangerment',
    codes: ENDANGERMENTS,
    labels: 'patientEndangerment',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: null,
    chart: 'impacts',
    restated: true,
    title: { fr: 'Mises en danger patient', en: 'Patient endangerment' },
  },
  {
    id: 'dataImpacts',
    codes: DATA_IMPACTS,
    labels: 'dataImpact',
    counts: 'declarations',
    shareBase: TOTAL,
    // A declaration may impact several kinds of data: the table does not add up to anything.
    sumsTo: null,
    chart: 'impacts',
    restated: true,
    title: { fr: 'Impact sur les données', en: 'Impact on data' },
  },
  {
    id: 'support',
    codes: ['requested'],
    labels: 'text',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: null,
    chart: null,
    restated: true,
    group: 'support',
    title: { fr: 'Demandes d’accompagnement', en: 'Support requests' },
  },
  {
    id: 'support.interventions',
    codes: INTERVENTION_KINDS,
    labels: 'interventionKind',
    counts: 'interventions',
    shareBase: null,
    sumsTo: null,
    chart: null,
    restated: true,
    group: 'support',
    title: { fr: 'Interventions du CERT Santé', en: 'CERT Santé interventions' },
  },
  {
    id: 'timeToDeclare',
    codes: TIME_TO_DECLARE_BUCKETS,
    labels: 'text',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: null,
    restated: true,
    title: {
      fr: 'Délai de signalement (constat → transmission)',
      en: 'Time to declare (detection → submission)',
    },
  },
  stage('CSP', 'DECLARATION', 'CSP — signalement « sans délai »', 'CSP — declaration "without delay"'),
  stage('NIS2', 'EARLY_WARNING', 'NIS2 — alerte précoce (24 h)', 'NIS2 — early warning (24 h)'),
  stage(
    'NIS2',
    'NOTIFICATION',
    'NIS2 — notification d’incident (72 h)',
    'NIS2 — incident notification (72 h)',
  ),
  stage(
    'NIS2',
    'INTERMEDIATE',
    'NIS2 — rapports intermédiaires (sur demande)',
    'NIS2 — intermediate reports (on request)',
  ),
  stage('NIS2', 'FINAL', 'NIS2 — rapport final (1 mois)', 'NIS2 — final report (1 month)'),
  stage(
    'GDPR',
    'CNIL_NOTIFICATION',
    'RGPD — notification à la CNIL (72 h)',
    'GDPR — notification to the CNIL (72 h)',
  ),
  {
    id: 'taxonomyVersions',
    codes: TAXONOMY_VERSION_CODES,
    labels: 'text',
    counts: 'declarations',
    shareBase: TOTAL,
    sumsTo: TOTAL,
    chart: null,
    restated: true,
    title: {
      fr: 'Signalements par version de la taxonomie (celle de leur qualification)',
      en: 'Declarations by taxonomy version (that of their qualification)',
    },
  },
  {
    id: 'degradedMode.ended',
    codes: [...STRUCTURE_TYPES, 'total'],
    labels: 'structureType',
    counts: 'declarations',
    shareBase: null,
    sumsTo: null,
    innerSums: { total: STRUCTURE_TYPES },
    chart: null,
    restated: true,
    describedBy: 'degradedMode.duration',
    title: {
      fr: 'Durée du mode dégradé (signalements dont le mode dégradé a pris fin)',
      en: 'Duration of degraded mode (declarations whose degraded mode has ended)',
    },
  },
  {
    id: 'degradedMode.ongoing',
    codes: [...STRUCTURE_TYPES, 'total'],
    labels: 'structureType',
    counts: 'declarations',
    shareBase: null,
    sumsTo: null,
    innerSums: { total: STRUCTURE_TYPES },
    chart: null,
    restated: true,
    title: {
      fr: 'Signalements encore en mode dégradé (sans date de fin)',
      en: 'Declarations still in degraded mode (no end date)',
    },
  },
] as const satisfies readonly TableEntry[];

export type ReportTableEntry = (typeof REPORT_TABLES)[number];
export type TableId = ReportTableEntry['id'];
export type CodesOf<I extends TableId> = Extract<ReportTableEntry, { id: I }>['codes'][number];

/** The titles of grouped tables: several entries rendered as one table. */
export const GROUP_TITLES = {
  support: { fr: 'Accompagnement du CERT Santé', en: 'CERT Santé support' },
  deadlines: {
    fr: 'Échéances réglementaires tenues à temps (nombre et part des échéances échues)',
    en: 'Regulatory deadlines met on time (count, and share of those fallen due)',
  },
} as const satisfies Record<string, Label>;

/**
 * The shares the report publishes in its `shares` section: of each code of a table, of a sum of
 * cells (`endangered` = POTENTIAL + ACTUAL), or of one cell. A share reveals its count wherever its
 * base is known, and its base wherever its count is: the public mask withholds it with either.
 */
export const PUBLISHED_SHARES = [
  { key: 'origin', table: 'origin', base: TOTAL },
  { key: 'byStructureType', table: 'byStructureType', base: TOTAL },
  { key: 'structuresByImpact', table: 'operationalImpact.structures', base: 'structures/declaring' },
  {
    key: 'patientEndangerment',
    sum: ['patientEndangerment/POTENTIAL', 'patientEndangerment/ACTUAL'],
    base: TOTAL,
  },
  { key: 'supportRequested', sum: ['support/requested'], base: TOTAL },
] as const satisfies readonly (
  { key: string; table: TableId; base: CellRef } | { key: string; sum: readonly CellRef[]; base: CellRef }
)[];

export const entryOf = (id: string): TableEntry | undefined =>
  (REPORT_TABLES as readonly TableEntry[]).find((entry) => entry.id === id);

/** The value at a table's JSON path; undefined in an edition published before the table existed. */
export function tableAt<C>(report: object, id: string): Record<string, C> | undefined {
  let node: unknown = report;
  for (const part of id.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, C>) : undefined;
}

/** Sets a table at its JSON path, creating the sections on the way. */
export function setTableAt(
  target: Record<string, unknown>,
  id: string,
  table: Record<string, unknown>,
): void {
  const parts = id.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = table;
}

type Nest<Path extends string, V> = Path extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: Nest<Rest, V> }
  : { [K in Path]: V };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The report's tables as types, from the catalog: `{ origin: Record<SuspectedOrigin, C>, … }`, nested by path. */
export type ReportTables<C> = UnionToIntersection<
  { [I in TableId]: Nest<I, Record<CodesOf<I>, C>> }[TableId]
>;
