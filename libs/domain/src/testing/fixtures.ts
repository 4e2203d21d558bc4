import { isTaxonomyCoded } from '../declaration/declaration.events';
import { TAXONOMY_VERSION } from '../taxonomy/codes';
import { unstatedFormFields } from '../declaration/declaration-form';
import type {
  Actor,
  AmendDeclaration,
  CloseDeclaration,
  LogSupportIntervention,
  ProvideComplement,
  QualifyDeclaration,
  ReopenDeclaration,
  ReportResolution,
  RequestComplement,
  RequestSupport,
  SubmitDeclaration,
} from '../declaration/declaration.commands';
import type {
  ComplementProvided,
  ComplementRequested,
  DeclarationAmendment,
  DeclarationClosed,
  DeclarationQualified,
  DeclarationReopened,
  DeclarationRequalified,
  DeclarationSubmitted,
  Instant,
  Qualification,
  ResolutionReported,
  SupportInterventionLogged,
  SupportRequested,
} from '../declaration/declaration.events';

/**
 * Builders for the declaration specs. Each command's default, decided on the default history,
 * gives exactly the matching event's default: a spec overrides only what its rule is about.
 */

export const DECLARATION_ID = '6f1c0b9e-3d5a-4e7b-9c2d-8a4f1e6b7c30';
export const DECLARANT: Actor = { sub: 'declarant-1', role: 'declarant' };
export const ANALYST: Actor = { sub: 'analyst-1', role: 'analyst' };

/** The declaration is submitted at SUBMITTED_AT; every later command runs at LATER. */
export const SUBMITTED_AT: Instant = '2026-03-02T08:30:00.000Z';
export const LATER: Instant = '2026-03-03T09:00:00.000Z';
/** As the client sends them (Paris, UTC+1 in March) and as the events store them. */
export const OCCURRED_AT_SENT = '2026-03-02T07:40:00+01:00';
export const OCCURRED_AT: Instant = '2026-03-02T06:40:00.000Z';
export const DETECTED_AT_SENT = '2026-03-02T08:05:00+01:00';
export const DETECTED_AT: Instant = '2026-03-02T07:05:00.000Z';
export const REQUEST_ID = 'complement-1';
export const REFERENCE = '2026-000001';
export const INTERVENTION_ID = 'intervention-1';

type CommandOverrides<Command> = Partial<Omit<Command, 'type'>>;
const on = (actor: Actor, now: Instant = LATER) => ({ declarationId: DECLARATION_ID, actor, now });

export const submitDeclaration = (
  overrides: CommandOverrides<SubmitDeclaration> = {},
): SubmitDeclaration => ({
  type: 'SubmitDeclaration',
  ...on(DECLARANT, SUBMITTED_AT),
  structure: {
    finess: '750712184',
    name: 'Centre hospitalier X',
    type: 'ES',
    region: '11',
    isOse: false,
    nis2: 'NONE',
  },
  declarant: { name: 'Camille Martin', role: 'RSSI', email: 'rssi@ch-x.example', phone: '+33 1 00 00 00 00' },
  occurredAt: OCCURRED_AT_SENT,
  detectedAt: DETECTED_AT_SENT,
  description: 'Postes chiffrés aux urgences',
  suspectedOrigin: 'MALICIOUS',
  suspectedType: 'RANSOMWARE',
  operationalImpact: 'DEGRADED',
  patientEndangerment: 'POTENTIAL',
  dataImpacts: ['AVAILABILITY'],
  supportRequested: true,
  measuresTaken: 'Réseau isolé',
  reference: REFERENCE,
  ...overrides,
});

