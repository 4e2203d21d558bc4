import type {
  AttackVector,
  DataImpact,
  IncidentType,
  InterventionKind,
  Nis2Status,
  OperationalImpact,
  PatientEndangerment,
  QualifiedOrigin,
  RegionCode,
  RegulatoryQualification,
  StructureType,
  SuspectedOrigin,
} from '../taxonomy/codes';

/** ISO 8601 instant, always written by the server as UTC (`toISOString()`). */
export type Instant = string;

export interface Structure {
  finess: string;
  name: string;
  type: StructureType;
  region: RegionCode;
  isOse: boolean;
  nis2: Nis2Status;
}

export interface Declarant {
  name: string;
  role: string;
  email: string;
  phone: string | null;
}

export interface Qualification {
  origin: QualifiedOrigin;
  type: IncidentType;
  attackVectors: AttackVector[];
  regulatoryQualification: RegulatoryQualification;
  inScope: boolean;
  outOfScopeReason: string | null;
}

type Event<Type extends string, Data> = { type: Type; data: Data & { declarationId: string } };

/** A change of one value: its own event type, from → to, who and when. */
type Amended<Type extends string, Value> = Event<Type, { from: Value; to: Value; amendedBy: string; amendedAt: Instant }>;

export type DeclarationSubmitted = Event<
  'DeclarationSubmitted',
  {
    structure: Structure;
    declarant: Declarant;
    occurredAt: Instant;
    detectedAt: Instant;
    description: string;
    suspectedOrigin: SuspectedOrigin;
    suspectedType: IncidentType | null;
    operationalImpact: OperationalImpact;
    patientEndangerment: PatientEndangerment;
    dataImpacts: DataImpact[];
    supportRequested: boolean;
    measuresTaken: string | null;
    submittedBy: string;
    submittedAt: Instant;
  }
>;

export type DescriptionAmended = Amended<'DescriptionAmended', string>;
export type OperationalImpactAmended = Amended<'OperationalImpactAmended', OperationalImpact>;
export type PatientEndangermentAmended = Amended<'PatientEndangermentAmended', PatientEndangerment>;
export type DataImpactsAmended = Amended<'DataImpactsAmended', DataImpact[]>;
export type MeasuresTakenAmended = Amended<'MeasuresTakenAmended', string | null>;
export type SuspectedOriginAmended = Amended<'SuspectedOriginAmended', SuspectedOrigin>;
export type SuspectedTypeAmended = Amended<'SuspectedTypeAmended', IncidentType | null>;
export type DegradedModeStartAmended = Amended<'DegradedModeStartAmended', Instant | null>;
export type DegradedModeEndAmended = Amended<'DegradedModeEndAmended', Instant | null>;

export type ComplementRequested = Event<
  'ComplementRequested',
  { requestId: string; question: string; requestedBy: string; requestedAt: Instant }
>;
export type ComplementProvided = Event<
  'ComplementProvided',
  { requestId: string; answer: string; providedBy: string; providedAt: Instant }
>;

export type DeclarationQualified = Event<
  'DeclarationQualified',
  Qualification & { qualifiedBy: string; qualifiedAt: Instant }
>;
export type DeclarationRequalified = Event<
  'DeclarationRequalified',
  { from: Qualification; to: Qualification; requalifiedBy: string; requalifiedAt: Instant }
>;

export type SupportRequested = Event<
  'SupportRequested',
  { reason: string; requestedBy: string; requestedAt: Instant }
>;
export type SupportInterventionLogged = Event<
  'SupportInterventionLogged',
  { interventionId: string; kind: InterventionKind; summary: string; loggedBy: string; loggedAt: Instant }
>;

export type ResolutionReported = Event<
  'ResolutionReported',
  { resolvedAt: Instant; summary: string; reportedBy: string; reportedAt: Instant }
>;
export type DeclarationClosed = Event<'DeclarationClosed', { reason: string; closedBy: string; closedAt: Instant }>;
export type DeclarationReopened = Event<
  'DeclarationReopened',
  { reason: string; reopenedBy: string; reopenedAt: Instant }
>;

export type DeclarationAmendment =
  | DescriptionAmended
  | OperationalImpactAmended
  | PatientEndangermentAmended
  | DataImpactsAmended
  | MeasuresTakenAmended
  | SuspectedOriginAmended
  | SuspectedTypeAmended
  | DegradedModeStartAmended
  | DegradedModeEndAmended;

export type DeclarationEvent =
  | DeclarationSubmitted
  | DeclarationAmendment
  | ComplementRequested
  | ComplementProvided
  | DeclarationQualified
  | DeclarationRequalified
  | SupportRequested
  | SupportInterventionLogged
  | ResolutionReported
  | DeclarationClosed
  | DeclarationReopened;

export type DeclarationEventType = DeclarationEvent['type'];

/** Bumped per event type when its data changes shape; an upcaster maps older versions on read. */
export const DECLARATION_EVENT_SCHEMA_VERSION = 1;

export const declarationStreamId = (declarationId: string): string => `declaration-${declarationId}`;
