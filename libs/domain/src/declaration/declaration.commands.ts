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
  SuspectedOrigin,
} from '../taxonomy/codes';
import type { ClockStage, Regime } from '../taxonomy/regimes';
import type {
  Authority,
  Declarant,
  InformedAuthority,
  DeliveryOutcome,
  Instant,
  MailKind,
  MailOutcome,
  ReminderKind,
  ReportStage,
  Structure,
} from './declaration.events';
import type { FormFields } from './declaration-form';

/** Who acts. `now` and generated ids come in with the command so that `decide` stays pure. */
export interface Actor {
  sub: string;
  role: 'declarant' | 'analyst' | 'admin';
}

type Command<Type extends string, Data> = {
  type: Type;
  declarationId: string;
  actor: Actor;
  now: Instant;
} & Data;

export type SubmitDeclaration = Command<
  'SubmitDeclaration',
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
    /** Given by the allocator, never by the client. */
    reference: string;
  } & Partial<FormFields>
>;

/** Only the fields present are amended; a field given with its current value changes nothing. */
export type AmendDeclaration = Command<
  'AmendDeclaration',
  {
    changes: Partial<{
      description: string;
      operationalImpact: OperationalImpact;
      patientEndangerment: PatientEndangerment;
      dataImpacts: DataImpact[];
      measuresTaken: string | null;
      suspectedOrigin: SuspectedOrigin;
      suspectedType: IncidentType | null;
      degradedModeStartedAt: Instant | null;
      degradedModeEndedAt: Instant | null;
    }> &
      Partial<FormFields>;
  }
>;

/** `author` follows from the actor's role: a declarant writes for the facility, the others for the CERT. */
export type PostMessage = Command<'PostMessage', { messageId: string; body: string }>;

/** `assignee`: the `sub` of the analyst who follows the declaration up; null unassigns. */
export type AssignDeclaration = Command<'AssignDeclaration', { assignee: string | null }>;
export type PostInternalNote = Command<'PostInternalNote', { noteId: string; body: string }>;

export type RequestComplement = Command<'RequestComplement', { requestId: string; question: string }>;
export type ProvideComplement = Command<'ProvideComplement', { answer: string }>;

export type QualifyDeclaration = Command<
  'QualifyDeclaration',
  {
    origin: QualifiedOrigin;
    incidentType: IncidentType;
    attackVectors: AttackVector[];
    regulatoryQualification: RegulatoryQualification;
    inScope: boolean;
    outOfScopeReason: string | null;
  }
>;

export type RequestSupport = Command<'RequestSupport', { reason: string }>;
export type LogSupportIntervention = Command<
  'LogSupportIntervention',
  { interventionId: string; kind: InterventionKind; summary: string }
>;
export type ReportResolution = Command<'ReportResolution', { resolvedAt: Instant; summary: string }>;
export type CloseDeclaration = Command<'CloseDeclaration', { reason: string }>;
export type ReopenDeclaration = Command<'ReopenDeclaration', { reason: string }>;

/** An analyst corrects the structure's NIS2 status or OSE flag; only the fields present change. */
export type AmendRegulatoryStatus = Command<
  'AmendRegulatoryStatus',
  { changes: Partial<{ nis2: Nis2Status; isOse: boolean }> }
>;
export type SubmitStagedReport = Command<
  'SubmitStagedReport',
  { reportId: string; stage: ReportStage; content: string }
>;
export type RequestIntermediateReport = Command<
  'RequestIntermediateReport',
  { requestId: string; dueAt: Instant; reason: string }
>;
export type DeclareCnilNotification = Command<
  'DeclareCnilNotification',
  { notifiedAt: Instant; reference: string }
>;

/** An analyst records that the CERT informed an authority itself. */
export type RecordAuthorityInformed = Command<
  'RecordAuthorityInformed',
  { authority: InformedAuthority; informedAt: Instant; reference: string | null }
>;

/** The notifier records what a webhook delivery came to; `now` is when it knew. */
export type RecordAuthorityNotification = Command<
  'RecordAuthorityNotification',
  {
    authority: Authority;
    region: RegionCode | null;
    outcome: DeliveryOutcome;
    attempts: number;
    deliveryId: string;
  }
>;
export type RecordDeadlineReminder = Command<
  'RecordDeadlineReminder',
  {
    clockId: string;
    regime: Regime;
    stage: ClockStage;
    reminder: ReminderKind;
    dueAt: Instant;
    outcome: DeliveryOutcome;
    attempts: number;
    deliveryId: string;
  }
>;

/** The mailer records what sending a mail to the declarant came to; `now` is when it knew. */
export type RecordMail = Command<
  'RecordMail',
  { mailId: string; kind: MailKind; outcome: MailOutcome; attempts: number }
>;

export type RegulatoryCommand =
  | AmendRegulatoryStatus
  | SubmitStagedReport
  | RequestIntermediateReport
  | DeclareCnilNotification
  | RecordAuthorityInformed
  | RecordAuthorityNotification
  | RecordDeadlineReminder
  | RecordMail;

export type DeclarationCommand =
  | SubmitDeclaration
  | AmendDeclaration
  | RequestComplement
  | ProvideComplement
  | QualifyDeclaration
  | RequestSupport
  | LogSupportIntervention
  | ReportResolution
  | CloseDeclaration
  | ReopenDeclaration
  | PostMessage
  | AssignDeclaration
  | PostInternalNote
  | RegulatoryCommand;
