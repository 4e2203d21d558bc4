import {
  ATTACK_VECTORS,
  DATA_IMPACTS,
  INCIDENT_TYPES,
  INTERVENTION_KINDS,
  NIS2_STATUSES,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  QUALIFIED_ORIGINS,
  REGION_CODES,
  REGULATORY_QUALIFICATIONS,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  TAXONOMY_VERSION,
} from '../taxonomy/codes';
import { type AmendableField, type AmendableFields, type DeclarationState } from './declaration';
import {
  checkCode,
  checkCodeSet,
  checkFiness,
  checkIncidentType,
  checkRegionOfFiness,
  checkText,
  checkTypeMatchesOrigin,
  optionalText,
  sameSet,
} from './declaration-checks';
import {
  checkDegradedModeInstant,
  checkDegradedModePeriod,
  checkIncidentDates,
  checkResolvedAt,
  clockReading,
} from './declaration-dates';
import type {
  AmendDeclaration,
  CloseDeclaration,
  DeclarationCommand,
  AssignDeclaration,
  LogSupportIntervention,
  PostInternalNote,
  PostMessage,
  RegulatoryCommand,
  ProvideComplement,
  QualifyDeclaration,
  ReopenDeclaration,
  ReportResolution,
  RequestComplement,
  RequestSupport,
  SubmitDeclaration,
} from './declaration.commands';
import {
  ComplementAlreadyRequested,
  DeclarationAlreadyExists,
  DeclarationAlreadyResolved,
  DeclarationIsClosed,
  DeclarationNotClosed,
  NoOpenComplementRequest,
  OutOfScopeReasonRequired,
} from './declaration.errors';
import {
  isTaxonomyCoded,
  type DeclarationAmendment,
  type DeclarationEvent,
  type Qualification,
} from './declaration.events';
import { checkFormChanges, checkFormFields, checkReference, checkSupplier } from './declaration-form';

function submit(command: SubmitDeclaration, state: DeclarationState): DeclarationEvent[] {
  if (state.exists) throw new DeclarationAlreadyExists(command.declarationId);
  const { at, ms } = clockReading(command.now);
  const { structure, declarant } = command;
  const finess = checkFiness(structure.finess);
  const suspectedOrigin = checkCode(SUSPECTED_ORIGINS, command.suspectedOrigin, 'suspectedOrigin');
  const suspectedType = checkIncidentType(command.suspectedType, 'suspectedType');
  checkTypeMatchesOrigin(suspectedType, suspectedOrigin, 'suspectedType');
  return [
    {
      type: 'DeclarationSubmitted',
      data: {
        declarationId: command.declarationId,
        // Copied field by field so that nothing the edge let through unnoticed reaches the log.
        structure: {
          finess,
          name: checkText(structure.name, 'structure.name'),
          type: checkCode(STRUCTURE_TYPES, structure.type, 'structure.type'),
          region: checkRegionOfFiness(finess, checkCode(REGION_CODES, structure.region, 'structure.region')),
          isOse: structure.isOse === true,
          nis2: checkCode(NIS2_STATUSES, structure.nis2 ?? 'NONE', 'structure.nis2'),
        },
        declarant: {
          name: checkText(declarant.name, 'declarant.name'),
          role: checkText(declarant.role, 'declarant.role'),
          email: checkText(declarant.email, 'declarant.email'),
          phone: optionalText(declarant.phone),
        },
        ...checkIncidentDates(command, ms),
        description: checkText(command.description, 'description'),
        suspectedOrigin,
        suspectedType,
        operationalImpact: checkCode(OPERATIONAL_IMPACTS, command.operationalImpact, 'operationalImpact'),
        patientEndangerment: checkCode(
          PATIENT_ENDANGERMENTS,
          command.patientEndangerment,
          'patientEndangerment',
        ),
        dataImpacts: checkCodeSet(DATA_IMPACTS, command.dataImpacts, 'dataImpacts'),
        supportRequested: command.supportRequested === true,
        measuresTaken: optionalText(command.measuresTaken),
        ...checkFormFields(command),
        reference: checkReference(command.reference),
        submittedBy: command.actor.sub,
        submittedAt: at,
        taxonomyVersion: TAXONOMY_VERSION,
      },
    },
  ];
}

