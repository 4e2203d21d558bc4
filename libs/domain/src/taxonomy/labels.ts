import {
  ATTACK_VECTORS,
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NIS2_STATUSES,
  NON_MALICIOUS_TYPES,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  REGION_CODES,
  REGULATORY_QUALIFICATIONS,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  type AttackVector,
  type DataImpact,
  type InterventionKind,
  type MaliciousType,
  type Nis2Status,
  type NonMaliciousType,
  type OperationalImpact,
  type PatientEndangerment,
  type RegionCode,
  type RegulatoryQualification,
  type StructureType,
  type SuspectedOrigin,
} from './codes';
import {
  AFFECTED_SYSTEMS,
  affectedSystemLabels,
  HANDLING_STATES,
  handlingStateLabels,
  OTHER_NOTIFICATIONS,
  otherNotificationLabels,
  SUPPLIER_INVOLVEMENTS,
  supplierInvolvementLabels,
} from './form-codes';

export type Lang = 'fr' | 'en';

export type CodeList =
  | 'structureType'
  | 'origin'
  | 'maliciousType'
  | 'nonMaliciousType'
  | 'attackVector'
  | 'operationalImpact'
  | 'patientEndangerment'
  | 'dataImpact'
  | 'regulatoryQualification'
  | 'interventionKind'
  | 'region'
  | 'nis2'
  | 'affectedSystem'
  | 'handlingState'
  | 'supplierInvolvement'
  | 'otherNotification';

export type Label = Readonly<Record<Lang, string>>;

/** The codes of each list, in the order the report shows them. */
export const CODE_LISTS: Readonly<Record<CodeList, readonly string[]>> = {
  structureType: STRUCTURE_TYPES,
  origin: SUSPECTED_ORIGINS,
  maliciousType: MALICIOUS_TYPES,
  nonMaliciousType: NON_MALICIOUS_TYPES,
  attackVector: ATTACK_VECTORS,
  operationalImpact: OPERATIONAL_IMPACTS,
  patientEndangerment: PATIENT_ENDANGERMENTS,
  dataImpact: DATA_IMPACTS,
  regulatoryQualification: REGULATORY_QUALIFICATIONS,
  interventionKind: INTERVENTION_KINDS,
  region: REGION_CODES,
  nis2: NIS2_STATUSES,
  affectedSystem: AFFECTED_SYSTEMS,
  handlingState: HANDLING_STATES,
  supplierInvolvement: SUPPLIER_INVOLVEMENTS,
  otherNotification: OTHER_NOTIFICATIONS,
};

/** The report's type tables have a row for declarations whose type nobody has given yet. */
const UNSPECIFIED: Label = { fr: 'Non précisé', en: 'Unspecified' };

const structureType: Record<StructureType, Label> = {
  ES: { fr: 'Établissement de santé', en: 'Health facility' },
  HIA: { fr: 'Hôpital des armées', en: 'Military hospital' },
  LBM: { fr: 'Laboratoire de biologie médicale', en: 'Medical biology laboratory' },
  RT: { fr: 'Centre de radiothérapie', en: 'Radiotherapy centre' },
  ESMS: { fr: 'Établissement ou service médico-social', en: 'Medico-social facility' },
  PDS: {
    fr: 'Organisme de prévention, de diagnostic ou de soins',
    en: 'Other prevention, diagnosis or care organisation',
  },
  HORS: { fr: 'Hors périmètre', en: 'Out of scope' },
};

const origin: Record<SuspectedOrigin, Label> = {
  MALICIOUS: { fr: 'Origine malveillante', en: 'Malicious' },
  NON_MALICIOUS: { fr: 'Origine non malveillante (accidentelle)', en: 'Non-malicious (accidental)' },
  UNKNOWN: { fr: 'Origine inconnue', en: 'Unknown origin' },
};

const maliciousType: Record<MaliciousType | 'UNSPECIFIED', Label> = {
  IS_COMPROMISE: { fr: 'Compromission du SI', en: 'Information-system compromise' },
  RANSOMWARE: { fr: 'Rançongiciel', en: 'Ransomware' },
  MALICIOUS_EMAIL: {
    fr: 'Email malveillant (hameçonnage / malspam)',
    en: 'Malicious e-mail (phishing / malspam)',
  },
  DATA_LEAK: { fr: "Fuite d'information", en: 'Data leak' },
  EQUIPMENT_THEFT: { fr: "Vol d'équipement", en: 'Equipment theft' },
  DDOS: { fr: 'Attaque par déni de service (DDoS)', en: 'Denial of service (DDoS)' },
  DEFACEMENT: { fr: 'Défiguration de site internet', en: 'Website defacement' },
  ACCOUNT_COMPROMISE: {
    fr: 'Compromission de comptes (AD, VPN ou messagerie)',
    en: 'Account compromise (AD, VPN or e-mail)',
  },
  OTHER_MALICIOUS: { fr: 'Autre acte malveillant', en: 'Other malicious act' },
  UNSPECIFIED,
};

const nonMaliciousType: Record<NonMaliciousType | 'UNSPECIFIED', Label> = {
  INFRA_FAILURE: { fr: "Dysfonctionnement de l'infrastructure", en: 'Infrastructure failure' },
  TELECOM_LOSS: { fr: 'Perte du lien télécom', en: 'Loss of telecom link' },
  SUPPLIER_INCIDENT: { fr: 'Incident chez un prestataire', en: 'Supplier incident' },
  APP_MALFUNCTION: { fr: 'Dysfonctionnement logiciel', en: 'Application malfunction' },
  OTHER: { fr: 'Autre (erreur humaine, sinistre…)', en: 'Other (human error, physical event…)' },
  UNSPECIFIED,
};

