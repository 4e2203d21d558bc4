/**
 * The codes of DOMAIN.md §1 and §4.2. Codes are stored in events and keyed in the report:
 * never rename one; add a new code and bump TAXONOMY_VERSION.
 */
export const TAXONOMY_VERSION = '2026.1';

export const STRUCTURE_TYPES = ['ES', 'HIA', 'LBM', 'RT', 'ESMS', 'PDS', 'HORS'] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export const NIS2_STATUSES = ['ESSENTIAL', 'IMPORTANT', 'NONE'] as const;
export type Nis2Status = (typeof NIS2_STATUSES)[number];

export const SUSPECTED_ORIGINS = ['MALICIOUS', 'NON_MALICIOUS', 'UNKNOWN'] as const;
export type SuspectedOrigin = (typeof SUSPECTED_ORIGINS)[number];

export const QUALIFIED_ORIGINS = ['MALICIOUS', 'NON_MALICIOUS'] as const;
export type QualifiedOrigin = (typeof QUALIFIED_ORIGINS)[number];

export const MALICIOUS_TYPES = [
  'IS_COMPROMISE',
  'RANSOMWARE',
  'MALICIOUS_EMAIL',
  'DATA_LEAK',
  'EQUIPMENT_THEFT',
  'DDOS',
  'DEFACEMENT',
  'ACCOUNT_COMPROMISE',
  'OTHER_MALICIOUS',
] as const;
export type MaliciousType = (typeof MALICIOUS_TYPES)[number];

export const NON_MALICIOUS_TYPES = [
  'INFRA_FAILURE',
  'TELECOM_LOSS',
  'SUPPLIER_INCIDENT',
  'APP_MALFUNCTION',
  'OTHER',
] as const;
export type NonMaliciousType = (typeof NON_MALICIOUS_TYPES)[number];

export type IncidentType = MaliciousType | NonMaliciousType;
export const INCIDENT_TYPES: readonly IncidentType[] = [...MALICIOUS_TYPES, ...NON_MALICIOUS_TYPES];

export const ATTACK_VECTORS = [
  'PHISHING',
  'ACCOUNT_COMPROMISE',
  'VULNERABILITY_EXPLOITATION',
  'TROJAN',
  'INFOSTEALER',
  'SUPPLIER_COMPROMISE',
  'REMOVABLE_MEDIA',
  'OTHER',
] as const;
export type AttackVector = (typeof ATTACK_VECTORS)[number];

export const OPERATIONAL_IMPACTS = ['NONE', 'DEGRADED', 'INTERRUPTION'] as const;
export type OperationalImpact = (typeof OPERATIONAL_IMPACTS)[number];

export const PATIENT_ENDANGERMENTS = ['NONE', 'POTENTIAL', 'ACTUAL'] as const;
export type PatientEndangerment = (typeof PATIENT_ENDANGERMENTS)[number];

export const DATA_IMPACTS = ['AVAILABILITY', 'INTEGRITY', 'CONFIDENTIALITY'] as const;
export type DataImpact = (typeof DATA_IMPACTS)[number];

export const REGULATORY_QUALIFICATIONS = ['GRAVE', 'SIGNIFICATIF'] as const;
export type RegulatoryQualification = (typeof REGULATORY_QUALIFICATIONS)[number];

export const INTERVENTION_KINDS = ['REMOTE_ADVICE', 'TECH_INTERVENTION', 'ANSSI_FSSI'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const REGION_CODES = [
  '01',
  '02',
  '03',
  '04',
  '06',
  '11',
  '24',
  '27',
  '28',
  '32',
  '44',
  '52',
  '53',
  '75',
  '76',
  '84',
  '93',
  '94',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];
