import type { Nis2Status } from '../taxonomy/codes';
import type { AmendDeclaration } from './declaration.commands';
import { unstatedFormFields } from './declaration-form';
import type { DeclarationEvent, Instant, Qualification } from './declaration.events';

/** The values an amendment may change, by the name the command and the API give them. */
export type AmendableFields = Required<AmendDeclaration['changes']>;
export type AmendableField = keyof AmendableFields;

/**
 * Only what a rule reads. `finess` is read at the edge (may this declarant act on it?),
 * `detectedAt` by the resolution date rule, `amendable` so that amendments emit from → to.
 */
export interface DeclarationState {
  exists: boolean;
  finess: string | null;
  detectedAt: Instant | null;
  closed: boolean;
  resolved: boolean;
  openComplementRequestId: string | null;
  /** The latest CERT qualification. */
  qualification: Qualification | null;
  amendable: AmendableFields;
  /** The structure's regulatory status: whether NIS2 stages may be reported. */
  nis2: Nis2Status;
  isOse: boolean;
  notificationSubmitted: boolean;
  finalSubmitted: boolean;
  openIntermediateRequestId: string | null;
  cnilNotificationDeclared: boolean;
  /** Deliveries recorded as delivered and mails recorded as sent: each is recorded once. */
  deliveredIds: string[];
  /** The analyst following it up, or null. */
  assignee: string | null;
}

export const initialState = (): DeclarationState => ({
  exists: false,
  finess: null,
  detectedAt: null,
  closed: false,
  resolved: false,
  openComplementRequestId: null,
  qualification: null,
  amendable: {
    description: '',
    operationalImpact: 'NONE',
    patientEndangerment: 'NONE',
    dataImpacts: [],
    measuresTaken: null,
    suspectedOrigin: 'UNKNOWN',
    suspectedType: null,
    degradedModeStartedAt: null,
    degradedModeEndedAt: null,
    ...unstatedFormFields(),
  },
  nis2: 'NONE',
  isOse: false,
  notificationSubmitted: false,
  finalSubmitted: false,
  openIntermediateRequestId: null,
  cnilNotificationDeclared: false,
  deliveredIds: [],
  assignee: null,
});

function amended<F extends AmendableField>(
  state: DeclarationState,
  field: F,
  to: AmendableFields[F],
): DeclarationState {
  return { ...state, amendable: { ...state.amendable, [field]: to } };
}

