import type { Lang } from '@vigie/domain';

/** The receipt's words, French first; the labels of codes come from the domain's lists. */
const TEXT = {
  title: {
    fr: 'Accusé de réception',
    en: 'Acknowledgement of receipt',
  },
  subtitle: {
    fr: 'Déclaration d’un incident de sécurité des systèmes d’information',
    en: 'Declaration of an information-system security incident',
  },
  reference: { fr: 'Référence', en: 'Reference' },
  receivedAt: { fr: 'Reçue le', en: 'Received on' },
  receivedBy: { fr: 'Déclarée par', en: 'Declared by' },
  facility: { fr: 'Structure', en: 'Facility' },
  finess: { fr: 'FINESS', en: 'FINESS' },
  declared: { fr: 'Ce qui a été déclaré', en: 'What was declared' },
  occurredAt: { fr: 'Début de l’incident', en: 'Incident started' },
  detectedAt: { fr: 'Constaté le', en: 'Detected on' },
  origin: { fr: 'Origine supposée', en: 'Suspected origin' },
  operationalImpact: { fr: 'Impact sur le fonctionnement', en: 'Operational impact' },
  patientEndangerment: { fr: 'Mise en danger des patients', en: 'Patient endangerment' },
  dataImpacts: { fr: 'Impact sur les données', en: 'Data impact' },
  none: { fr: 'Aucun', en: 'None' },
  description: { fr: 'Description', en: 'Description' },
  deadlines: { fr: 'Les échéances qui courent', en: 'The deadlines now running' },
  noDeadline: {
    fr: 'Aucune autre échéance réglementaire ne court pour cette déclaration.',
    en: 'No other regulatory deadline runs for this declaration.',
  },
  dueAt: { fr: 'avant le', en: 'by' },
  met: { fr: 'respectée le', en: 'met on' },
  attests: {
    fr: 'Ce document atteste que Vigie a reçu et enregistré la déclaration ci-dessus à la date indiquée. Conservez sa référence : elle identifie la déclaration dans tous vos échanges avec le CERT.',
    en: 'This document attests that Vigie received and recorded the declaration above at the time given. Keep its reference: it identifies the declaration in every exchange with the CERT.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ReceiptText = keyof typeof TEXT;

export const receiptText = (key: ReceiptText, lang: Lang): string => TEXT[key][lang];

/** Each clock's regime and stage, as a facility reads them. */
const CLOCK_LABELS: Record<string, Record<Lang, string>> = {
  'CSP/DECLARATION': {
    fr: 'Signalement sans délai (code de la santé publique)',
    en: 'Declaration without delay (public health code)',
  },
  'NIS2/EARLY_WARNING': { fr: 'NIS 2 : alerte précoce (24 h)', en: 'NIS2: early warning (24 h)' },
  'NIS2/NOTIFICATION': {
    fr: 'NIS 2 : notification d’incident (72 h)',
    en: 'NIS2: incident notification (72 h)',
  },
  'NIS2/INTERMEDIATE': { fr: 'NIS 2 : rapport intermédiaire', en: 'NIS2: intermediate report' },
  'NIS2/FINAL': { fr: 'NIS 2 : rapport final (1 mois)', en: 'NIS2: final report (1 month)' },
  'GDPR/CNIL_NOTIFICATION': {
    fr: 'RGPD : notification à la CNIL (72 h)',
    en: 'GDPR: notification to the CNIL (72 h)',
  },
};

export const clockLabel = (regime: string, stage: string, lang: Lang): string =>
  CLOCK_LABELS[`${regime}/${stage}`]?.[lang] ?? `${regime} ${stage}`;

export const formatInstant = (iso: string, lang: Lang): string =>
  new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    dateStyle: 'long',
    timeStyle: 'short',
  });
