import type { Instant } from '../declaration/declaration.events';
import type { StageTimeliness } from '../regulatory/on-time-shares';
import type {
  DataImpact,
  IncidentType,
  InterventionKind,
  OperationalImpact,
  PatientEndangerment,
  RegionCode,
  StructureType,
  SuspectedOrigin,
} from '../taxonomy/codes';

export type TimeToDeclare = 'sameDay' | 'within24h' | 'within72h' | 'later';

/**
 * What the yearly report needs to know of one declaration, after the counting rules of API.md
 * ("The yearly report") are applied: the CERT qualification wins over the declarant's suspicion,
 * impacts are the latest values, the year and month are the Europe/Paris ones of submittedAt.
 */
export interface DeclarationFacts {
  declarationId: string;
  submittedAt: Instant;
  year: number;
  /** '01'…'12' */
  month: string;
  finess: string;
  structureType: StructureType;
  region: RegionCode;
  qualified: boolean;
  /** false only when the latest qualification says out of scope */
  inScope: boolean;
  /** The latest qualification's origin when qualified, else the declarant's suspected origin. */
  origin: SuspectedOrigin;
  /** The latest qualification's type when qualified, else the declarant's suspected type. */
  incidentType: IncidentType | null;
  /** Kept because a declarant may still amend them: they count again if a qualification is ever absent. */
  suspectedOrigin: SuspectedOrigin;
  suspectedType: IncidentType | null;
  operationalImpact: OperationalImpact;
  patientEndangerment: PatientEndangerment;
  dataImpacts: DataImpact[];
  supportRequested: boolean;
  interventions: Record<InterventionKind, number>;
  timeToDeclare: TimeToDeclare;
  /**
   * The degraded-mode period the declarant gave (form fields), null when none. Optional: facts
   * folded before the report counted it have neither; they count as no degraded mode until replayed.
   */
  degradedModeStartedAt?: Instant | null;
  degradedModeEndedAt?: Instant | null;
  /**
   * The taxonomy version the declaration is counted under: its latest qualification's, else its
   * submission's. Optional: facts folded before events carried it count under the version those
   * events were written with (UNSTATED_TAXONOMY_VERSION).
   */
  taxonomyVersion?: string;
}

/**
 * One cell of the report that a declaration counts in, e.g. `{ section: 'byRegion', key: '11', count: 1 }`.
 * Adding the cells of every declaration of a year gives every declaration-level table of the report;
 * a read model keeps these sums and moves a declaration between cells by subtracting its old cells
 * and adding its new ones.
 */
export interface StatCell {
  section: string;
  key: string;
  count: number;
}

/** Per structure and year: how many declarations at each operational impact (the worst one wins). */
export interface StructureYearStats {
  finess: string;
  declarations: number;
  impacts: Record<OperationalImpact, number>;
}

/** All the report needs for one year; produced by the annual-statistics read model or, for `asOf`, from the log. */
export interface AnnualStatisticsSnapshot {
  year: number;
  /** keyed `${section}/${key}` */
  cells: Record<string, number>;
  /** Per structure: what a replay gives, and what restatements compare. */
  structures: StructureYearStats[];
  /**
   * The counts the report takes from `structures`, when the read model has counted them itself:
   * it then leaves `structures` empty rather than read thousands of rows for a few counts.
   */
  structureFigures?: StructureFigures;
  previousYearTotal: number;
  /**
   * The regulatory clocks of the year's declarations, per regime and stage, with their status at
   * the report's instant (the deadlines read model or, for `asOf`, the log). Absent: none known.
   */
  deadlines?: readonly StageTimeliness[];
}

/**
 * The year's figures about structures rather than declarations: how many declared, how many
 * declared at least 2 and 4 times, and how many had each impact as their worst.
 */
export interface StructureFigures {
  declaring: number;
  withAtLeast2: number;
  withAtLeast4: number;
  byWorstImpact: Record<OperationalImpact, number>;
}
