import { NIS2_STATUSES, REGION_CODES, TAXONOMY_VERSION } from '../taxonomy/codes';
import type { DeclarationState } from '../declaration/declaration';
import { checkCode, checkText } from '../declaration/declaration-checks';
import { CLOCK_SKEW_MS, clockReading, normaliseInstant } from '../declaration/declaration-dates';
import type {
  AmendRegulatoryStatus,
  DeclareCnilNotification,
  RecordAuthorityInformed,
  RecordAuthorityNotification,
  RecordDeadlineReminder,
  RecordMail,
  RegulatoryCommand,
  RequestIntermediateReport,
  SubmitStagedReport,
} from '../declaration/declaration.commands';
import { DeclarationIsClosed, InvalidDates, UnknownCode } from '../declaration/declaration.errors';
import {
  AUTHORITIES,
  DELIVERY_OUTCOMES,
  INFORMED_AUTHORITIES,
  MAIL_KINDS,
  MAIL_OUTCOMES,
  REMINDER_KINDS,
  REPORT_STAGES,
  type RegulatoryEvent,
} from '../declaration/declaration.events';
import { CLOCK_STAGES, REGIMES, nis2Applies } from '../taxonomy/regimes';
import {
  CnilNotificationAlreadyDeclared,
  FinalReportAlreadySubmitted,
  IntermediateReportAlreadyRequested,
  Nis2DoesNotApply,
  NoOpenIntermediateReportRequest,
  NotificationNotYetSubmitted,
  StagedReportAlreadySubmitted,
} from './regulatory.errors';

function notClosed(command: RegulatoryCommand, state: DeclarationState): void {
  if (state.closed) throw new DeclarationIsClosed(command.declarationId);
}

function underNis2(command: RegulatoryCommand, state: DeclarationState): void {
  if (!nis2Applies(state)) throw new Nis2DoesNotApply(command.declarationId);
}

function amendRegulatoryStatus(command: AmendRegulatoryStatus, state: DeclarationState): RegulatoryEvent[] {
  notClosed(command, state);
  const changes = command.changes ?? {};
  const { at } = clockReading(command.now);
  const base = { declarationId: command.declarationId, amendedBy: command.actor.sub, amendedAt: at };
  const events: RegulatoryEvent[] = [];
  if (changes.nis2 !== undefined) {
    const to = checkCode(NIS2_STATUSES, changes.nis2, 'nis2');
    if (to !== state.nis2)
      events.push({
        type: 'StructureNis2StatusAmended',
        data: { ...base, from: state.nis2, to, taxonomyVersion: TAXONOMY_VERSION },
      });
  }
  if (changes.isOse !== undefined) {
    if (typeof changes.isOse !== 'boolean') throw new UnknownCode('isOse', ['true', 'false']);
    if (changes.isOse !== state.isOse) {
      events.push({
        type: 'StructureOseFlagAmended',
        data: { ...base, from: state.isOse, to: changes.isOse },
      });
    }
  }
  return events;
}

/** The stage's own rule; returns the intermediate-report request the report answers, if any. */
function answeredRequest(command: SubmitStagedReport, state: DeclarationState): string | null {
  switch (command.stage) {
    case 'NOTIFICATION':
      if (state.notificationSubmitted) throw new StagedReportAlreadySubmitted('NOTIFICATION');
      return null;
    case 'INTERMEDIATE':
      if (state.openIntermediateRequestId === null)
        throw new NoOpenIntermediateReportRequest(command.declarationId);
      return state.openIntermediateRequestId;
    case 'FINAL':
      if (state.finalSubmitted) throw new StagedReportAlreadySubmitted('FINAL');
      if (!state.notificationSubmitted) throw new NotificationNotYetSubmitted();
      // A request still open when the final report comes is answered by it: nothing can follow a final report.
      return state.openIntermediateRequestId;
    default: {
      const unknown: never = command.stage;
      throw new Error(`Unknown report stage ${String(unknown)}`);
    }
  }
}

function submitStagedReport(command: SubmitStagedReport, state: DeclarationState): RegulatoryEvent[] {
  notClosed(command, state);
  checkCode(REPORT_STAGES, command.stage, 'stage');
  underNis2(command, state);
  const requestId = answeredRequest(command, state);
  return [
    {
      type: 'StagedReportSubmitted',
      data: {
        declarationId: command.declarationId,
        reportId: command.reportId,
        stage: command.stage,
        content: checkText(command.content, 'content'),
        requestId,
        submittedBy: command.actor.sub,
        submittedAt: clockReading(command.now).at,
      },
    },
  ];
}

function requestIntermediateReport(
  command: RequestIntermediateReport,
  state: DeclarationState,
): RegulatoryEvent[] {
  notClosed(command, state);
  underNis2(command, state);
  if (state.finalSubmitted) throw new FinalReportAlreadySubmitted(command.declarationId);
  if (state.openIntermediateRequestId !== null) {
    throw new IntermediateReportAlreadyRequested(state.openIntermediateRequestId);
  }
  const { at, ms } = clockReading(command.now);
  const dueAt = normaliseInstant(command.dueAt, 'dueAt');
  if (Date.parse(dueAt) <= ms) throw new InvalidDates('dueAt', 'must be in the future');
  return [
    {
      type: 'IntermediateReportRequested',
      data: {
        declarationId: command.declarationId,
        requestId: command.requestId,
        dueAt,
        reason: checkText(command.reason, 'reason'),
        requestedBy: command.actor.sub,
        requestedAt: at,
      },
    },
  ];
}

