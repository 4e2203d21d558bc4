import type {
  DeclarationEvent,
  DeclarationSubmitted,
  Instant,
  ReportStage,
} from '../declaration/declaration.events';
import type { DataImpact, Nis2Status, RegionCode, StructureType } from '../taxonomy/codes';

/**
 * What the regulatory clocks of one declaration depend on. Pure and total, like the statistics
 * facts: a projection replays it over whatever the log holds, so odd data never throws, and an
 * event that changes nothing returns the same object.
 */
export interface RegulatoryFacts {
  declarationId: string;
  finess: string;
  structureName: string;
  region: RegionCode;
  structureType: StructureType;
  nis2: Nis2Status;
  isOse: boolean;
  detectedAt: Instant;
  submittedAt: Instant;
  dataImpacts: DataImpact[];
  /** The latest CERT qualification's scope; true until qualified. */
  inScope: boolean;
  closed: boolean;
  reports: { reportId: string; stage: ReportStage; requestId: string | null; submittedAt: Instant }[];
  intermediateRequests: { requestId: string; dueAt: Instant; requestedAt: Instant }[];
  /** When the facility says it notified the CNIL; null until it declares it. */
  cnilNotifiedAt: Instant | null;
}

function submittedFacts(event: DeclarationSubmitted): RegulatoryFacts | null {
  const data = event.data;
  if (!data.structure || typeof data.detectedAt !== 'string' || typeof data.submittedAt !== 'string')
    return null;
  return {
    declarationId: data.declarationId,
    finess: data.structure.finess,
    structureName: data.structure.name,
    region: data.structure.region,
    structureType: data.structure.type,
    nis2: data.structure.nis2 ?? 'NONE',
    isOse: data.structure.isOse === true,
    detectedAt: data.detectedAt,
    submittedAt: data.submittedAt,
    dataImpacts: Array.isArray(data.dataImpacts) ? data.dataImpacts : [],
    inScope: true,
    closed: false,
    reports: [],
    intermediateRequests: [],
    cnilNotifiedAt: null,
  };
}

const changed = <Key extends keyof RegulatoryFacts>(
  facts: RegulatoryFacts,
  key: Key,
  value: RegulatoryFacts[Key],
): RegulatoryFacts => (facts[key] === value ? facts : { ...facts, [key]: value });

export function evolveRegulatoryFacts(
  facts: RegulatoryFacts | null,
  event: DeclarationEvent,
): RegulatoryFacts | null {
  if (event.type === 'DeclarationSubmitted') return facts ?? submittedFacts(event);
  if (facts === null) return null;
  switch (event.type) {
    case 'DataImpactsAmended':
      return Array.isArray(event.data.to) ? { ...facts, dataImpacts: event.data.to } : facts;
    case 'DeclarationQualified':
      return changed(facts, 'inScope', event.data.inScope !== false);
    case 'DeclarationRequalified':
      return changed(facts, 'inScope', event.data.to?.inScope !== false);
    case 'DeclarationClosed':
      return changed(facts, 'closed', true);
    case 'DeclarationReopened':
      return changed(facts, 'closed', false);
    case 'StructureNis2StatusAmended':
      return changed(facts, 'nis2', event.data.to);
    case 'StructureOseFlagAmended':
      return changed(facts, 'isOse', event.data.to === true);
    case 'StagedReportSubmitted': {
      const { reportId, stage, requestId, submittedAt } = event.data;
      if (facts.reports.some((report) => report.reportId === reportId)) return facts;
      return {
        ...facts,
        reports: [...facts.reports, { reportId, stage, requestId: requestId ?? null, submittedAt }],
      };
    }
    case 'IntermediateReportRequested': {
      const { requestId, dueAt, requestedAt } = event.data;
      if (facts.intermediateRequests.some((request) => request.requestId === requestId)) return facts;
      return {
        ...facts,
        intermediateRequests: [...facts.intermediateRequests, { requestId, dueAt, requestedAt }],
      };
    }
    case 'CnilNotificationDeclared':
      return facts.cnilNotifiedAt === null ? { ...facts, cnilNotifiedAt: event.data.notifiedAt } : facts;
    case 'DescriptionAmended':
    case 'OperationalImpactAmended':
    case 'PatientEndangermentAmended':
    case 'MeasuresTakenAmended':
    case 'SuspectedOriginAmended':
    case 'SuspectedTypeAmended':
    case 'DegradedModeStartAmended':
    case 'DegradedModeEndAmended':
    case 'ComplementRequested':
    case 'ComplementProvided':
    case 'SupportRequested':
    case 'SupportInterventionLogged':
    case 'ResolutionReported':
    case 'AuthorityNotified':
    // The CERT telling an authority meets none of the facility's clocks.
    case 'AuthorityInformed':
    case 'DeadlineReminderSent':
    case 'MailSent':
    case 'SystemsConcernedAmended':
    case 'SystemsDetailAmended':
    case 'HandlingStateAmended':
    case 'PersonsAffectedAmended':
    case 'SupplierInvolvedAmended':
    case 'SupplierNameAmended':
    case 'OtherNotificationsAmended':
    case 'MessagePosted':
    case 'DeclarationAssigned':
    case 'InternalNotePosted':
      return facts;
    default: {
      // An event type this code does not know yet (a newer writer): no clock depends on it.
      const _unknown: never = event;
      return facts;
    }
  }
}

export const regulatoryFactsOf = (events: readonly DeclarationEvent[]): RegulatoryFacts | null =>
  events.reduce<RegulatoryFacts | null>(evolveRegulatoryFacts, null);
