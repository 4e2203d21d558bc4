import type {
  DeclarationEvent,
  DeclarationSubmitted,
  Qualification,
} from '../declaration/declaration.events';
import { INTERVENTION_KINDS, type InterventionKind } from '../taxonomy/codes';
import { UNSTATED_TAXONOMY_VERSION } from '../taxonomy/versions';
import { parisDate } from '../time/paris-calendar';
import type { DeclarationFacts } from './declaration-facts';
import { timeToDeclare } from './time-to-declare';

/**
 * Folds one declaration's events into what the yearly report counts. Pure and total: a projection
 * replays it over whatever the log holds, so odd data (an event before the submission, a bad date)
 * leaves the facts as they were instead of throwing.
 */
export function evolveFacts(
  facts: DeclarationFacts | null,
  event: DeclarationEvent,
): DeclarationFacts | null {
  if (event.type === 'DeclarationSubmitted') return facts ?? submittedFacts(event);
  if (facts === null) return null;
  switch (event.type) {
    case 'SuspectedOriginAmended':
      return facts.qualified
        ? { ...facts, suspectedOrigin: event.data.to }
        : { ...facts, suspectedOrigin: event.data.to, origin: event.data.to };
    case 'SuspectedTypeAmended':
      return facts.qualified
        ? { ...facts, suspectedType: event.data.to }
        : { ...facts, suspectedType: event.data.to, incidentType: event.data.to };
    case 'OperationalImpactAmended':
      return { ...facts, operationalImpact: event.data.to };
    case 'PatientEndangermentAmended':
      return { ...facts, patientEndangerment: event.data.to };
    case 'DataImpactsAmended':
      return { ...facts, dataImpacts: distinct(event.data.to) };
    case 'DeclarationQualified':
      return qualified(facts, event.data, event.data.taxonomyVersion);
    case 'DeclarationRequalified':
      return qualified(facts, event.data.to, event.data.taxonomyVersion);
    case 'SupportRequested':
      return { ...facts, supportRequested: true };
    case 'SupportInterventionLogged':
      return withIntervention(facts, event.data.kind);
    case 'DegradedModeStartAmended':
      return { ...facts, degradedModeStartedAt: event.data.to };
    case 'DegradedModeEndAmended':
      return { ...facts, degradedModeEndedAt: event.data.to };
    case 'DescriptionAmended':
    case 'MeasuresTakenAmended':
    case 'ComplementRequested':
    case 'ComplementProvided':
    case 'ResolutionReported':
    case 'DeclarationClosed':
    case 'DeclarationReopened':
    // The regulatory follow-up (NIS2 status, OSE flag, staged reports, notifications) is not a table of the report.
    case 'StructureNis2StatusAmended':
    case 'StructureOseFlagAmended':
    case 'StagedReportSubmitted':
    case 'IntermediateReportRequested':
    case 'CnilNotificationDeclared':
    case 'AuthorityNotified':
    case 'AuthorityInformed':
    case 'DeadlineReminderSent':
    case 'MailSent':
    // The form's later answers and the exchanges are not counted by the report (docs/declarant-portal.md).
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
      // An event type this code does not know yet (a newer writer): it changes nothing counted.
      const _unknown: never = event;
      return facts;
    }
  }
}

function submittedFacts(event: DeclarationSubmitted): DeclarationFacts | null {
  const data = event.data;
  if (Number.isNaN(Date.parse(data.submittedAt)) || !data.structure) return null;
  const { year, month } = parisDate(data.submittedAt);
  return {
    declarationId: data.declarationId,
    submittedAt: data.submittedAt,
    year,
    month: String(month).padStart(2, '0'),
    finess: data.structure.finess,
    structureType: data.structure.type,
    region: data.structure.region,
    qualified: false,
    inScope: true,
    origin: data.suspectedOrigin,
    incidentType: data.suspectedType ?? null,
    suspectedOrigin: data.suspectedOrigin,
    suspectedType: data.suspectedType ?? null,
    operationalImpact: data.operationalImpact,
    patientEndangerment: data.patientEndangerment,
    dataImpacts: distinct(data.dataImpacts ?? []),
    supportRequested: data.supportRequested === true,
    interventions: noInterventions(),
    timeToDeclare: timeToDeclare(data.detectedAt, data.submittedAt),
    taxonomyVersion: data.taxonomyVersion ?? UNSTATED_TAXONOMY_VERSION,
  };
}

function qualified(
  facts: DeclarationFacts,
  qualification: Qualification | undefined,
  version: string | undefined,
): DeclarationFacts {
  if (!qualification) return facts;
  return {
    ...facts,
    // Counted under the version its codes were chosen in: the qualification's.
    taxonomyVersion: version ?? UNSTATED_TAXONOMY_VERSION,
    qualified: true,
    origin: qualification.origin,
    incidentType: qualification.type ?? null,
    inScope: qualification.inScope !== false,
  };
}

function withIntervention(facts: DeclarationFacts, kind: InterventionKind): DeclarationFacts {
  if (!INTERVENTION_KINDS.includes(kind)) return facts;
  return {
    ...facts,
    interventions: { ...facts.interventions, [kind]: (facts.interventions[kind] ?? 0) + 1 },
  };
}

function noInterventions(): Record<InterventionKind, number> {
  return Object.fromEntries(INTERVENTION_KINDS.map((kind) => [kind, 0])) as Record<InterventionKind, number>;
}

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Folds a declaration's whole history; `null` when it holds no submission. */
export const factsOf = (events: Iterable<DeclarationEvent>): DeclarationFacts | null => {
  let facts: DeclarationFacts | null = null;
  for (const event of events) facts = evolveFacts(facts, event);
  return facts;
};