const AMENDMENT_EVENT_TYPES: { [Field in AmendableField]: DeclarationAmendment['type'] } = {
  description: 'DescriptionAmended',
  operationalImpact: 'OperationalImpactAmended',
  patientEndangerment: 'PatientEndangermentAmended',
  dataImpacts: 'DataImpactsAmended',
  measuresTaken: 'MeasuresTakenAmended',
  suspectedOrigin: 'SuspectedOriginAmended',
  suspectedType: 'SuspectedTypeAmended',
  degradedModeStartedAt: 'DegradedModeStartAmended',
  degradedModeEndedAt: 'DegradedModeEndAmended',
  systemsConcerned: 'SystemsConcernedAmended',
  systemsDetail: 'SystemsDetailAmended',
  handlingState: 'HandlingStateAmended',
  personsAffected: 'PersonsAffectedAmended',
  supplierInvolved: 'SupplierInvolvedAmended',
  supplierName: 'SupplierNameAmended',
  otherNotifications: 'OtherNotificationsAmended',
};
const AMENDABLE_FIELDS = Object.keys(AMENDMENT_EVENT_TYPES) as AmendableField[];

/** The changes the command asks for, checked and in the form events store them. */
function checkedChanges(command: AmendDeclaration, nowMs: number): Partial<AmendableFields> {
  const given = command.changes ?? {};
  const has = (field: AmendableField): boolean => given[field] !== undefined;
  const changes: Partial<AmendableFields> = {};
  if (has('description')) changes.description = checkText(given.description, 'description');
  if (has('operationalImpact')) {
    changes.operationalImpact = checkCode(OPERATIONAL_IMPACTS, given.operationalImpact, 'operationalImpact');
  }
  if (has('patientEndangerment')) {
    changes.patientEndangerment = checkCode(
      PATIENT_ENDANGERMENTS,
      given.patientEndangerment,
      'patientEndangerment',
    );
  }
  if (has('dataImpacts')) changes.dataImpacts = checkCodeSet(DATA_IMPACTS, given.dataImpacts, 'dataImpacts');
  if (has('measuresTaken')) changes.measuresTaken = optionalText(given.measuresTaken);
  if (has('suspectedOrigin')) {
    changes.suspectedOrigin = checkCode(SUSPECTED_ORIGINS, given.suspectedOrigin, 'suspectedOrigin');
  }
  if (has('suspectedType')) changes.suspectedType = checkIncidentType(given.suspectedType, 'suspectedType');
  for (const field of ['degradedModeStartedAt', 'degradedModeEndedAt'] as const) {
    if (has(field)) changes[field] = checkDegradedModeInstant(given[field] ?? null, field, nowMs);
  }
  return { ...changes, ...checkFormChanges(given) };
}

function checkAmendedDeclaration(changes: Partial<AmendableFields>, next: AmendableFields): void {
  if (changes.suspectedOrigin !== undefined || changes.suspectedType !== undefined) {
    const typeGiven = changes.suspectedType !== undefined;
    checkTypeMatchesOrigin(
      next.suspectedType,
      next.suspectedOrigin,
      typeGiven ? 'suspectedType' : 'suspectedOrigin',
      typeGiven ? '' : `: change suspectedType, or set it to null, in the same amendment`,
    );
  }
  if (changes.degradedModeStartedAt !== undefined || changes.degradedModeEndedAt !== undefined) {
    checkDegradedModePeriod(
      { startedAt: next.degradedModeStartedAt, endedAt: next.degradedModeEndedAt },
      changes.degradedModeEndedAt !== undefined ? 'degradedModeEndedAt' : 'degradedModeStartedAt',
    );
  }
  if (changes.supplierName !== undefined || changes.supplierInvolved !== undefined)
    checkSupplier(next, changes);
}

function amend(command: AmendDeclaration, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  const { at, ms } = clockReading(command.now);
  const changes = checkedChanges(command, ms);
  const next: AmendableFields = { ...state.amendable, ...changes };
  checkAmendedDeclaration(changes, next);
  return AMENDABLE_FIELDS.filter((field) => {
    if (changes[field] === undefined) return false;
    const from = state.amendable[field];
    const to = next[field];
    return Array.isArray(from) && Array.isArray(to) ? !sameSet(from, to) : from !== to;
  }).map(
    (field) =>
      ({
        type: AMENDMENT_EVENT_TYPES[field],
        data: {
          declarationId: command.declarationId,
          from: state.amendable[field],
          to: next[field],
          amendedBy: command.actor.sub,
          amendedAt: at,
          ...(isTaxonomyCoded(AMENDMENT_EVENT_TYPES[field]) ? { taxonomyVersion: TAXONOMY_VERSION } : {}),
        },
      }) as DeclarationAmendment,
  );
}