function declareCnilNotification(
  command: DeclareCnilNotification,
  state: DeclarationState,
): RegulatoryEvent[] {
  notClosed(command, state);
  if (state.cnilNotificationDeclared) throw new CnilNotificationAlreadyDeclared(command.declarationId);
  const { at, ms } = clockReading(command.now);
  const notifiedAt = normaliseInstant(command.notifiedAt, 'notifiedAt');
  if (Date.parse(notifiedAt) > ms + CLOCK_SKEW_MS)
    throw new InvalidDates('notifiedAt', 'must not be in the future');
  if (state.detectedAt !== null && Date.parse(notifiedAt) < Date.parse(state.detectedAt)) {
    throw new InvalidDates('notifiedAt', 'must not be before detectedAt');
  }
  return [
    {
      type: 'CnilNotificationDeclared',
      data: {
        declarationId: command.declarationId,
        notifiedAt,
        reference: checkText(command.reference, 'reference'),
        declaredBy: command.actor.sub,
        declaredAt: at,
      },
    },
  ];
}

/**
 * Not in the future; not before the incident was detected. A closed declaration takes it still:
 * an authority is sometimes told after the closure.
 */
function recordAuthorityInformed(
  command: RecordAuthorityInformed,
  state: DeclarationState,
): RegulatoryEvent[] {
  const { at, ms } = clockReading(command.now);
  const informedAt = normaliseInstant(command.informedAt, 'informedAt');
  if (Date.parse(informedAt) > ms + CLOCK_SKEW_MS)
    throw new InvalidDates('informedAt', 'must not be in the future');
  if (state.detectedAt !== null && Date.parse(informedAt) < Date.parse(state.detectedAt))
    throw new InvalidDates('informedAt', 'must not be before detectedAt');
  return [
    {
      type: 'AuthorityInformed',
      data: {
        declarationId: command.declarationId,
        authority: checkCode(INFORMED_AUTHORITIES, command.authority, 'authority'),
        informedAt,
        reference: command.reference === null ? null : checkText(command.reference, 'reference'),
        recordedBy: command.actor.sub,
        recordedAt: at,
      },
    },
  ];
}

/** A delivery already recorded as delivered is not recorded again: the notifier may retry after a crash. */
const alreadyDelivered = (state: DeclarationState, deliveryId: string): boolean =>
  state.deliveredIds.includes(deliveryId);

const checkAttempts = (attempts: number): number => {
  if (!Number.isInteger(attempts) || attempts < 0)
    throw new Error(`attempts must be a count, got ${attempts}`);
  return attempts;
};

function recordAuthorityNotification(
  command: RecordAuthorityNotification,
  state: DeclarationState,
): RegulatoryEvent[] {
  if (alreadyDelivered(state, command.deliveryId)) return [];
  return [
    {
      type: 'AuthorityNotified',
      data: {
        declarationId: command.declarationId,
        authority: checkCode(AUTHORITIES, command.authority, 'authority'),
        region: command.region === null ? null : checkCode(REGION_CODES, command.region, 'region'),
        outcome: checkCode(DELIVERY_OUTCOMES, command.outcome, 'outcome'),
        attempts: checkAttempts(command.attempts),
        deliveryId: checkText(command.deliveryId, 'deliveryId'),
        at: clockReading(command.now).at,
      },
    },
  ];
}

function recordDeadlineReminder(command: RecordDeadlineReminder, state: DeclarationState): RegulatoryEvent[] {
  if (alreadyDelivered(state, command.deliveryId)) return [];
  return [
    {
      type: 'DeadlineReminderSent',
      data: {
        declarationId: command.declarationId,
        clockId: checkText(command.clockId, 'clockId'),
        regime: checkCode(REGIMES, command.regime, 'regime'),
        stage: checkCode(CLOCK_STAGES, command.stage, 'stage'),
        reminder: checkCode(REMINDER_KINDS, command.reminder, 'reminder'),
        dueAt: normaliseInstant(command.dueAt, 'dueAt'),
        outcome: checkCode(DELIVERY_OUTCOMES, command.outcome, 'outcome'),
        attempts: checkAttempts(command.attempts),
        deliveryId: checkText(command.deliveryId, 'deliveryId'),
        at: clockReading(command.now).at,
      },
    },
  ];
}

/** A mail recorded as sent is not recorded again (`deliveredIds`): the mailer may resend after a crash. */
function recordMail(command: RecordMail, state: DeclarationState): RegulatoryEvent[] {
  if (alreadyDelivered(state, command.mailId)) return [];
  return [
    {
      type: 'MailSent',
      data: {
        declarationId: command.declarationId,
        mailId: checkText(command.mailId, 'mailId'),
        kind: checkCode(MAIL_KINDS, command.kind, 'kind'),
        outcome: checkCode(MAIL_OUTCOMES, command.outcome, 'outcome'),
        attempts: checkAttempts(command.attempts),
        at: clockReading(command.now).at,
      },
    },
  ];
}

/** The regulatory commands on an existing declaration (declaration.decide.ts checked that it exists). */
export function decideRegulatory(command: RegulatoryCommand, state: DeclarationState): RegulatoryEvent[] {
  switch (command.type) {
    case 'AmendRegulatoryStatus':
      return amendRegulatoryStatus(command, state);
    case 'SubmitStagedReport':
      return submitStagedReport(command, state);
    case 'RequestIntermediateReport':
      return requestIntermediateReport(command, state);
    case 'DeclareCnilNotification':
      return declareCnilNotification(command, state);
    case 'RecordAuthorityInformed':
      return recordAuthorityInformed(command, state);
    case 'RecordAuthorityNotification':
      return recordAuthorityNotification(command, state);
    case 'RecordDeadlineReminder':
      return recordDeadlineReminder(command, state);
    case 'RecordMail':
      return recordMail(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown regulatory command ${(unknown as { type: string }).type}`);
    }
  }
}
