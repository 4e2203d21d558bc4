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
import type { ClockStage, Regime } from '../taxonomy/regimes';
import type {
  AffectedSystem,
  HandlingState,
  OtherNotification,
  SupplierInvolvement,
} from '../taxonomy/form-codes';
import type { TaxonomyVersion } from '../taxonomy/versions';
import type { FormFields } from './declaration-form';

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

/**
 * On every event whose data holds taxonomy codes (TAXONOMY_CODED_EVENT_TYPES): the version of the
 * code lists it was written under, so that a later version reads it as it was meant. `decide`
 * always writes it and `toDeclarationEvent` fills it on the events written before it existed
 * (UNSTATED_TAXONOMY_VERSION), so every event read has it. Optional in the type only for the
 * events tests write by hand.
 */
export interface TaxonomyVersioned {
  taxonomyVersion?: TaxonomyVersion;
}

/** A change of one value: its own event type, from → to, who and when. */
type Amended<Type extends string, Value> = Event<
  Type,
  { from: Value; to: Value; amendedBy: string; amendedAt: Instant }
>;

/** A change of a value that is a code (or codes) of the taxonomy. */
type CodeAmended<Type extends string, Value> = Event<
  Type,
  { from: Value; to: Value; amendedBy: string; amendedAt: Instant } & TaxonomyVersioned
>;

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
    /** `2026-000042`; null for the declarations submitted before references existed (upcast). */
    reference: string | null;
  } & FormFields &
    TaxonomyVersioned
>;

export type DescriptionAmended = Amended<'DescriptionAmended', string>;
export type OperationalImpactAmended = CodeAmended<'OperationalImpactAmended', OperationalImpact>;
export type PatientEndangermentAmended = CodeAmended<'PatientEndangermentAmended', PatientEndangerment>;
export type DataImpactsAmended = CodeAmended<'DataImpactsAmended', DataImpact[]>;
export type MeasuresTakenAmended = Amended<'MeasuresTakenAmended', string | null>;
export type SuspectedOriginAmended = CodeAmended<'SuspectedOriginAmended', SuspectedOrigin>;
export type SuspectedTypeAmended = CodeAmended<'SuspectedTypeAmended', IncidentType | null>;
export type DegradedModeStartAmended = Amended<'DegradedModeStartAmended', Instant | null>;
export type DegradedModeEndAmended = Amended<'DegradedModeEndAmended', Instant | null>;
export type SystemsConcernedAmended = CodeAmended<'SystemsConcernedAmended', AffectedSystem[]>;
export type SystemsDetailAmended = Amended<'SystemsDetailAmended', string | null>;
export type HandlingStateAmended = CodeAmended<'HandlingStateAmended', HandlingState>;
export type PersonsAffectedAmended = Amended<'PersonsAffectedAmended', number | null>;
export type SupplierInvolvedAmended = CodeAmended<'SupplierInvolvedAmended', SupplierInvolvement>;
export type SupplierNameAmended = Amended<'SupplierNameAmended', string | null>;
export type OtherNotificationsAmended = CodeAmended<'OtherNotificationsAmended', OtherNotification[]>;

/** Who in the CERT follows the declaration up; `to: null` unassigns. Never shown to a facility. */
export type DeclarationAssigned = Event<
  'DeclarationAssigned',
  { from: string | null; to: string | null; assignedBy: string; assignedAt: Instant }
>;

/** A note for the CERT only: no facility ever sees it (detail, history, list, mails, exports). */
export type InternalNotePosted = Event<
  'InternalNotePosted',
  { noteId: string; body: string; postedBy: string; postedAt: Instant }
>;

/** The event types a facility never sees, in the history or anywhere else. */
export const CERT_ONLY_EVENT_TYPES: readonly string[] = ['DeclarationAssigned', 'InternalNotePosted'];

