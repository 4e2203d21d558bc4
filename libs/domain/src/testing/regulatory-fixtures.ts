import type {
  Actor,
  AmendRegulatoryStatus,
  DeclareCnilNotification,
  RecordAuthorityNotification,
  RecordDeadlineReminder,
  RequestIntermediateReport,
  SubmitStagedReport,
} from '../declaration/declaration.commands';
import type {
  AuthorityNotified,
  CnilNotificationDeclared,
  DeadlineReminderSent,
  Instant,
  IntermediateReportRequested,
  ReportStage,
  StagedReportSubmitted,
  StructureNis2StatusAmended,
  StructureOseFlagAmended,
} from '../declaration/declaration.events';
import { TAXONOMY_VERSION, type Nis2Status } from '../taxonomy/codes';
import { ANALYST, DECLARANT, DECLARATION_ID, LATER, declarationSubmitted } from './fixtures';

/**
 * Builders for the regulatory specs, in the style of fixtures.ts: each command's default, decided
 * on a NIS2 declaration, gives exactly the matching event's default.
 */

export const REPORT_ID = 'report-1';
export const INTERMEDIATE_REQUEST_ID = 'intermediate-1';
export const INTERMEDIATE_DUE_AT: Instant = '2026-03-10T17:00:00.000Z';
export const DELIVERY_ID = 'delivery-1';
export const NOTIFIER: Actor = { sub: 'system:notifier', role: 'admin' };

type CommandOverrides<Command> = Partial<Omit<Command, 'type'>>;
const on = (actor: Actor, now: Instant = LATER) => ({ declarationId: DECLARATION_ID, actor, now });

/** A declaration of an essential entity under NIS2. */
export const nis2Submitted = (nis2: Nis2Status = 'ESSENTIAL') =>
  declarationSubmitted({
    structure: {
      finess: '750712184',
      name: 'Centre hospitalier X',
      type: 'ES',
      region: '11',
      isOse: false,
      nis2,
    },
  });

/** A declaration of an operator of essential services (NIS1) that gave no NIS2 status. */
export const oseSubmitted = declarationSubmitted({
  structure: {
    finess: '750712184',
    name: 'Centre hospitalier X',
    type: 'ES',
    region: '11',
    isOse: true,
    nis2: 'NONE',
  },
});

export const submitStagedReport = (
  stage: ReportStage = 'NOTIFICATION',
  overrides: CommandOverrides<SubmitStagedReport> = {},
): SubmitStagedReport => ({
  type: 'SubmitStagedReport',
  ...on(DECLARANT),
  reportId: REPORT_ID,
  stage,
  content: `Rapport ${stage}`,
  ...overrides,
});

export const stagedReportSubmitted = (
  stage: ReportStage = 'NOTIFICATION',
  overrides: Partial<StagedReportSubmitted['data']> = {},
): StagedReportSubmitted => ({
  type: 'StagedReportSubmitted',
  data: {
    declarationId: DECLARATION_ID,
    reportId: REPORT_ID,
    stage,
    content: `Rapport ${stage}`,
    requestId: null,
    submittedBy: DECLARANT.sub,
    submittedAt: LATER,
    ...overrides,
  },
});

export const requestIntermediateReport = (
  overrides: CommandOverrides<RequestIntermediateReport> = {},
): RequestIntermediateReport => ({
  type: 'RequestIntermediateReport',
  ...on(ANALYST),
  requestId: INTERMEDIATE_REQUEST_ID,
  dueAt: INTERMEDIATE_DUE_AT,
  reason: 'Point de situation sur la restauration',
  ...overrides,
});

export const intermediateReportRequested = (
  overrides: Partial<IntermediateReportRequested['data']> = {},
): IntermediateReportRequested => ({
  type: 'IntermediateReportRequested',
  data: {
    declarationId: DECLARATION_ID,
    requestId: INTERMEDIATE_REQUEST_ID,
    dueAt: INTERMEDIATE_DUE_AT,
    reason: 'Point de situation sur la restauration',
    requestedBy: ANALYST.sub,
    requestedAt: LATER,
    ...overrides,
  },
});

