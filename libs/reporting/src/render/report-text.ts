import type { Lang } from '@vigie/domain';
import { GROUP_TITLES, REPORT_TABLES } from '../report-tables-catalog';

/** The report's own words; code labels come from the domain's `labelOf`. */
const TEXT = {
  title: {
    fr: 'Observatoire des incidents de sécurité des systèmes d’information',
    en: 'Observatory of information-system security incidents',
  },
  subtitle: {
    fr: 'Secteurs santé et médico-social — année {year}',
    en: 'Health and medico-social sectors — year {year}',
  },
  publicEdition: {
    fr: 'Édition publique : les effectifs de 1 à 4 sont masqués (« <5 »), ainsi que les effectifs qui permettraient de les retrouver par différence (« secret »).',
    en: 'Public edition: counts of 1 to 4 are masked ("<5"), and so are the counts that would give them back by difference ("secret").',
  },
  internalEdition: { fr: 'Édition interne — ne pas diffuser.', en: 'Internal edition — do not distribute.' },
  asOf: { fr: 'Données enregistrées jusqu’au {asOf}', en: 'Data recorded up to {asOf}' },
  generated: {
    fr: 'Produit le {generatedAt} (position du journal {position}, taxonomie {taxonomy})',
    en: 'Generated on {generatedAt} (log position {position}, taxonomy {taxonomy})',
  },
  keyFigures: { fr: 'Chiffres clés', en: 'Key figures' },
  declarations: { fr: 'Signalements', en: 'Declarations' },
  declaringStructures: { fr: 'Structures déclarantes', en: 'Declaring structures' },
  maliciousShare: { fr: 'Part d’origine malveillante', en: 'Malicious share' },
  endangerments: { fr: 'Mises en danger patient', en: 'Patient endangerments' },
  malicious: { fr: 'Malveillante', en: 'Malicious' },
  nonMalicious: { fr: 'Non malveillante', en: 'Non-malicious' },
  impactedStructures: {
    fr: 'Structures en fonctionnement dégradé ou interrompu',
    en: 'Structures with degraded or interrupted operations',
  },
  impactedDetail: {
    fr: 'dégradé {degraded} · interrompu {interrupted}',
    en: 'degraded {degraded} · interrupted {interrupted}',
  },
  supportRequests: { fr: 'Demandes d’accompagnement', en: 'Support requests' },
  evolution: {
    fr: '{sign}{value} % par rapport à {previousYear} ({previous})',
    en: '{sign}{value} % on {previousYear} ({previous})',
  },
  noEvolution: { fr: 'pas de signalement en {previousYear}', en: 'no declaration in {previousYear}' },
  ofWhichActual: { fr: 'dont {actual} avérées', en: '{actual} actual' },
  code: { fr: 'Code', en: 'Code' },
  label: { fr: 'Libellé', en: 'Label' },
  count: { fr: 'Nombre', en: 'Count' },
  share: { fr: 'Part', en: 'Share' },
  page: { fr: 'Page {page} / {pages}', en: 'Page {page} of {pages}' },
  countingRules: { fr: 'Règles de comptage', en: 'Counting rules' },
  rules: {
    fr: 'Chaque signalement compte une fois, dans l’année et le mois (heure de Paris) de sa transmission, hors périmètre compris. L’origine et la typologie sont celles de la dernière qualification du CERT Santé, à défaut celles indiquées par le déclarant. Chaque signalement est compté dans la version de la taxonomie de sa dernière qualification, à défaut celle de sa transmission. Les impacts sont les dernières valeurs connues ; l’impact d’une structure est le plus grave de ses signalements de l’année. Une échéance réglementaire ne court que si le texte s’appliquait au constat de l’incident : obligation du code de la santé publique depuis le 1er octobre 2017 (le 29 avril 2022 pour les ESMS), RGPD depuis le 25 mai 2018, NIS 2 depuis le 18 octobre 2024 ou la date de la loi nationale retenue par le service.',
    en: 'Each declaration counts once, in the Paris year and month it was submitted, out-of-scope ones included. Origin and type are those of CERT Santé’s latest qualification, else the declarant’s. Each declaration counts under the taxonomy version of its latest qualification, else that of its submission. Impacts are the latest values; a structure’s impact is the worst of its declarations of the year. A regulatory deadline runs only if its law applied when the incident was detected: the public health code’s obligation from 1 October 2017 (29 April 2022 for medico-social facilities), GDPR from 25 May 2018, NIS2 from 18 October 2024 or the national law’s date the service is configured with.',
  },
  'declarations.total': { fr: 'Signalements de l’année', en: 'Declarations of the year' },
  'declarations.inScope': { fr: 'dans le périmètre', en: 'in scope' },
  'declarations.outOfScope': { fr: 'hors périmètre', en: 'out of scope' },
  'declarations.unqualified': { fr: 'non encore qualifiés', en: 'not yet qualified' },
  'declarations.previousYearTotal': {
    fr: 'Signalements de l’année précédente',
    en: 'Declarations of the previous year',
  },
  'structures.declaring': {
    fr: 'Structures ayant déclaré au moins un incident',
    en: 'Structures declaring at least one incident',
  },
  'structures.withAtLeast2': { fr: 'dont au moins 2 incidents', en: 'of which at least 2 incidents' },
  'structures.withAtLeast4': { fr: 'dont au moins 4 incidents', en: 'of which at least 4 incidents' },
  'support.requested': { fr: 'Demandes d’accompagnement', en: 'Support requests' },
  'timeToDeclare.sameDay': { fr: 'Le jour même', en: 'Same day' },
  'timeToDeclare.within24h': { fr: 'Sous 24 h', en: 'Within 24 h' },
  'timeToDeclare.within72h': { fr: 'Sous 72 h', en: 'Within 72 h' },
  'timeToDeclare.later': { fr: 'Au-delà de 72 h', en: 'Later than 72 h' },
  // One row per version that ever existed (report-codes.ts TAXONOMY_VERSION_CODES).
  'taxonomyVersions.2026.1': { fr: 'Version 2026.1', en: 'Version 2026.1' },
  'stage.total': { fr: 'échéances', en: 'deadlines' },
  'stage.met': { fr: 'tenues à temps', en: 'met on time' },
  'stage.metLate': { fr: 'tenues en retard', en: 'met late' },
  'stage.overdue': { fr: 'non tenues (échues)', en: 'overdue' },
  'stage.due': { fr: 'à venir', en: 'not yet due' },
  allTypes: { fr: 'Tous types de structure', en: 'All types of structure' },
  'degradedMode.detail': {
    fr: 'durée moyenne {mean} h, médiane {median} h ; 7 jours ou plus : {long}',
    en: 'mean {mean} h, median {median} h; 7 days or more: {long}',
  },
  'degradedMode.none': { fr: 'durée non publiée', en: 'duration not published' },
  'deadlines.detail': {
    fr: '{settled} échues dont {late} tenues en retard et {overdue} non tenues ; {due} à venir',
    en: '{settled} fallen due, {late} met late and {overdue} overdue; {due} not yet due',
  },
  'chart.byMonth': { fr: 'Signalements par mois', en: 'Declarations by month' },
  'chart.byRegion': { fr: 'Signalements par région', en: 'Declarations by region' },
  'chart.origin': { fr: 'Origine et typologies', en: 'Origin and types' },
  'chart.impacts': { fr: 'Impacts', en: 'Impacts' },
  'chart.kind': { fr: 'Nature', en: 'Kind' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Every text of the report, tables' titles included, read-only: what the PDF's font must be able to print (render.spec.ts). */
export const REPORT_TEXTS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  ...TEXT,
  ...Object.fromEntries(REPORT_TABLES.map((entry) => [`table.${entry.id}`, entry.title])),
  ...Object.fromEntries(Object.entries(GROUP_TITLES).map(([id, title]) => [`group.${id}`, title])),
};

export type TextKey = keyof typeof TEXT;

export function text(key: TextKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const MONTH_NAMES: Record<Lang, readonly string[]> = {
  fr: [
    'Janvier',
    'Février',
    'Mars',
    'Avril',
    'Mai',
    'Juin',
    'Juillet',
    'Août',
    'Septembre',
    'Octobre',
    'Novembre',
    'Décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export const monthName = (month: string, lang: Lang): string => MONTH_NAMES[lang][Number(month) - 1] ?? month;

/** The usual abbreviations, never ambiguous (juin / juil., not "Jui" twice). */
const MONTH_ABBREVIATIONS: Record<Lang, readonly string[]> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export const monthAbbreviation = (month: string, lang: Lang): string =>
  MONTH_ABBREVIATIONS[lang][Number(month) - 1] ?? month;

/** Numbers the way each language writes them: 1 234 and 12,5 % in French. */
export const formatNumber = (value: number, lang: Lang): string =>
  // U+202F (French thousands separator) is not in the PDF standard fonts' encoding; U+00A0 is.
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 })
    .format(value)
    .replace(/\u202f/g, '\u00a0');

export const formatDate = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