export const MESSAGE_AUTHORS = ['FACILITY', 'CERT'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** One message of the thread between the facility and the CERT; both sides see it. */
export type MessagePosted = Event<
  'MessagePosted',
  { messageId: string; body: string; author: MessageAuthor; postedBy: string; postedAt: Instant }
>;

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
  Qualification & { qualifiedBy: string; qualifiedAt: Instant } & TaxonomyVersioned
>;
export type DeclarationRequalified = Event<
  'DeclarationRequalified',
  /** `taxonomyVersion`: the one `to` is coded with (`from` was coded with the earlier event's). */
  {
    from: Qualification;
    to: Qualification;
    requalifiedBy: string;
    requalifiedAt: Instant;
  } & TaxonomyVersioned
>;

export type SupportRequested = Event<
  'SupportRequested',
  { reason: string; requestedBy: string; requestedAt: Instant }
>;
export type SupportInterventionLogged = Event<
  'SupportInterventionLogged',
  {
    interventionId: string;
    kind: InterventionKind;
    summary: string;
    loggedBy: string;
    loggedAt: Instant;
  } & TaxonomyVersioned
>;

export type ResolutionReported = Event<
  'ResolutionReported',
  { resolvedAt: Instant; summary: string; reportedBy: string; reportedAt: Instant }
>;
export type DeclarationClosed = Event<
  'DeclarationClosed',
  { reason: string; closedBy: string; closedAt: Instant }
>;
export type DeclarationReopened = Event<
  'DeclarationReopened',
  { reason: string; reopenedBy: string; reopenedAt: Instant }
>;

/** A correction of the structure's regulatory status: which regimes apply follows from it. */
export type StructureNis2StatusAmended = CodeAmended<'StructureNis2StatusAmended', Nis2Status>;
export type StructureOseFlagAmended = Amended<'StructureOseFlagAmended', boolean>;

/** The later stages of a NIS2 report; the declaration itself is the early warning. */
export const REPORT_STAGES = ['NOTIFICATION', 'INTERMEDIATE', 'FINAL'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** One report, kept as submitted: a later one never replaces it. */
export type StagedReportSubmitted = Event<
  'StagedReportSubmitted',
  {
    reportId: string;
    stage: ReportStage;
    content: string;
    /** The intermediate-report request this report answers (an intermediate or the final one), else null. */
    requestId: string | null;
    submittedBy: string;
    submittedAt: Instant;
  }
>;
export type IntermediateReportRequested = Event<
  'IntermediateReportRequested',
  { requestId: string; dueAt: Instant; reason: string; requestedBy: string; requestedAt: Instant }
>;
/** The facility notified the CNIL (GDPR art. 33) itself, at `notifiedAt`, under `reference`. */
export type CnilNotificationDeclared = Event<
  'CnilNotificationDeclared',
  { notifiedAt: Instant; reference: string; declaredBy: string; declaredAt: Instant }
>;

export const AUTHORITIES = ['ARS', 'HFDS'] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** The authorities the CERT may tell of a declaration itself (by phone, by mail), beside the webhooks. */
export const INFORMED_AUTHORITIES = ['ARS', 'HFDS', 'ANSSI', 'CNIL'] as const;
export type InformedAuthority = (typeof INFORMED_AUTHORITIES)[number];

/**
 * The CERT informed `authority` of the declaration at `informedAt`, outside Vigie's webhooks (a
 * call to the ARS on duty, a mail to ANSSI's CERT-FR); `reference` is the authority's own, if it
 * gave one. A fact of the follow-up, both sides see it; it meets no clock (the facility's own
 * obligations stay its own).
 */
export type AuthorityInformed = Event<
  'AuthorityInformed',
  {
    authority: InformedAuthority;
    informedAt: Instant;
    reference: string | null;
    recordedBy: string;
    recordedAt: Instant;
  }
>;
export const DELIVERY_OUTCOMES = ['delivered', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * The outcome of informing an authority of the declaration through its webhook. `deliveryId` is
 * derived from the declaration and the recipient, so a delivery retried after a restart keeps it.
 */
export type AuthorityNotified = Event<
  'AuthorityNotified',
  {
    authority: Authority;
    /** The ARS's region; null for the HFDS. */
    region: RegionCode | null;
    outcome: DeliveryOutcome;
    attempts: number;
    deliveryId: string;
    at: Instant;
  }
>;

export const REMINDER_KINDS = ['due-soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A reminder sent to the facility's webhook about one clock (see regulatory/clocks.ts). */
export type DeadlineReminderSent = Event<
  'DeadlineReminderSent',
  {
    clockId: string;
    regime: Regime;
    stage: ClockStage;
    reminder: ReminderKind;
    dueAt: Instant;
    outcome: DeliveryOutcome;
    attempts: number;
    deliveryId: string;
    at: Instant;
  }
>;

export const MAIL_KINDS = [
  'receipt',
  'complement-requested',
  'message',
  'report-due-soon',
  'report-overdue',
  'closed',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_OUTCOMES = ['sent', 'failed'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/**
 * An e-mail to the declarant about the declaration (libs/notifications/src/mail). `mailId` is
 * derived from the declaration, the kind and what triggered it, so a mail retried after a restart
 * keeps it. The address is not recorded: it is personal data, sealed in the submission only.
 */
export type MailSent = Event<
  'MailSent',
  { mailId: string; kind: MailKind; outcome: MailOutcome; attempts: number; at: Instant }
>;

export type RegulatoryEvent =
  | StructureNis2StatusAmended
  | StructureOseFlagAmended
  | StagedReportSubmitted
  | IntermediateReportRequested
  | CnilNotificationDeclared
  | AuthorityNotified
  | AuthorityInformed
  | DeadlineReminderSent
  | MailSent;

export type DeclarationAmendment =
  | DescriptionAmended
  | OperationalImpactAmended
  | PatientEndangermentAmended
  | DataImpactsAmended
  | MeasuresTakenAmended
  | SuspectedOriginAmended
  | SuspectedTypeAmended
  | DegradedModeStartAmended
  | DegradedModeEndAmended
  | SystemsConcernedAmended
  | SystemsDetailAmended
  | HandlingStateAmended
  | PersonsAffectedAmended
  | SupplierInvolvedAmended
  | SupplierNameAmended
  | OtherNotificationsAmended;

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
  | DeclarationReopened
  | MessagePosted
  | DeclarationAssigned
  | InternalNotePosted
  | RegulatoryEvent;

export type DeclarationEventType = DeclarationEvent['type'];

/**
 * The event types whose data holds codes of the taxonomy (codes.ts, form-codes.ts), and so a
 * `taxonomyVersion`. Not the delivery records (AuthorityNotified's region names the ARS written
 * to, DeadlineReminderSent's regime and stage a clock, MailSent none): they say what Vigie did,
 * not how the incident was coded.
 */
export const TAXONOMY_CODED_EVENT_TYPES = [
  'DeclarationSubmitted',
  'OperationalImpactAmended',
  'PatientEndangermentAmended',
  'DataImpactsAmended',
  'SuspectedOriginAmended',
  'SuspectedTypeAmended',
  'SystemsConcernedAmended',
  'HandlingStateAmended',
  'SupplierInvolvedAmended',
  'OtherNotificationsAmended',
  'DeclarationQualified',
  'DeclarationRequalified',
  'SupportInterventionLogged',
  'StructureNis2StatusAmended',
] as const satisfies readonly DeclarationEventType[];
export type TaxonomyCodedEventType = (typeof TAXONOMY_CODED_EVENT_TYPES)[number];

export const isTaxonomyCoded = (type: string): type is TaxonomyCodedEventType =>
  (TAXONOMY_CODED_EVENT_TYPES as readonly string[]).includes(type);

/** The data of the event of type `T`. */
type DataOf<T extends DeclarationEventType> = Extract<DeclarationEvent, { type: T }>['data'];

/** The fields of `Data` that hold a string: where an instant can be. */
type StringFieldOf<Data> = { [K in keyof Data]-?: Data[K] extends string ? K : never }[keyof Data] & string;

/**
 * The data field holding when each event's fact happened, its business instant (a resolution:
 * when it was reported; an amendment: when it was made). One entry per event type, so that a new
 * type without one does not compile, rather than showing the store's time in the history.
 */
export const INSTANT_FIELD: {
  readonly [T in DeclarationEventType]: StringFieldOf<DataOf<T>>;
} = {
  DeclarationSubmitted: 'submittedAt',
  DescriptionAmended: 'amendedAt',
  OperationalImpactAmended: 'amendedAt',
  PatientEndangermentAmended: 'amendedAt',
  DataImpactsAmended: 'amendedAt',
  MeasuresTakenAmended: 'amendedAt',
  SuspectedOriginAmended: 'amendedAt',
  SuspectedTypeAmended: 'amendedAt',
  DegradedModeStartAmended: 'amendedAt',
  DegradedModeEndAmended: 'amendedAt',
  SystemsConcernedAmended: 'amendedAt',
  SystemsDetailAmended: 'amendedAt',
  HandlingStateAmended: 'amendedAt',
  PersonsAffectedAmended: 'amendedAt',
  SupplierInvolvedAmended: 'amendedAt',
  SupplierNameAmended: 'amendedAt',
  OtherNotificationsAmended: 'amendedAt',
  MessagePosted: 'postedAt',
  DeclarationAssigned: 'assignedAt',
  InternalNotePosted: 'postedAt',
  ComplementRequested: 'requestedAt',
  ComplementProvided: 'providedAt',
  DeclarationQualified: 'qualifiedAt',
  DeclarationRequalified: 'requalifiedAt',
  SupportRequested: 'requestedAt',
  SupportInterventionLogged: 'loggedAt',
  ResolutionReported: 'reportedAt',
  DeclarationClosed: 'closedAt',
  DeclarationReopened: 'reopenedAt',
  StructureNis2StatusAmended: 'amendedAt',
  StructureOseFlagAmended: 'amendedAt',
  StagedReportSubmitted: 'submittedAt',
  IntermediateReportRequested: 'requestedAt',
  CnilNotificationDeclared: 'declaredAt',
  AuthorityNotified: 'at',
  AuthorityInformed: 'recordedAt',
  DeadlineReminderSent: 'at',
  MailSent: 'at',
};

/** Bumped per event type when its data changes shape; an upcaster maps older versions on read. */
export const DECLARATION_EVENT_SCHEMA_VERSION = 1;

export const declarationStreamId = (declarationId: string): string => `declaration-${declarationId}`;