export function evolve(state: DeclarationState, event: DeclarationEvent): DeclarationState {
  switch (event.type) {
    case 'DeclarationSubmitted': {
      const data = event.data;
      return {
        ...state,
        exists: true,
        finess: data.structure.finess,
        detectedAt: data.detectedAt,
        nis2: data.structure.nis2,
        isOse: data.structure.isOse,
        amendable: {
          description: data.description,
          operationalImpact: data.operationalImpact,
          patientEndangerment: data.patientEndangerment,
          dataImpacts: data.dataImpacts,
          measuresTaken: data.measuresTaken,
          suspectedOrigin: data.suspectedOrigin,
          suspectedType: data.suspectedType,
          degradedModeStartedAt: null,
          degradedModeEndedAt: null,
          systemsConcerned: data.systemsConcerned,
          systemsDetail: data.systemsDetail,
          handlingState: data.handlingState,
          personsAffected: data.personsAffected,
          supplierInvolved: data.supplierInvolved,
          supplierName: data.supplierName,
          otherNotifications: data.otherNotifications,
        },
      };
    }
    case 'DescriptionAmended':
      return amended(state, 'description', event.data.to);
    case 'OperationalImpactAmended':
      return amended(state, 'operationalImpact', event.data.to);
    case 'PatientEndangermentAmended':
      return amended(state, 'patientEndangerment', event.data.to);
    case 'DataImpactsAmended':
      return amended(state, 'dataImpacts', event.data.to);
    case 'MeasuresTakenAmended':
      return amended(state, 'measuresTaken', event.data.to);
    case 'SuspectedOriginAmended':
      return amended(state, 'suspectedOrigin', event.data.to);
    case 'SuspectedTypeAmended':
      return amended(state, 'suspectedType', event.data.to);
    case 'DegradedModeStartAmended':
      return amended(state, 'degradedModeStartedAt', event.data.to);
    case 'DegradedModeEndAmended':
      return amended(state, 'degradedModeEndedAt', event.data.to);
    case 'SystemsConcernedAmended':
      return amended(state, 'systemsConcerned', event.data.to);
    case 'SystemsDetailAmended':
      return amended(state, 'systemsDetail', event.data.to);
    case 'HandlingStateAmended':
      return amended(state, 'handlingState', event.data.to);
    case 'PersonsAffectedAmended':
      return amended(state, 'personsAffected', event.data.to);
    case 'SupplierInvolvedAmended':
      return amended(state, 'supplierInvolved', event.data.to);
    case 'SupplierNameAmended':
      return amended(state, 'supplierName', event.data.to);
    case 'OtherNotificationsAmended':
      return amended(state, 'otherNotifications', event.data.to);
    case 'ComplementRequested':
      return { ...state, openComplementRequestId: event.data.requestId };
    case 'ComplementProvided':
      return { ...state, openComplementRequestId: null };
    case 'DeclarationQualified': {
      const { origin, type, attackVectors, regulatoryQualification, inScope, outOfScopeReason } = event.data;
      return {
        ...state,
        qualification: { origin, type, attackVectors, regulatoryQualification, inScope, outOfScopeReason },
      };
    }
    case 'DeclarationRequalified':
      return { ...state, qualification: event.data.to };
    case 'SupportRequested':
    case 'SupportInterventionLogged':
    case 'MessagePosted':
    case 'InternalNotePosted':
      return state;
    case 'DeclarationAssigned':
      return { ...state, assignee: event.data.to };
    case 'ResolutionReported':
      return { ...state, resolved: true };
    case 'DeclarationClosed':
      return { ...state, closed: true };
    case 'DeclarationReopened':
      // A reopened declaration is being worked on again: its earlier resolution no longer holds.
      return { ...state, closed: false, resolved: false };
    case 'StructureNis2StatusAmended':
      return { ...state, nis2: event.data.to };
    case 'StructureOseFlagAmended':
      return { ...state, isOse: event.data.to };
    case 'StagedReportSubmitted': {
      const { stage, requestId } = event.data;
      const answered = requestId !== null && requestId === state.openIntermediateRequestId;
      return {
        ...state,
        notificationSubmitted: state.notificationSubmitted || stage === 'NOTIFICATION',
        finalSubmitted: state.finalSubmitted || stage === 'FINAL',
        openIntermediateRequestId: answered ? null : state.openIntermediateRequestId,
      };
    }
    case 'IntermediateReportRequested':
      return { ...state, openIntermediateRequestId: event.data.requestId };
    case 'CnilNotificationDeclared':
      return { ...state, cnilNotificationDeclared: true };
    case 'AuthorityInformed':
      return state;
    case 'AuthorityNotified':
    case 'DeadlineReminderSent':
      return event.data.outcome === 'delivered'
        ? { ...state, deliveredIds: [...state.deliveredIds, event.data.deliveryId] }
        : state;
    case 'MailSent':
      // Mail ids and delivery ids are UUIDs of different seeds: one list keeps both.
      return event.data.outcome === 'sent'
        ? { ...state, deliveredIds: [...state.deliveredIds, event.data.mailId] }
        : state;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown declaration event ${(unknown as { type: string }).type}`);
    }
  }
}

export const foldDeclaration = (events: readonly DeclarationEvent[]): DeclarationState =>
  events.reduce(evolve, initialState());

export const DECLARATION_STATUSES = [
  'SUBMITTED',
  'COMPLEMENT_REQUESTED',
  'QUALIFIED',
  'RESOLVED',
  'CLOSED',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** The one meaning of "status", shared by the domain and every read model. */
export function deriveStatus(flags: {
  closed: boolean;
  resolved: boolean;
  complementOpen: boolean;
  qualified: boolean;
}): DeclarationStatus {
  if (flags.closed) return 'CLOSED';
  if (flags.resolved) return 'RESOLVED';
  if (flags.complementOpen) return 'COMPLEMENT_REQUESTED';
  if (flags.qualified) return 'QUALIFIED';
  return 'SUBMITTED';
}

export const declarationStatus = (state: DeclarationState): DeclarationStatus =>
  deriveStatus({
    closed: state.closed,
    resolved: state.resolved,
    complementOpen: state.openComplementRequestId !== null,
    qualified: state.qualification !== null,
  });
