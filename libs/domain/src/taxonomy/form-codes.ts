/** As in labels.ts, which imports these lists (declared again here so that the two files do not import each other). */
type Label = Readonly<Record<'fr' | 'en', string>>;

/*
 * The official form's answers that the report does not count (arrêté du 30 octobre 2017, annex;
 * DOMAIN.md §7): what the CERT needs to follow an incident up and to link the declarations that
 * one supplier's outage causes. "Je ne sais pas" is an answer wherever it makes sense.
 */

export const AFFECTED_SYSTEMS = [
  'PATIENT_RECORD',
  'IMAGING',
  'LABORATORY',
  'PHARMACY',
  'ADMINISTRATIVE',
  'MESSAGING',
  'TELEPHONY',
  'NETWORK',
  'WORKSTATIONS',
  'SERVERS',
  'BIOMEDICAL',
  'BUILDING',
  'WEBSITE',
  'OTHER',
] as const;
export type AffectedSystem = (typeof AFFECTED_SYSTEMS)[number];

export const HANDLING_STATES = ['IN_PROGRESS', 'CONTAINED', 'RESOLVED', 'UNKNOWN'] as const;
export type HandlingState = (typeof HANDLING_STATES)[number];

export const SUPPLIER_INVOLVEMENTS = ['YES', 'NO', 'UNKNOWN'] as const;
export type SupplierInvolvement = (typeof SUPPLIER_INVOLVEMENTS)[number];

export const OTHER_NOTIFICATIONS = ['ANSSI', 'CNIL', 'COMPLAINT'] as const;
export type OtherNotification = (typeof OTHER_NOTIFICATIONS)[number];

export const affectedSystemLabels: Record<AffectedSystem, Label> = {
  PATIENT_RECORD: { fr: 'Dossier patient informatisé', en: 'Electronic patient record' },
  IMAGING: { fr: 'Imagerie (PACS)', en: 'Imaging (PACS)' },
  LABORATORY: { fr: 'Laboratoire', en: 'Laboratory' },
  PHARMACY: { fr: 'Pharmacie, circuit du médicament', en: 'Pharmacy, medication' },
  ADMINISTRATIVE: { fr: 'Gestion administrative, facturation', en: 'Administration, billing' },
  MESSAGING: { fr: 'Messagerie', en: 'E-mail' },
  TELEPHONY: { fr: 'Téléphonie', en: 'Telephony' },
  NETWORK: { fr: 'Réseau, accès internet', en: 'Network, internet access' },
  WORKSTATIONS: { fr: 'Postes de travail', en: 'Workstations' },
  SERVERS: { fr: 'Serveurs, annuaire', en: 'Servers, directory' },
  BIOMEDICAL: { fr: 'Équipements biomédicaux', en: 'Biomedical devices' },
  BUILDING: { fr: 'Gestion technique du bâtiment', en: 'Building management' },
  WEBSITE: { fr: 'Site internet, portail patients', en: 'Website, patient portal' },
  OTHER: { fr: 'Autre', en: 'Other' },
};

export const handlingStateLabels: Record<HandlingState, Label> = {
  IN_PROGRESS: { fr: 'En cours de traitement', en: 'Being handled' },
  CONTAINED: { fr: 'Maîtrisé', en: 'Contained' },
  RESOLVED: { fr: 'Résolu', en: 'Resolved' },
  UNKNOWN: { fr: 'Je ne sais pas', en: 'Unknown' },
};

export const supplierInvolvementLabels: Record<SupplierInvolvement, Label> = {
  YES: { fr: 'Oui', en: 'Yes' },
  NO: { fr: 'Non', en: 'No' },
  UNKNOWN: { fr: 'Je ne sais pas', en: 'Unknown' },
};

export const otherNotificationLabels: Record<OtherNotification, Label> = {
  ANSSI: { fr: 'ANSSI (CERT-FR)', en: 'ANSSI (CERT-FR)' },
  CNIL: { fr: 'CNIL (violation de données personnelles)', en: 'CNIL (personal data breach)' },
  COMPLAINT: { fr: 'Plainte déposée', en: 'Complaint filed with the police' },
};
