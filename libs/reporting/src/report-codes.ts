import { TAXONOMY_VERSIONS, type ClockStage, type Regime, type TimeToDeclare } from '@vigie/domain';

/** Code lists of the report's own tables (the taxonomy's are in @vigie/domain). */
export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export type Month = (typeof MONTHS)[number];
export const TIME_TO_DECLARE_BUCKETS = [
  'sameDay',
  'within24h',
  'within72h',
  'later',
] as const satisfies readonly TimeToDeclare[];
export const ENDANGERMENTS = ['POTENTIAL', 'ACTUAL'] as const;

/** The stages each regime's clocks measure, in the order the regulation runs them. */
export const DEADLINE_STAGES = {
  CSP: ['DECLARATION'],
  NIS2: ['EARLY_WARNING', 'NOTIFICATION', 'INTERMEDIATE', 'FINAL'],
  GDPR: ['CNIL_NOTIFICATION'],
} as const satisfies Record<Regime, readonly ClockStage[]>;

/** The counts of one regime's stage (its `shareOnTime` is derived from them). */
export const STAGE_COUNTS = ['total', 'met', 'metLate', 'overdue', 'due'] as const;

/** Every taxonomy version that ever existed: a declaration counts under the one it was qualified with. */
export const TAXONOMY_VERSION_CODES: readonly string[] = TAXONOMY_VERSIONS.map(({ version }) => version);