function requestComplement(command: RequestComplement, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  if (state.openComplementRequestId !== null)
    throw new ComplementAlreadyRequested(state.openComplementRequestId);
  return [
    {
      type: 'ComplementRequested',
      data: {
        declarationId: command.declarationId,
        requestId: command.requestId,
        question: checkText(command.question, 'question'),
        requestedBy: command.actor.sub,
        requestedAt: clockReading(command.now).at,
      },
    },
  ];
}

function provideComplement(command: ProvideComplement, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  if (state.openComplementRequestId === null) throw new NoOpenComplementRequest(command.declarationId);
  return [
    {
      type: 'ComplementProvided',
      data: {
        declarationId: command.declarationId,
        requestId: state.openComplementRequestId,
        answer: checkText(command.answer, 'answer'),
        providedBy: command.actor.sub,
        providedAt: clockReading(command.now).at,
      },
    },
  ];
}

const sameQualification = (a: Qualification, b: Qualification): boolean =>
  a.origin === b.origin &&
  a.type === b.type &&
  sameSet(a.attackVectors, b.attackVectors) &&
  a.regulatoryQualification === b.regulatoryQualification &&
  a.inScope === b.inScope &&
  a.outOfScopeReason === b.outOfScopeReason;

function checkedQualification(command: QualifyDeclaration): Qualification {
  const origin = checkCode(QUALIFIED_ORIGINS, command.origin, 'origin');
  const type = checkCode(INCIDENT_TYPES, command.incidentType, 'type');
  checkTypeMatchesOrigin(type, origin, 'type');
  const inScope = command.inScope !== false;
  const outOfScopeReason = inScope ? null : optionalText(command.outOfScopeReason);
  if (!inScope && outOfScopeReason === null) throw new OutOfScopeReasonRequired();
  return {
    origin,
    type,
    attackVectors: checkCodeSet(ATTACK_VECTORS, command.attackVectors ?? [], 'attackVectors'),
    regulatoryQualification: checkCode(
      REGULATORY_QUALIFICATIONS,
      command.regulatoryQualification,
      'regulatoryQualification',
    ),
    inScope,
    outOfScopeReason,
  };
}

function qualify(command: QualifyDeclaration, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  const qualification = checkedQualification(command);
  const { declarationId, actor } = command;
  const at = clockReading(command.now).at;
  if (state.qualification === null) {
    return [
      {
        type: 'DeclarationQualified',
        data: {
          declarationId,
          ...qualification,
          qualifiedBy: actor.sub,
          qualifiedAt: at,
          taxonomyVersion: TAXONOMY_VERSION,
        },
      },
    ];
  }
  if (sameQualification(state.qualification, qualification)) return [];
  return [
    {
      type: 'DeclarationRequalified',
      data: {
        declarationId,
        from: state.qualification,
        to: qualification,
        requalifiedBy: actor.sub,
        requalifiedAt: at,
        taxonomyVersion: TAXONOMY_VERSION,
      },
    },
  ];
}

function requestSupport(command: RequestSupport, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  return [
    {
      type: 'SupportRequested',
      data: {
        declarationId: command.declarationId,
        reason: checkText(command.reason, 'reason'),
        requestedBy: command.actor.sub,
        requestedAt: clockReading(command.now).at,
      },
    },
  ];
}

function logSupportIntervention(
  command: LogSupportIntervention,
  state: DeclarationState,
): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  return [
    {
      type: 'SupportInterventionLogged',
      data: {
        declarationId: command.declarationId,
        interventionId: command.interventionId,
        kind: checkCode(INTERVENTION_KINDS, command.kind, 'kind'),
        summary: checkText(command.summary, 'summary'),
        loggedBy: command.actor.sub,
        loggedAt: clockReading(command.now).at,
        taxonomyVersion: TAXONOMY_VERSION,
      },
    },
  ];
}