const attackVector: Record<AttackVector, Label> = {
  PHISHING: { fr: 'Hameçonnage', en: 'Phishing' },
  ACCOUNT_COMPROMISE: { fr: 'Compromission de comptes', en: 'Account compromise' },
  VULNERABILITY_EXPLOITATION: { fr: "Exploitation d'une vulnérabilité", en: 'Vulnerability exploitation' },
  TROJAN: { fr: 'Cheval de Troie', en: 'Trojan' },
  INFOSTEALER: { fr: "Voleur d'informations (infostealer)", en: 'Infostealer' },
  SUPPLIER_COMPROMISE: { fr: "Compromission d'un prestataire", en: 'Supplier compromise' },
  REMOVABLE_MEDIA: { fr: 'Support amovible', en: 'Removable media' },
  OTHER: { fr: 'Autre vecteur', en: 'Other vector' },
};

const operationalImpact: Record<OperationalImpact, Label> = {
  NONE: { fr: 'Aucun impact', en: 'No impact' },
  DEGRADED: {
    fr: 'Fonctionnement en mode dégradé du système de prise en charge des patients',
    en: 'Degraded-mode operation of the patient-care system',
  },
  INTERRUPTION: {
    fr: 'Interruption du système de prise en charge des patients',
    en: 'Interruption of the patient-care system',
  },
};

const patientEndangerment: Record<PatientEndangerment, Label> = {
  NONE: { fr: 'Aucune mise en danger', en: 'No patient endangerment' },
  POTENTIAL: { fr: 'Mise en danger patient potentielle', en: 'Potential patient endangerment' },
  ACTUAL: { fr: 'Mise en danger patient avérée', en: 'Actual patient endangerment' },
};

const dataImpact: Record<DataImpact, Label> = {
  AVAILABILITY: { fr: 'Perte ou indisponibilité des données', en: 'Data loss or unavailability' },
  INTEGRITY: { fr: "Atteinte à l'intégrité des données", en: 'Data integrity breach' },
  CONFIDENTIALITY: {
    fr: 'Divulgation ou accès non autorisé aux données',
    en: 'Disclosure or unauthorised access (confidentiality)',
  },
};

const regulatoryQualification: Record<RegulatoryQualification, Label> = {
  GRAVE: { fr: 'Incident grave', en: 'Serious incident' },
  SIGNIFICATIF: { fr: 'Incident significatif', en: 'Significant incident' },
};

const interventionKind: Record<InterventionKind, Label> = {
  REMOTE_ADVICE: { fr: 'Conseil à distance', en: 'Remote advice' },
  TECH_INTERVENTION: { fr: "Intervention d'appui technique", en: 'Technical incident-response intervention' },
  ANSSI_FSSI: { fr: 'Intervention ANSSI / FSSI', en: 'ANSSI or ministry FSSI intervention' },
};

const region: Record<RegionCode, Label> = {
  '01': { fr: 'Guadeloupe', en: 'Guadeloupe' },
  '02': { fr: 'Martinique', en: 'Martinique' },
  '03': { fr: 'Guyane', en: 'French Guiana' },
  '04': { fr: 'La Réunion', en: 'Réunion' },
  '06': { fr: 'Mayotte', en: 'Mayotte' },
  '11': { fr: 'Île-de-France', en: 'Île-de-France' },
  '24': { fr: 'Centre-Val de Loire', en: 'Centre-Val de Loire' },
  '27': { fr: 'Bourgogne-Franche-Comté', en: 'Bourgogne-Franche-Comté' },
  '28': { fr: 'Normandie', en: 'Normandy' },
  '32': { fr: 'Hauts-de-France', en: 'Hauts-de-France' },
  '44': { fr: 'Grand Est', en: 'Grand Est' },
  '52': { fr: 'Pays de la Loire', en: 'Pays de la Loire' },
  '53': { fr: 'Bretagne', en: 'Brittany' },
  '75': { fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' },
  '76': { fr: 'Occitanie', en: 'Occitanie' },
  '84': { fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
  '93': { fr: "Provence-Alpes-Côte d'Azur", en: "Provence-Alpes-Côte d'Azur" },
  '94': { fr: 'Corse', en: 'Corsica' },
};

const nis2: Record<Nis2Status, Label> = {
  ESSENTIAL: { fr: 'Entité essentielle (NIS 2)', en: 'Essential entity (NIS2)' },
  IMPORTANT: { fr: 'Entité importante (NIS 2)', en: 'Important entity (NIS2)' },
  NONE: { fr: 'Non assujettie à NIS 2', en: 'Not subject to NIS2' },
};

export const LABELS: Readonly<Record<CodeList, Readonly<Record<string, Label>>>> = {
  structureType,
  origin,
  maliciousType,
  nonMaliciousType,
  attackVector,
  operationalImpact,
  patientEndangerment,
  dataImpact,
  regulatoryQualification,
  interventionKind,
  region,
  nis2,
  affectedSystem: affectedSystemLabels,
  handlingState: handlingStateLabels,
  supplierInvolvement: supplierInvolvementLabels,
  otherNotification: otherNotificationLabels,
};

/** Renderers never throw on a code they do not know (an old or newer log): they show the code. */
export function labelOf(list: CodeList, code: string, lang: Lang): string {
  const labels = LABELS[list];
  if (labels === undefined || !Object.hasOwn(labels, code)) return code;
  return labels[code][lang] ?? code;
}
