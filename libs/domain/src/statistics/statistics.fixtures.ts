import { unstatedFormFields } from '../declaration/declaration-form';
import type {
  DeclarationAmendment,
  DeclarationQualified,
  DeclarationRequalified,
  DeclarationSubmitted,
  Qualification,
  SupportInterventionLogged,
  SupportRequested,
} from '../declaration/declaration.events';
import type { InterventionKind } from '../taxonomy/codes';

/** Event builders for the statistics and report specs: sensible defaults, override what the rule is about. */
type SubmittedData = DeclarationSubmitted['data'];

export function submitted(overrides: Partial<SubmittedData> = {}): DeclarationSubmitted {
  return {
    type: 'DeclarationSubmitted',
    data: {
      declarationId: 'd-1',
      structure: {
        finess: '750712184',
        name: 'Centre hospitalier',
        type: 'ES',
        region: '11',
        isOse: false,
        nis2: 'NONE',
      },
      declarant: { name: 'Declarant', role: 'RSSI', email: 'rssi@example.org', phone: null },
      occurredAt: '2020-03-02T07:40:00.000Z',
      detectedAt: '2020-03-02T08:05:00.000Z',
      description: 'Postes chiffrés',
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'RANSOMWARE',
      operationalImpact: 'DEGRADED',
      patientEndangerment: 'NONE',
      dataImpacts: ['AVAILABILITY'],
      supportRequested: false,
      measuresTaken: null,
      ...unstatedFormFields(),
      reference: null,
      submittedBy: 'declarant-1',
      submittedAt: '2020-03-02T09:00:00.000Z',
      ...overrides,
    },
  };
}

export const qualification = (overrides: Partial<Qualification> = {}): Qualification => ({
  origin: 'MALICIOUS',
  type: 'RANSOMWARE',
  attackVectors: [],
  regulatoryQualification: 'GRAVE',
  inScope: true,
  outOfScopeReason: null,
  ...overrides,
});

export const qualified = (
  declarationId: string,
  overrides: Partial<Qualification> = {},
): DeclarationQualified => ({
  type: 'DeclarationQualified',
  data: {
    declarationId,
    ...qualification(overrides),
    qualifiedBy: 'analyst-1',
    qualifiedAt: '2020-03-03T09:00:00.000Z',
  },
});

export const requalified = (
  declarationId: string,
  from: Qualification,
  to: Qualification,
): DeclarationRequalified => ({
  type: 'DeclarationRequalified',
  data: { declarationId, from, to, requalifiedBy: 'analyst-1', requalifiedAt: '2020-03-04T09:00:00.000Z' },
});

export const supportRequested = (declarationId: string): SupportRequested => ({
  type: 'SupportRequested',
  data: {
    declarationId,
    reason: 'Besoin d’aide',
    requestedBy: 'declarant-1',
    requestedAt: '2020-03-02T10:00:00.000Z',
  },
});

export const interventionLogged = (
  declarationId: string,
  kind: InterventionKind,
  interventionId: string = kind,
): SupportInterventionLogged => ({
  type: 'SupportInterventionLogged',
  data: {
    declarationId,
    interventionId,
    kind,
    summary: 'Appui',
    loggedBy: 'analyst-1',
    loggedAt: '2020-03-02T11:00:00.000Z',
  },
});

type AmendmentOf<Type extends DeclarationAmendment['type']> = Extract<DeclarationAmendment, { type: Type }>;

/** An amendment event of any kind: `amended('OperationalImpactAmended', 'd-1', 'DEGRADED', 'NONE')`. */
export function amended<Type extends DeclarationAmendment['type']>(
  type: Type,
  declarationId: string,
  from: AmendmentOf<Type>['data']['from'],
  to: AmendmentOf<Type>['data']['to'],
): AmendmentOf<Type> {
  return {
    type,
    data: { declarationId, from, to, amendedBy: 'declarant-1', amendedAt: '2020-03-05T09:00:00.000Z' },
  } as AmendmentOf<Type>;
}