function reportResolution(command: ReportResolution, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  if (state.resolved) throw new DeclarationAlreadyResolved(command.declarationId);
  const { at, ms } = clockReading(command.now);
  const resolvedAt = checkResolvedAt(command.resolvedAt, state.detectedAt, ms);
  return [
    {
      type: 'ResolutionReported',
      data: {
        declarationId: command.declarationId,
        resolvedAt,
        summary: checkText(command.summary, 'summary'),
        reportedBy: command.actor.sub,
        reportedAt: at,
      },
    },
  ];
}

function close(command: CloseDeclaration, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) return [];
  return [
    {
      type: 'DeclarationClosed',
      data: {
        declarationId: command.declarationId,
        reason: checkText(command.reason, 'reason'),
        closedBy: command.actor.sub,
        closedAt: clockReading(command.now).at,
      },
    },
  ];
}

function postMessage(command: PostMessage, state: DeclarationState): DeclarationEvent[] {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
  return [
    {
      type: 'MessagePosted',
      data: {
        declarationId: command.declarationId,
        messageId: command.messageId,
        body: checkText(command.body, 'body'),
        author: command.actor.role === 'declarant' ? 'FACILITY' : 'CERT',
        postedBy: command.actor.sub,
        postedAt: clockReading(command.now).at,
      },
    },
  ];
}

function assign(command: AssignDeclaration, state: DeclarationState): DeclarationEvent[] {
  const to = command.assignee === null ? null : checkText(command.assignee, 'assignee');
  if (to === state.assignee) return [];
  return [
    {
      type: 'DeclarationAssigned',
      data: {
        declarationId: command.declarationId,
        from: state.assignee,
        to,
        assignedBy: command.actor.sub,
        assignedAt: clockReading(command.now).at,
      },
    },
  ];
}

function postInternalNote(command: PostInternalNote, _state: DeclarationState): DeclarationEvent[] {
  return [
    {
      type: 'InternalNotePosted',
      data: {
        declarationId: command.declarationId,
        noteId: command.noteId,
        body: checkText(command.body, 'body'),
        postedBy: command.actor.sub,
        postedAt: clockReading(command.now).at,
      },
    },
  ];
}

function reopen(command: ReopenDeclaration, state: DeclarationState): DeclarationEvent[] {
  if (!state.closed) throw new DeclarationNotClosed(command.declarationId);
  return [
    {
      type: 'DeclarationReopened',
      data: {
        declarationId: command.declarationId,
        reason: checkText(command.reason, 'reason'),
        reopenedBy: command.actor.sub,
        reopenedAt: clockReading(command.now).at,
      },
    },
  ];
}

/** The commands of the declaration's own lifecycle; the regulatory ones are decided in regulatory/. */
export type LifecycleCommand = Exclude<DeclarationCommand, RegulatoryCommand>;

/**
 * What happens when a lifecycle `command` meets a declaration in `state`: the events to append,
 * `[]` when there is nothing to do, or a thrown DomainError when a rule refuses it. Pure: the
 * clock, ids and actor come in with the command. `decide` (declaration-decider.ts) routes every
 * declaration command, the regulatory ones included.
 */
export function decideLifecycle(command: LifecycleCommand, state: DeclarationState): DeclarationEvent[] {
  switch (command.type) {
    case 'SubmitDeclaration':
      return submit(command, state);
    case 'AmendDeclaration':
      return amend(command, state);
    case 'RequestComplement':
      return requestComplement(command, state);
    case 'ProvideComplement':
      return provideComplement(command, state);
    case 'QualifyDeclaration':
      return qualify(command, state);
    case 'RequestSupport':
      return requestSupport(command, state);
    case 'LogSupportIntervention':
      return logSupportIntervention(command, state);
    case 'ReportResolution':
      return reportResolution(command, state);
    case 'CloseDeclaration':
      return close(command, state);
    case 'ReopenDeclaration':
      return reopen(command, state);
    case 'PostMessage':
      return postMessage(command, state);
    case 'AssignDeclaration':
      return assign(command, state);
    case 'PostInternalNote':
      return postInternalNote(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown declaration command ${(unknown as { type: string }).type}`);
    }
  }
}