export const declarationSubmitted = (
  overrides: Partial<DeclarationSubmitted['data']> = {},
): DeclarationSubmitted => ({
  type: 'DeclarationSubmitted',
  data: {
    declarationId: DECLARATION_ID,
    structure: {
      finess: '750712184',
      name: 'Centre hospitalier X',
      type: 'ES',
      region: '11',
      isOse: false,
      nis2: 'NONE',
    },
    declarant: {
      name: 'Camille Martin',
      role: 'RSSI',
      email: 'rssi@ch-x.example',
      phone: '+33 1 00 00 00 00',
    },
    occurredAt: OCCURRED_AT,
    detectedAt: DETECTED_AT,
    description: 'Postes chiffrés aux urgences',
    suspectedOrigin: 'MALICIOUS',
    suspectedType: 'RANSOMWARE',
    operationalImpact: 'DEGRADED',
    patientEndangerment: 'POTENTIAL',
    dataImpacts: ['AVAILABILITY'],
    supportRequested: true,
    measuresTaken: 'Réseau isolé',
    ...unstatedFormFields(),
    reference: REFERENCE,
    submittedBy: DECLARANT.sub,
    submittedAt: SUBMITTED_AT,
    taxonomyVersion: TAXONOMY_VERSION,
    ...overrides,
  },
});

export const amendDeclaration = (
  changes: AmendDeclaration['changes'],
  overrides: CommandOverrides<AmendDeclaration> = {},
): AmendDeclaration => ({ type: 'AmendDeclaration', ...on(DECLARANT), changes, ...overrides });

type AmendmentOf<Type extends DeclarationAmendment['type']> = Extract<DeclarationAmendment, { type: Type }>;

/** Any of the nine amendment events: `amended('DescriptionAmended', 'before', 'after')`. */
export const amended = <Type extends DeclarationAmendment['type']>(
  type: Type,
  from: AmendmentOf<Type>['data']['from'],
  to: AmendmentOf<Type>['data']['to'],
  by: Actor = DECLARANT,
): AmendmentOf<Type> =>
  ({
    type,
    data: {
      declarationId: DECLARATION_ID,
      from,
      to,
      amendedBy: by.sub,
      amendedAt: LATER,
      ...(isTaxonomyCoded(type) ? { taxonomyVersion: TAXONOMY_VERSION } : {}),
    },
  }) as AmendmentOf<Type>;

export const requestComplement = (
  overrides: CommandOverrides<RequestComplement> = {},
): RequestComplement => ({
  type: 'RequestComplement',
  ...on(ANALYST),
  requestId: REQUEST_ID,
  question: 'Quels serveurs sont touchés ?',
  ...overrides,
});

export const complementRequested = (
  overrides: Partial<ComplementRequested['data']> = {},
): ComplementRequested => ({
  type: 'ComplementRequested',
  data: {
    declarationId: DECLARATION_ID,
    requestId: REQUEST_ID,
    question: 'Quels serveurs sont touchés ?',
    requestedBy: ANALYST.sub,
    requestedAt: LATER,
    ...overrides,
  },
});

export const provideComplement = (
  overrides: CommandOverrides<ProvideComplement> = {},
): ProvideComplement => ({
  type: 'ProvideComplement',
  ...on(DECLARANT),
  answer: 'Le serveur de PACS et deux postes',
  ...overrides,
});

export const complementProvided = (
  overrides: Partial<ComplementProvided['data']> = {},
): ComplementProvided => ({
  type: 'ComplementProvided',
  data: {
    declarationId: DECLARATION_ID,
    requestId: REQUEST_ID,
    answer: 'Le serveur de PACS et deux postes',
    providedBy: DECLARANT.sub,
    providedAt: LATER,
    ...overrides,
  },
});

export const qualification = (overrides: Partial<Qualification> = {}): Qualification => ({
  origin: 'MALICIOUS',
  type: 'RANSOMWARE',
  attackVectors: ['PHISHING'],
  regulatoryQualification: 'GRAVE',
  inScope: true,
  outOfScopeReason: null,
  ...overrides,
});

export const qualifyDeclaration = (
  overrides: CommandOverrides<QualifyDeclaration> = {},
): QualifyDeclaration => ({
  type: 'QualifyDeclaration',
  ...on(ANALYST),
  origin: 'MALICIOUS',
  incidentType: 'RANSOMWARE',
  attackVectors: ['PHISHING'],
  regulatoryQualification: 'GRAVE',
  inScope: true,
  outOfScopeReason: null,
  ...overrides,
});

