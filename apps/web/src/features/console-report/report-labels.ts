import type { Lang } from '../../i18n/i18n';
import type { Messages } from '../../i18n/fr';

type Texts = Record<string, string>;

/**
 * The report's own titles and row labels, as the server's renderings print them
 * (libs/reporting/src/render/report-text.ts): the page and the PDF read the same. Code lists
 * (regions, types…) come from the catalogues the forms already use.
 */
const TEXTS: Record<Lang, Texts> = {
  fr: {
    declarations: 'Signalements',
    structures: 'Structures déclarantes',
    byStructureType: 'Signalements par type de structure',
    byRegion: 'Signalements par région',
    byMonth: 'Signalements par mois',
    origin: 'Origine des incidents',
    maliciousTypes: 'Typologie des incidents d’origine malveillante',
    nonMaliciousTypes: 'Typologie des incidents d’origine non malveillante',
    'operationalImpact.declarations': 'Impact sur le fonctionnement (signalements)',
    'operationalImpact.structures': 'Impact sur le fonctionnement (structures, impact le plus grave)',
    patientEndangerment: 'Mises en danger patient',
    dataImpacts: 'Impact sur les données',
    support: 'Accompagnement du CERT Santé',
    'support.interventions': 'Interventions du CERT Santé',
    timeToDeclare: 'Délai de signalement (constat → transmission)',
    taxonomyVersions: 'Signalements par version de la taxonomie (celle de leur qualification)',
    deadlines: 'Échéances réglementaires',
    'deadlines.CSP': 'Échéances réglementaires — Code de la santé publique',
    'deadlines.NIS2': 'Échéances réglementaires — NIS2',
    'deadlines.GDPR': 'Échéances réglementaires — RGPD (CNIL)',
    shares: 'Parts (en % des signalements)',
    'shares.origin': 'Parts par origine (%)',
    'shares.byStructureType': 'Parts par type de structure (%)',
    'shares.structuresByImpact': 'Parts des structures déclarantes par impact (%)',
    'declarations.total': 'Signalements de l’année',
    'declarations.inScope': 'dans le périmètre',
    'declarations.outOfScope': 'hors périmètre',
    'declarations.unqualified': 'non encore qualifiés',
    'declarations.previousYearTotal': 'Signalements de l’année précédente',
    'declarations.evolution': 'Évolution sur un an (%)',
    'structures.declaring': 'Structures ayant déclaré au moins un incident',
    'structures.withAtLeast2': 'dont au moins 2 incidents',
    'structures.withAtLeast4': 'dont au moins 4 incidents',
    'support.requested': 'Demandes d’accompagnement',
    'shares.patientEndangerment': 'Mise en danger des patients (potentielle ou avérée)',
    'shares.supportRequested': 'Accompagnement demandé',
    'timeToDeclare.sameDay': 'Le jour même',
    'timeToDeclare.within24h': 'Sous 24 h',
    'timeToDeclare.within72h': 'Sous 72 h',
    'timeToDeclare.later': 'Au-delà de 72 h',
    UNSPECIFIED: 'Non précisé',
    count: 'Nombre',
    total: 'Total',
    met: 'Tenues à temps',
    metLate: 'Tenues en retard',
    overdue: 'Non tenues',
    due: 'À venir',
    shareOnTime: 'Part à temps (%)',
  },
  en: {
    declarations: 'Declarations',
    structures: 'Declaring structures',
    byStructureType: 'Declarations by type of structure',
    byRegion: 'Declarations by region',
    byMonth: 'Declarations by month',
    origin: 'Origin of incidents',
    maliciousTypes: 'Malicious incidents by type',
    nonMaliciousTypes: 'Non-malicious incidents by type',
    'operationalImpact.declarations': 'Impact on operations (declarations)',
    'operationalImpact.structures': 'Impact on operations (structures, worst impact)',
    patientEndangerment: 'Patient endangerment',
    dataImpacts: 'Impact on data',
    support: 'CERT Santé support',
    'support.interventions': 'CERT Santé interventions',
    timeToDeclare: 'Time to declare (detection → submission)',
    taxonomyVersions: 'Declarations by taxonomy version (that of their qualification)',
    deadlines: 'Regulatory deadlines',
    'deadlines.CSP': 'Regulatory deadlines — public health code',
    'deadlines.NIS2': 'Regulatory deadlines — NIS2',
    'deadlines.GDPR': 'Regulatory deadlines — GDPR (CNIL)',
    shares: 'Shares (% of declarations)',
    'shares.origin': 'Shares by origin (%)',
    'shares.byStructureType': 'Shares by type of structure (%)',
    'shares.structuresByImpact': 'Shares of declaring structures by impact (%)',
    'declarations.total': 'Declarations of the year',
    'declarations.inScope': 'in scope',
    'declarations.outOfScope': 'out of scope',
    'declarations.unqualified': 'not yet qualified',
    'declarations.previousYearTotal': 'Declarations of the previous year',
    'declarations.evolution': 'Change over a year (%)',
    'structures.declaring': 'Structures declaring at least one incident',
    'structures.withAtLeast2': 'of which at least 2 incidents',
    'structures.withAtLeast4': 'of which at least 4 incidents',
    'support.requested': 'Support requests',
    'shares.patientEndangerment': 'Patient endangerment (potential or actual)',
    'shares.supportRequested': 'Support requested',
    'timeToDeclare.sameDay': 'Same day',
    'timeToDeclare.within24h': 'Within 24 h',
    'timeToDeclare.within72h': 'Within 72 h',
    'timeToDeclare.later': 'Later than 72 h',
    UNSPECIFIED: 'Unspecified',
    count: 'Count',
    total: 'Total',
    met: 'Met on time',
    metLate: 'Met late',
    overdue: 'Not met',
    due: 'Not yet due',
    shareOnTime: 'Share on time (%)',
  },
};

