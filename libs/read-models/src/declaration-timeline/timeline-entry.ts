import { toDeclarationEvent, type DeclarationEvent } from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { actorOf, businessInstant, record, type Data } from '../shared/event-data';

export interface TimelineChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One line of `GET /api/v1/declarations/:id/history`. */
export interface TimelineEntry {
  revision: number;
  /** Global position as a decimal string. */
  position: string;
  type: string;
  /** When it happened (the event's `…At`). */
  at: string;
  /** The actor's `sub`. */
  by: string;
  changes: TimelineChange[];
}

const SUBMITTED_FIELDS = [
  'structure',
  'declarant',
  'occurredAt',
  'detectedAt',
  'description',
  'suspectedOrigin',
  'suspectedType',
  'operationalImpact',
  'patientEndangerment',
  'dataImpacts',
  'supportRequested',
  'measuresTaken',
  'systemsConcerned',
  'systemsDetail',
  'handlingState',
  'personsAffected',
  'supplierInvolved',
  'supplierName',
  'otherNotifications',
  'reference',
];

const QUALIFICATION_FIELDS = [
  'origin',
  'type',
  'attackVectors',
  'regulatoryQualification',
  'inScope',
  'outOfScopeReason',
];

/** The amendment event types and the field of the declaration each one changes. */
const AMENDED_FIELD = {
  DescriptionAmended: 'description',
  OperationalImpactAmended: 'operationalImpact',
  PatientEndangermentAmended: 'patientEndangerment',
  DataImpactsAmended: 'dataImpacts',
  MeasuresTakenAmended: 'measuresTaken',
  SuspectedOriginAmended: 'suspectedOrigin',
  SuspectedTypeAmended: 'suspectedType',
  DegradedModeStartAmended: 'degradedModeStartedAt',
  DegradedModeEndAmended: 'degradedModeEndedAt',
  SystemsConcernedAmended: 'systemsConcerned',
  SystemsDetailAmended: 'systemsDetail',
  HandlingStateAmended: 'handlingState',
  PersonsAffectedAmended: 'personsAffected',
  SupplierInvolvedAmended: 'supplierInvolved',
  SupplierNameAmended: 'supplierName',
  OtherNotificationsAmended: 'otherNotifications',
  StructureNis2StatusAmended: 'structure.nis2',
  StructureOseFlagAmended: 'structure.isOse',
} as const;

export function timelineEntryOf(event: RecordedEvent): TimelineEntry {
  const domain = toDeclarationEvent(event);
  return {
    revision: event.revision,
    position: event.position.toString(),
    type: event.type,
    at: businessInstant(event),
    by: actorOf(event),
    changes: changesOf(domain, record(domain.data)),
  };
}

const created = (data: Data, fields: readonly string[], prefix = ''): TimelineChange[] =>
  fields
    .filter((field) => field in data)
    .map((field) => ({ field: prefix + field, from: null, to: data[field] ?? null }));

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `data` is the event's data as stored: the typed `event` only says which shape to expect. */
function changesOf(event: DeclarationEvent, data: Data): TimelineChange[] {
  switch (event.type) {
    case 'DeclarationSubmitted':
      return created(data, SUBMITTED_FIELDS);
    case 'DescriptionAmended':
    case 'OperationalImpactAmended':
    case 'PatientEndangermentAmended':
    case 'DataImpactsAmended':
    case 'MeasuresTakenAmended':
    case 'SuspectedOriginAmended':
    case 'SuspectedTypeAmended':
    case 'DegradedModeStartAmended':
    case 'DegradedModeEndAmended':
    case 'SystemsConcernedAmended':
    case 'SystemsDetailAmended':
    case 'HandlingStateAmended':
    case 'PersonsAffectedAmended':
    case 'SupplierInvolvedAmended':
    case 'SupplierNameAmended':
    case 'OtherNotificationsAmended':
    case 'StructureNis2StatusAmended':
    case 'StructureOseFlagAmended':
      return [{ field: AMENDED_FIELD[event.type], from: data.from ?? null, to: data.to ?? null }];
    case 'DeclarationQualified':
      return created(data, QUALIFICATION_FIELDS, 'qualification.');
    case 'DeclarationRequalified': {
      const from = record(data.from);
      const to = record(data.to);
      return QUALIFICATION_FIELDS.filter((field) => !same(from[field], to[field])).map((field) => ({
        field: `qualification.${field}`,
        from: from[field] ?? null,
        to: to[field] ?? null,
      }));
    }
    case 'ComplementRequested':
      return created(data, ['requestId', 'question']);
    case 'ComplementProvided':
      return created(data, ['requestId', 'answer']);
    case 'SupportRequested':
      return created(data, ['reason']);
    case 'SupportInterventionLogged':
      return created(data, ['interventionId', 'kind', 'summary']);
    case 'ResolutionReported':
      return created(data, ['resolvedAt', 'summary']);
    case 'DeclarationClosed':
    case 'DeclarationReopened':
      return created(data, ['reason']);
    case 'MessagePosted':
      return created(data, ['messageId', 'author', 'body']);
    // CERT-only: the API leaves these entries out of a facility's history (CERT_ONLY_EVENT_TYPES).
    case 'DeclarationAssigned':
      return [{ field: 'assignee', from: data.from ?? null, to: data.to ?? null }];
    case 'InternalNotePosted':
      return created(data, ['noteId', 'body']);
    case 'StagedReportSubmitted':
      return created(data, ['reportId', 'stage', 'content', 'requestId']);
    case 'IntermediateReportRequested':
      return created(data, ['requestId', 'dueAt', 'reason']);
    case 'CnilNotificationDeclared':
      return created(data, ['notifiedAt', 'reference']);
    case 'AuthorityNotified':
      return created(data, ['authority', 'region', 'outcome', 'attempts', 'deliveryId']);
    case 'AuthorityInformed':
      return created(data, ['authority', 'informedAt', 'reference']);
    case 'DeadlineReminderSent':
      return created(data, [
        'clockId',
        'regime',
        'stage',
        'reminder',
        'dueAt',
        'outcome',
        'attempts',
        'deliveryId',
      ]);
    case 'MailSent':
      // What was sent and how it went; never to whom (the address is personal data).
      return created(data, ['mailId', 'kind', 'outcome', 'attempts']);
    default: {
      const unknown: never = event;
      void unknown;
      // A type this version does not know: show its data, minus the id, in a stable order.
      const fields = Object.keys(data)
        .filter((field) => field !== 'declarationId')
        .sort();
      return created(data, fields);
    }
  }
}