export const declarationQualified = (overrides: Partial<Qualification> = {}): DeclarationQualified => ({
  type: 'DeclarationQualified',
  data: {
    declarationId: DECLARATION_ID,
    ...qualification(overrides),
    qualifiedBy: ANALYST.sub,
    qualifiedAt: LATER,
    taxonomyVersion: TAXONOMY_VERSION,
  },
});

export const declarationRequalified = (from: Qualification, to: Qualification): DeclarationRequalified => ({
  type: 'DeclarationRequalified',
  data: {
    declarationId: DECLARATION_ID,
    from,
    to,
    requalifiedBy: ANALYST.sub,
    requalifiedAt: LATER,
    taxonomyVersion: TAXONOMY_VERSION,
  },
});

export const requestSupport = (overrides: CommandOverrides<RequestSupport> = {}): RequestSupport => ({
  type: 'RequestSupport',
  ...on(DECLARANT),
  reason: 'Besoin d’aide pour la remédiation',
  ...overrides,
});

export const supportRequested = (overrides: Partial<SupportRequested['data']> = {}): SupportRequested => ({
  type: 'SupportRequested',
  data: {
    declarationId: DECLARATION_ID,
    reason: 'Besoin d’aide pour la remédiation',
    requestedBy: DECLARANT.sub,
    requestedAt: LATER,
    ...overrides,
  },
});

export const logSupportIntervention = (
  overrides: CommandOverrides<LogSupportIntervention> = {},
): LogSupportIntervention => ({
  type: 'LogSupportIntervention',
  ...on(ANALYST),
  interventionId: INTERVENTION_ID,
  kind: 'TECH_INTERVENTION',
  summary: 'Analyse des journaux du pare-feu',
  ...overrides,
});

export const supportInterventionLogged = (
  overrides: Partial<SupportInterventionLogged['data']> = {},
): SupportInterventionLogged => ({
  type: 'SupportInterventionLogged',
  data: {
    declarationId: DECLARATION_ID,
    interventionId: INTERVENTION_ID,
    kind: 'TECH_INTERVENTION',
    summary: 'Analyse des journaux du pare-feu',
    loggedBy: ANALYST.sub,
    loggedAt: LATER,
    taxonomyVersion: TAXONOMY_VERSION,
    ...overrides,
  },
});

export const reportResolution = (overrides: CommandOverrides<ReportResolution> = {}): ReportResolution => ({
  type: 'ReportResolution',
  ...on(DECLARANT),
  resolvedAt: '2026-03-03T08:00:00+01:00',
  summary: 'Systèmes restaurés depuis les sauvegardes',
  ...overrides,
});

export const resolutionReported = (
  overrides: Partial<ResolutionReported['data']> = {},
): ResolutionReported => ({
  type: 'ResolutionReported',
  data: {
    declarationId: DECLARATION_ID,
    resolvedAt: '2026-03-03T07:00:00.000Z',
    summary: 'Systèmes restaurés depuis les sauvegardes',
    reportedBy: DECLARANT.sub,
    reportedAt: LATER,
    ...overrides,
  },
});

export const closeDeclaration = (overrides: CommandOverrides<CloseDeclaration> = {}): CloseDeclaration => ({
  type: 'CloseDeclaration',
  ...on(ANALYST),
  reason: 'Incident traité',
  ...overrides,
});

export const declarationClosed = (overrides: Partial<DeclarationClosed['data']> = {}): DeclarationClosed => ({
  type: 'DeclarationClosed',
  data: {
    declarationId: DECLARATION_ID,
    reason: 'Incident traité',
    closedBy: ANALYST.sub,
    closedAt: LATER,
    ...overrides,
  },
});

export const reopenDeclaration = (
  overrides: CommandOverrides<ReopenDeclaration> = {},
): ReopenDeclaration => ({
  type: 'ReopenDeclaration',
  ...on(ANALYST),
  reason: 'Nouvelle activité suspecte',
  ...overrides,
});

export const declarationReopened = (
  overrides: Partial<DeclarationReopened['data']> = {},
): DeclarationReopened => ({
  type: 'DeclarationReopened',
  data: {
    declarationId: DECLARATION_ID,
    reason: 'Nouvelle activité suspecte',
    reopenedBy: ANALYST.sub,
    reopenedAt: LATER,
    ...overrides,
  },
});