/** The code list a table's rows come from (its last path part decides: `shares.origin` is by origin). */
function codeList(path: string, t: Messages): Texts | undefined {
  const last = path.split('.').pop() ?? path;
  const codes = t.declare.codes;
  const lists: Record<string, Texts> = {
    byStructureType: codes.structureType,
    byRegion: codes.region,
    origin: t.console.labels,
    maliciousTypes: t.console.labels,
    nonMaliciousTypes: t.console.labels,
    declarations: codes.operationalImpact,
    structures: codes.operationalImpact,
    structuresByImpact: codes.operationalImpact,
    patientEndangerment: codes.patientEndangerment,
    dataImpacts: codes.dataImpacts,
    interventions: t.console.labels,
    CSP: t.declarations.stages,
    NIS2: t.declarations.stages,
    GDPR: t.declarations.stages,
  };
  return lists[last];
}

/** A table's title; its path when the report has gained a table this page does not know yet. */
export const tableTitle = (path: string, lang: Lang): string => TEXTS[lang][path] ?? path;

/** A column of the deadlines' tables, or "count". */
export const columnLabel = (column: string, lang: Lang): string => TEXTS[lang][column] ?? column;

/** A row's label: the report's own, else the code list's, else the code itself. */
export function rowLabel(path: string, key: string, t: Messages, lang: Lang): string {
  if (path === 'byMonth' && /^\d{2}$/.test(key))
    return new Date(2000, Number(key) - 1, 1).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
    });
  return TEXTS[lang][`${path}.${key}`] ?? codeList(path, t)?.[key] ?? TEXTS[lang][key] ?? key;
}

/**
 * A cell of a restatement (`section`, `key` as the CSV names them): the deadlines' cells are
 * a stage's column (`deadlines.NIS2.FINAL`, `met`).
 */
export function cellLabel(section: string, key: string, t: Messages, lang: Lang): string {
  const parts = section.split('.');
  if (parts[0] === 'deadlines' && parts.length === 3) {
    const table = parts.slice(0, 2).join('.');
    return `${tableTitle(table, lang)} — ${rowLabel(table, parts[2], t, lang)} — ${columnLabel(key, lang)}`;
  }
  return `${tableTitle(section, lang)} — ${rowLabel(section, key, t, lang)}`;
}