export const declareCnilNotification = (
  overrides: CommandOverrides<DeclareCnilNotification> = {},
): DeclareCnilNotification => ({
  type: 'DeclareCnilNotification',
  ...on(DECLARANT),
  notifiedAt: '2026-03-03T09:30:00+01:00',
  reference: 'CNIL-2026-000123',
  ...overrides,
});

export const cnilNotificationDeclared = (
  overrides: Partial<CnilNotificationDeclared['data']> = {},
): CnilNotificationDeclared => ({
  type: 'CnilNotificationDeclared',
  data: {
    declarationId: DECLARATION_ID,
    notifiedAt: '2026-03-03T08:30:00.000Z',
    reference: 'CNIL-2026-000123',
    declaredBy: DECLARANT.sub,
    declaredAt: LATER,
    ...overrides,
  },
});

export const amendRegulatoryStatus = (
  changes: AmendRegulatoryStatus['changes'],
  overrides: CommandOverrides<AmendRegulatoryStatus> = {},
): AmendRegulatoryStatus => ({ type: 'AmendRegulatoryStatus', ...on(ANALYST), changes, ...overrides });

export const nis2StatusAmended = (from: Nis2Status, to: Nis2Status): StructureNis2StatusAmended => ({
  type: 'StructureNis2StatusAmended',
  data: {
    declarationId: DECLARATION_ID,
    from,
    to,
    amendedBy: ANALYST.sub,
    amendedAt: LATER,
    taxonomyVersion: TAXONOMY_VERSION,
  },
});

export const oseFlagAmended = (from: boolean, to: boolean): StructureOseFlagAmended => ({
  type: 'StructureOseFlagAmended',
  data: { declarationId: DECLARATION_ID, from, to, amendedBy: ANALYST.sub, amendedAt: LATER },
});

export const recordAuthorityNotification = (
  overrides: CommandOverrides<RecordAuthorityNotification> = {},
): RecordAuthorityNotification => ({
  type: 'RecordAuthorityNotification',
  ...on(NOTIFIER),
  authority: 'ARS',
  region: '11',
  outcome: 'delivered',
  attempts: 1,
  deliveryId: DELIVERY_ID,
  ...overrides,
});

export const authorityNotified = (overrides: Partial<AuthorityNotified['data']> = {}): AuthorityNotified => ({
  type: 'AuthorityNotified',
  data: {
    declarationId: DECLARATION_ID,
    authority: 'ARS',
    region: '11',
    outcome: 'delivered',
    attempts: 1,
    deliveryId: DELIVERY_ID,
    at: LATER,
    ...overrides,
  },
});

export const recordDeadlineReminder = (
  overrides: CommandOverrides<RecordDeadlineReminder> = {},
): RecordDeadlineReminder => ({
  type: 'RecordDeadlineReminder',
  ...on(NOTIFIER),
  clockId: 'NIS2/NOTIFICATION',
  regime: 'NIS2',
  stage: 'NOTIFICATION',
  reminder: 'due-soon',
  dueAt: '2026-03-05T07:05:00.000Z',
  outcome: 'delivered',
  attempts: 1,
  deliveryId: DELIVERY_ID,
  ...overrides,
});

export const deadlineReminderSent = (
  overrides: Partial<DeadlineReminderSent['data']> = {},
): DeadlineReminderSent => ({
  type: 'DeadlineReminderSent',
  data: {
    declarationId: DECLARATION_ID,
    clockId: 'NIS2/NOTIFICATION',
    regime: 'NIS2',
    stage: 'NOTIFICATION',
    reminder: 'due-soon',
    dueAt: '2026-03-05T07:05:00.000Z',
    outcome: 'delivered',
    attempts: 1,
    deliveryId: DELIVERY_ID,
    at: LATER,
    ...overrides,
  },
});
