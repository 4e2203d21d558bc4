import type { components } from '../../api/schema';
import { CODES } from '../declare/declare-form';

type Qualify = components['schemas']['QualifyDeclarationDto'];
export type QualifiedOrigin = Qualify['origin'];
export type IncidentType = Qualify['type'];
export type AttackVector = NonNullable<Qualify['attackVectors']>[number];
export type InterventionKind = components['schemas']['LogSupportInterventionDto']['kind'];

/** The typology of DOMAIN.md (libs/domain/src/taxonomy/codes.ts), in the order the report shows it. */
export const TYPES_BY_ORIGIN: Record<QualifiedOrigin, readonly IncidentType[]> = {
  MALICIOUS: [
    'IS_COMPROMISE',
    'RANSOMWARE',
    'MALICIOUS_EMAIL',
    'DATA_LEAK',
    'EQUIPMENT_THEFT',
    'DDOS',
    'DEFACEMENT',
    'ACCOUNT_COMPROMISE',
    'OTHER_MALICIOUS',
  ],
  NON_MALICIOUS: ['INFRA_FAILURE', 'TELECOM_LOSS', 'SUPPLIER_INCIDENT', 'APP_MALFUNCTION', 'OTHER'],
};
export const QUALIFIED_ORIGINS: readonly QualifiedOrigin[] = ['MALICIOUS', 'NON_MALICIOUS'];
export const SUSPECTED_ORIGINS = CODES.suspectedOrigin;
export const INCIDENT_TYPES: readonly IncidentType[] = [
  ...TYPES_BY_ORIGIN.MALICIOUS,
  ...TYPES_BY_ORIGIN.NON_MALICIOUS,
];
export const ATTACK_VECTORS: readonly AttackVector[] = [
  'PHISHING',
  'ACCOUNT_COMPROMISE',
  'VULNERABILITY_EXPLOITATION',
  'TROJAN',
  'INFOSTEALER',
  'SUPPLIER_COMPROMISE',
  'REMOVABLE_MEDIA',
  'OTHER',
];
export const REGULATORY_QUALIFICATIONS: readonly Qualify['regulatoryQualification'][] = [
  'GRAVE',
  'SIGNIFICATIF',
];
export const INTERVENTION_KINDS: readonly InterventionKind[] = [
  'REMOTE_ADVICE',
  'TECH_INTERVENTION',
  'ANSSI_FSSI',
];
// The lists the declaration form already holds (declare-form.ts), the same for the queue's filters.
export const STRUCTURE_TYPES = CODES.structureType;
export const PATIENT_ENDANGERMENTS = CODES.patientEndangerment;
export const REGION_CODES = CODES.region;
