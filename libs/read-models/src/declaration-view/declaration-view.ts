import {
  deriveStatus,
  toDeclarationEvent,
  type AttackVector,
  type Authority,
  type InformedAuthority,
  type ClockStage,
  type DeliveryOutcome,
  type Regime,
  type RegionCode,
  type ReminderKind,
  type ReportStage,
  type DataImpact,
  type Declarant,
  type DeclarationEvent,
  type DeclarationStatus,
  type IncidentType,
  type Instant,
  type InterventionKind,
  type OperationalImpact,
  type PatientEndangerment,
  type Qualification,
  type QualifiedOrigin,
  type RegulatoryQualification,
  type Structure,
  type SuspectedOrigin,
  type AffectedSystem,
  type FormFields,
  type HandlingState,
  type MessageAuthor,
  type OtherNotification,
  type SupplierInvolvement,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import {
  businessInstant,
  declarationIdOf,
  flag,
  record,
  text,
  textOrNull,
  texts,
  type Data,
} from '../shared/event-data';

export interface ComplementView {
  requestId: string;
  question: string;
  requestedAt: Instant;
  requestedBy: string;
  answer: string | null;
  providedAt: Instant | null;
  providedBy: string | null;
}

export interface SupportRequestView {
  reason: string;
  requestedAt: Instant;
  requestedBy: string;
}

export interface InterventionView {
  interventionId: string;
  kind: InterventionKind;
  summary: string;
  loggedAt: Instant;
  loggedBy: string;
}

export type QualificationView = Qualification & { qualifiedBy: string; qualifiedAt: Instant };

export interface StagedReportView {
  reportId: string;
  stage: ReportStage;
  content: string;
  requestId: string | null;
  submittedBy: string;
  submittedAt: Instant;
}

export interface ReportRequestView {
  requestId: string;
  dueAt: Instant;
  reason: string;
  requestedBy: string;
  requestedAt: Instant;
}

/** One webhook delivery (to an authority, or a deadline reminder), as last attempted. */
export interface DeliveryView {
  deliveryId: string;
  outcome: DeliveryOutcome;
  attempts: number;
  at: Instant;
}

/** One message of the thread between the facility and the CERT. */
export interface MessageView {
  messageId: string;
  body: string;
  author: MessageAuthor;
  postedBy: string;
  postedAt: Instant;
}

export interface AuthorityInformedView {
  authority: InformedAuthority;
  informedAt: Instant;
  reference: string | null;
  recordedBy: string;
  recordedAt: Instant;
}

/** A note for the CERT only (the API strips `internalNotes` and `assignee` for a facility). */
export interface InternalNoteView {
  noteId: string;
  body: string;
  postedBy: string;
  postedAt: Instant;
}

/** `GET /api/v1/declarations/:id`: the declaration as it stands, amendments applied. */
export interface DeclarationView extends FormFields {
  id: string;
  /** `2026-000042`; null for a declaration submitted before references existed. */
  reference: string | null;
  status: DeclarationStatus;
  structure: Structure;
  declarant: Declarant;
  occurredAt: Instant;
  detectedAt: Instant;
  submittedAt: Instant;
  submittedBy: string;
  description: string;
  suspectedOrigin: SuspectedOrigin;
  suspectedType: IncidentType | null;
  operationalImpact: OperationalImpact;
  patientEndangerment: PatientEndangerment;
  dataImpacts: DataImpact[];
  /** At submission or by a later support request. */
  supportRequested: boolean;
  measuresTaken: string | null;
  degradedModeStartedAt: Instant | null;
  degradedModeEndedAt: Instant | null;
  /** The latest CERT qualification. */
  qualification: QualificationView | null;
  complements: ComplementView[];
  supportRequests: SupportRequestView[];
  interventions: InterventionView[];
  /** Cleared by a reopening, like the closure. */
  resolution: { resolvedAt: Instant; summary: string; reportedBy: string; reportedAt: Instant } | null;
  closure: { reason: string; closedAt: Instant; closedBy: string } | null;
  reopenings: number;
  /** The exchanges, oldest first. */
  messages: MessageView[];
  /** CERT only: who follows it up, and the notes between analysts. */
  assignee: string | null;
  internalNotes: InternalNoteView[];
  /** NIS2 staged reports (notification, intermediate, final), as submitted. */
  reports: StagedReportView[];
  intermediateReportRequests: ReportRequestView[];
  cnilNotification: {
    notifiedAt: Instant;
    reference: string;
    declaredBy: string;
    declaredAt: Instant;
  } | null;
  /** The authorities the CERT told itself (ARS, HFDS, ANSSI, CNIL), oldest record first. */
  authoritiesInformed: AuthorityInformedView[];
  /** One entry per delivery id: a retried delivery replaces its previous attempt. */
  authorityNotifications: (DeliveryView & { authority: Authority; region: RegionCode | null })[];
  reminders: (DeliveryView & {
    clockId: string;
    regime: Regime;
    stage: ClockStage;
    reminder: ReminderKind;
    dueAt: Instant;
  })[];
  revision: number;
  /** Global position of the last event applied, as a decimal string (bigint does not survive JSON). */
  position: string;
  updatedAt: Instant;
}

/**
 * Folds one recorded event into the view. Pure, never throws: events of other streams, events
 * before the submission, already-applied revisions (a replay) and unknown types leave it unchanged.
 */
export function evolveDeclarationView(
  view: DeclarationView | null,
  event: RecordedEvent,
): DeclarationView | null {
  const id = declarationIdOf(event);
  if (id === null) return view;
  const domain = toDeclarationEvent(event);
  const data = record(domain.data);
  if (view === null) return domain.type === 'DeclarationSubmitted' ? stamp(submitted(id, data), event) : null;
  if (event.revision <= view.revision) return view;
  // Even an event the view does not show moves its revision: the API's ETag comes from it.
  const next = apply(view, domain, data);
  return stamp(next === view ? { ...view } : next, event);
}

/** `view` is a fresh object (never one a caller holds), so it is completed in place rather than copied again. */
function stamp(view: DeclarationView, event: RecordedEvent): DeclarationView {
  view.revision = event.revision;
  view.position = event.position.toString();
  view.updatedAt = businessInstant(event);
  view.status = deriveStatus({
    closed: view.closure !== null,
    resolved: view.resolution !== null,
    complementOpen: view.complements.some((complement) => complement.answer === null),
    qualified: view.qualification !== null,
  });
  return view;
}

function submitted(id: string, data: Data): DeclarationView {
  const structure = record(data.structure);
  const declarant = record(data.declarant);
  return {
    id,
    reference: textOrNull(data.reference),
    status: 'SUBMITTED',
    structure: {
      finess: text(structure.finess),
      name: text(structure.name),
      type: text(structure.type) as Structure['type'],
      region: text(structure.region) as Structure['region'],
      isOse: flag(structure.isOse),
      nis2: text(structure.nis2, 'NONE') as Structure['nis2'],
    },
    declarant: {
      name: text(declarant.name),
      role: text(declarant.role),
      email: text(declarant.email),
      phone: textOrNull(declarant.phone),
    },
    occurredAt: text(data.occurredAt),
    detectedAt: text(data.detectedAt),
    submittedAt: text(data.submittedAt),
    submittedBy: text(data.submittedBy),
    description: text(data.description),
    suspectedOrigin: text(data.suspectedOrigin, 'UNKNOWN') as SuspectedOrigin,
    suspectedType: textOrNull(data.suspectedType) as IncidentType | null,
    operationalImpact: text(data.operationalImpact, 'NONE') as OperationalImpact,
    patientEndangerment: text(data.patientEndangerment, 'NONE') as PatientEndangerment,
    dataImpacts: texts(data.dataImpacts) as DataImpact[],
    supportRequested: flag(data.supportRequested),
    measuresTaken: textOrNull(data.measuresTaken),
    degradedModeStartedAt: null,
    degradedModeEndedAt: null,
    systemsConcerned: texts(data.systemsConcerned) as AffectedSystem[],
    systemsDetail: textOrNull(data.systemsDetail),
    handlingState: text(data.handlingState, 'UNKNOWN') as HandlingState,
    personsAffected: countOrNull(data.personsAffected),
    supplierInvolved: text(data.supplierInvolved, 'UNKNOWN') as SupplierInvolvement,
    supplierName: textOrNull(data.supplierName),
    otherNotifications: texts(data.otherNotifications) as OtherNotification[],
    qualification: null,
    complements: [],
    supportRequests: [],
    interventions: [],
    resolution: null,
    closure: null,
    reopenings: 0,
    messages: [],
    assignee: null,
    internalNotes: [],
    reports: [],
    intermediateReportRequests: [],
    cnilNotification: null,
    authoritiesInformed: [],
    authorityNotifications: [],
    reminders: [],
    revision: -1,
    position: '0',
    updatedAt: text(data.submittedAt),
  };
}

const countOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function qualificationOf(value: unknown, by: string, at: string): QualificationView {
  const data = record(value);
  return {
    origin: text(data.origin) as QualifiedOrigin,
    type: text(data.type) as IncidentType,
    attackVectors: texts(data.attackVectors) as AttackVector[],
    regulatoryQualification: text(data.regulatoryQualification) as RegulatoryQualification,
    inScope: data.inScope !== false,
    outOfScopeReason: textOrNull(data.outOfScopeReason),
    qualifiedBy: by,
    qualifiedAt: at,
  };
}

const deliveryOf = (data: Data): DeliveryView => ({
  deliveryId: text(data.deliveryId),
  outcome: text(data.outcome) as DeliveryOutcome,
  attempts: typeof data.attempts === 'number' ? data.attempts : 0,
  at: text(data.at),
});

/** A delivery retried after a restart keeps its id: its latest attempt replaces the earlier one. */
function delivered<Entry extends DeliveryView>(entries: Entry[], entry: Entry): Entry[] {
  const index = entries.findIndex((existing) => existing.deliveryId === entry.deliveryId);
  return index === -1
    ? [...entries, entry]
    : entries.map((existing, at) => (at === index ? entry : existing));
}

/** `data` is the event's data read through the accessors: the type says what it should be, not what it is. */
function apply(view: DeclarationView, event: DeclarationEvent, data: Data): DeclarationView {
  switch (event.type) {
    case 'DeclarationSubmitted':
      return view;
    case 'DescriptionAmended':
      return { ...view, description: text(data.to, view.description) };
    case 'OperationalImpactAmended':
      return { ...view, operationalImpact: text(data.to, view.operationalImpact) as OperationalImpact };
    case 'PatientEndangermentAmended':
      return { ...view, patientEndangerment: text(data.to, view.patientEndangerment) as PatientEndangerment };
    case 'DataImpactsAmended':
      return { ...view, dataImpacts: texts(data.to) as DataImpact[] };
    case 'MeasuresTakenAmended':
      return { ...view, measuresTaken: textOrNull(data.to) };
    case 'SuspectedOriginAmended':
      return { ...view, suspectedOrigin: text(data.to, view.suspectedOrigin) as SuspectedOrigin };
    case 'SuspectedTypeAmended':
      return { ...view, suspectedType: textOrNull(data.to) as IncidentType | null };
    case 'DegradedModeStartAmended':
      return { ...view, degradedModeStartedAt: textOrNull(data.to) };
    case 'DegradedModeEndAmended':
      return { ...view, degradedModeEndedAt: textOrNull(data.to) };
    case 'SystemsConcernedAmended':
      return { ...view, systemsConcerned: texts(data.to) as AffectedSystem[] };
    case 'SystemsDetailAmended':
      return { ...view, systemsDetail: textOrNull(data.to) };
    case 'HandlingStateAmended':
      return { ...view, handlingState: text(data.to, view.handlingState) as HandlingState };
    case 'PersonsAffectedAmended':
      return { ...view, personsAffected: countOrNull(data.to) };
    case 'SupplierInvolvedAmended':
      return { ...view, supplierInvolved: text(data.to, view.supplierInvolved) as SupplierInvolvement };
    case 'SupplierNameAmended':
      return { ...view, supplierName: textOrNull(data.to) };
    case 'OtherNotificationsAmended':
      return { ...view, otherNotifications: texts(data.to) as OtherNotification[] };
    case 'DeclarationAssigned':
      return { ...view, assignee: textOrNull(data.to) };
    case 'InternalNotePosted':
      return {
        ...view,
        internalNotes: [
          ...view.internalNotes,
          {
            noteId: text(data.noteId),
            body: text(data.body),
            postedBy: text(data.postedBy),
            postedAt: text(data.postedAt),
          },
        ],
      };
    case 'MessagePosted':
      return {
        ...view,
        messages: [
          ...view.messages,
          {
            messageId: text(data.messageId),
            body: text(data.body),
            author: text(data.author, 'FACILITY') as MessageAuthor,
            postedBy: text(data.postedBy),
            postedAt: text(data.postedAt),
          },
        ],
      };
    case 'ComplementRequested':
      return {
        ...view,
        complements: [
          ...view.complements,
          {
            requestId: text(data.requestId),
            question: text(data.question),
            requestedAt: text(data.requestedAt),
            requestedBy: text(data.requestedBy),
            answer: null,
            providedAt: null,
            providedBy: null,
          },
        ],
      };
    case 'ComplementProvided': {
      const requestId = text(data.requestId);
      if (!view.complements.some((complement) => complement.requestId === requestId)) return view;
      const answered = {
        answer: text(data.answer),
        providedAt: text(data.providedAt),
        providedBy: text(data.providedBy),
      };
      return {
        ...view,
        complements: view.complements.map((complement) =>
          complement.requestId === requestId ? { ...complement, ...answered } : complement,
        ),
      };
    }
    case 'DeclarationQualified':
      return {
        ...view,
        qualification: qualificationOf(data, text(data.qualifiedBy), text(data.qualifiedAt)),
      };
    case 'DeclarationRequalified':
      return {
        ...view,
        qualification: qualificationOf(data.to, text(data.requalifiedBy), text(data.requalifiedAt)),
      };
    case 'SupportRequested':
      return {
        ...view,
        supportRequested: true,
        supportRequests: [
          ...view.supportRequests,
          {
            reason: text(data.reason),
            requestedAt: text(data.requestedAt),
            requestedBy: text(data.requestedBy),
          },
        ],
      };
    case 'SupportInterventionLogged':
      return {
        ...view,
        interventions: [
          ...view.interventions,
          {
            interventionId: text(data.interventionId),
            kind: text(data.kind) as InterventionKind,
            summary: text(data.summary),
            loggedAt: text(data.loggedAt),
            loggedBy: text(data.loggedBy),
          },
        ],
      };
    case 'ResolutionReported':
      return {
        ...view,
        resolution: {
          resolvedAt: text(data.resolvedAt),
          summary: text(data.summary),
          reportedBy: text(data.reportedBy),
          reportedAt: text(data.reportedAt),
        },
      };
    case 'DeclarationClosed':
      return {
        ...view,
        closure: { reason: text(data.reason), closedAt: text(data.closedAt), closedBy: text(data.closedBy) },
      };
    case 'DeclarationReopened':
      return { ...view, closure: null, resolution: null, reopenings: view.reopenings + 1 };
    case 'StructureNis2StatusAmended':
      return {
        ...view,
        structure: { ...view.structure, nis2: text(data.to, view.structure.nis2) as Structure['nis2'] },
      };
    case 'StructureOseFlagAmended':
      return { ...view, structure: { ...view.structure, isOse: flag(data.to) } };
    case 'StagedReportSubmitted':
      return {
        ...view,
        reports: [
          ...view.reports,
          {
            reportId: text(data.reportId),
            stage: text(data.stage) as ReportStage,
            content: text(data.content),
            requestId: textOrNull(data.requestId),
            submittedBy: text(data.submittedBy),
            submittedAt: text(data.submittedAt),
          },
        ],
      };
    case 'IntermediateReportRequested':
      return {
        ...view,
        intermediateReportRequests: [
          ...view.intermediateReportRequests,
          {
            requestId: text(data.requestId),
            dueAt: text(data.dueAt),
            reason: text(data.reason),
            requestedBy: text(data.requestedBy),
            requestedAt: text(data.requestedAt),
          },
        ],
      };
    case 'CnilNotificationDeclared':
      return {
        ...view,
        cnilNotification: {
          notifiedAt: text(data.notifiedAt),
          reference: text(data.reference),
          declaredBy: text(data.declaredBy),
          declaredAt: text(data.declaredAt),
        },
      };
    case 'AuthorityInformed':
      return {
        ...view,
        // Views stored before the event existed have no list yet.
        authoritiesInformed: [
          ...(view.authoritiesInformed ?? []),
          {
            authority: text(data.authority) as InformedAuthority,
            informedAt: text(data.informedAt),
            reference: textOrNull(data.reference),
            recordedBy: text(data.recordedBy),
            recordedAt: text(data.recordedAt),
          },
        ],
      };
    case 'AuthorityNotified':
      return {
        ...view,
        authorityNotifications: delivered(view.authorityNotifications, {
          ...deliveryOf(data),
          authority: text(data.authority) as Authority,
          region: textOrNull(data.region) as RegionCode | null,
        }),
      };
    case 'DeadlineReminderSent':
      return {
        ...view,
        reminders: delivered(view.reminders, {
          ...deliveryOf(data),
          clockId: text(data.clockId),
          regime: text(data.regime) as Regime,
          stage: text(data.stage) as ClockStage,
          reminder: text(data.reminder) as ReminderKind,
          dueAt: text(data.dueAt),
        }),
      };
    case 'MailSent':
      // The detail does not list mails (the history does): the address is never shown anyway.
      return view;
    default: {
      const unknown: never = event;
      void unknown;
      return view;
    }
  }
}
