import type { AnnualReport } from '../annual-report';

/** How a published figure is met: a count exactly, a percentage once rounded as the press rounds it, or a range. */
export type Expectation =
  { exactly: number } | { roundsTo: number } | { between: [number, number] } | { above: number };

export interface PublishedFigure {
  year: number;
  indicator: string;
  /** As published (DOMAIN.md §2.3, §1), in the source's words where they are not a plain number. */
  published: string;
  /** Source ids of DOMAIN.md §7. */
  source: string;
  expect: Expectation;
  /** Where the figure is in our report. */
  measure: (report: AnnualReport) => number;
  /** Only meaningful when the previous year was seeded in the same log. */
  needsPreviousYear?: boolean;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : (part / whole) * 100);
const ofDeclarations = (pick: (r: AnnualReport) => number) => (r: AnnualReport) =>
  pct(pick(r), r.declarations.total);
const ofStructures = (pick: (r: AnnualReport) => number) => (r: AnnualReport) =>
  pct(pick(r), r.structures.declaring);

/**
 * The reference table the seed profiles must reproduce: one row per year and indicator. Reading
 * choices, where a source is ambiguous:
 * - "structures in degraded mode" is the share of declaring structures whose worst impact is
 *   DEGRADED; with "no impact" it leaves the rest to INTERRUPTION (2020: 35 + 45 + 20 = 100), the
 *   only reading under which both published shares hold at once.
 * - 2020 Auvergne-Rhône-Alpes is published as "5x" with Île-de-France's 56 "over 30 %" together.
 * - 2021 declaring structures: 582 [S6], not 290 [S11] (see DOMAIN.md §2.3 conflicts).
 */
export const PUBLISHED_FIGURES: PublishedFigure[] = [
  {
    year: 2019,
    indicator: 'declarations',
    published: '392',
    source: 'S22',
    expect: { exactly: 392 },
    measure: (r) => r.declarations.total,
  },
  {
    year: 2019,
    indicator: 'declaring structures',
    published: '300',
    source: 'S22',
    expect: { exactly: 300 },
    measure: (r) => r.structures.declaring,
  },
  {
    year: 2019,
    indicator: 'malicious share',
    published: '43 %',
    source: 'S23',
    expect: { roundsTo: 43 },
    measure: ofDeclarations((r) => r.origin.MALICIOUS),
  },
  {
    year: 2019,
    indicator: 'non-malicious share',
    published: '57 %',
    source: 'S23',
    expect: { roundsTo: 57 },
    measure: ofDeclarations((r) => r.origin.NON_MALICIOUS),
  },
  {
    year: 2019,
    indicator: 'out of scope (pharmacies, not IT)',
    published: '38 of 392',
    source: 'S22',
    expect: { exactly: 38 },
    measure: (r) => r.declarations.outOfScope,
  },
  {
    year: 2019,
    indicator: 'structures in degraded mode',
    published: '40 %',
    source: 'S25',
    expect: { roundsTo: 40 },
    measure: ofStructures((r) => r.operationalImpact.structures.DEGRADED),
  },
  {
    year: 2019,
    indicator: 'data disclosures',
    published: '46',
    source: 'S5',
    expect: { exactly: 46 },
    measure: (r) => r.dataImpacts.CONFIDENTIALITY,
  },
  {
    year: 2019,
    indicator: 'support requests',
    published: '70',
    source: 'S24',
    expect: { exactly: 70 },
    measure: (r) => r.support.requested,
  },
  {
    year: 2019,
    indicator: 'declared the same day',
    published: '≈70 %',
    source: 'S25',
    expect: { roundsTo: 70 },
    measure: ofDeclarations((r) => r.timeToDeclare.sameDay),
  },
  {
    year: 2019,
    indicator: 'declared within 24 h',
    published: '80 %',
    source: 'S25',
    expect: { roundsTo: 80 },
    measure: ofDeclarations((r) => r.timeToDeclare.sameDay + r.timeToDeclare.within24h),
  },

  {
    year: 2020,
    indicator: 'declarations',
    published: '369',
    source: 'S3 S4',
    expect: { exactly: 369 },
    measure: (r) => r.declarations.total,
  },
  {
    year: 2020,
    indicator: 'declarations of the previous year',
    published: '392 (2019)',
    source: 'S22',
    expect: { exactly: 392 },
    measure: (r) => r.declarations.previousYearTotal,
    needsPreviousYear: true,
  },
  {
    year: 2020,
    indicator: 'declaring structures',
    published: '250',
    source: 'S5',
    expect: { exactly: 250 },
    measure: (r) => r.structures.declaring,
  },
  {
    year: 2020,
    indicator: 'malicious share',
    published: '60 %',
    source: 'S3',
    expect: { roundsTo: 60 },
    measure: ofDeclarations((r) => r.origin.MALICIOUS),
  },
  {
    year: 2020,
    indicator: 'malicious declarations',
    published: '221 (60 % of 369)',
    source: 'S3',
    expect: { exactly: 221 },
    measure: (r) => r.origin.MALICIOUS,
  },
  {
    year: 2020,
    indicator: 'non-malicious declarations',
    published: '148',
    source: 'S3',
    expect: { exactly: 148 },
    measure: (r) => r.origin.NON_MALICIOUS,
  },
  {
    year: 2020,
    indicator: 'ransomware share',
    published: '"a quarter" of incidents',
    source: 'S3',
    expect: { roundsTo: 25 },
    measure: ofDeclarations((r) => r.maliciousTypes.RANSOMWARE),
  },
  {
    year: 2020,
    indicator: 'patient endangerments',
    published: '34',
    source: 'S3 S4',
    expect: { exactly: 34 },
    measure: (r) => r.patientEndangerment.POTENTIAL + r.patientEndangerment.ACTUAL,
  },
  {
    year: 2020,
    indicator: 'patient endangerment share',
    published: '9 %',
    source: 'S3',
    expect: { roundsTo: 9 },
    measure: ofDeclarations((r) => r.patientEndangerment.POTENTIAL + r.patientEndangerment.ACTUAL),
  },
  {
    year: 2020,
    indicator: 'actual patient endangerments',
    published: '2',
    source: 'S3 S4',
    expect: { exactly: 2 },
    measure: (r) => r.patientEndangerment.ACTUAL,
  },
  {
    year: 2020,
    indicator: 'structures with no impact',
    published: '35 %',
    source: 'S13',
    expect: { roundsTo: 35 },
    measure: ofStructures((r) => r.operationalImpact.structures.NONE),
  },
  {
    year: 2020,
    indicator: 'structures in degraded mode',
    published: '45 %',
    source: 'S3',
    expect: { roundsTo: 45 },
    measure: ofStructures((r) => r.operationalImpact.structures.DEGRADED),
  },
  {
    year: 2020,
    indicator: 'data loss or unavailability',
    published: '146',
    source: 'S3 S5',
    expect: { exactly: 146 },
    measure: (r) => r.dataImpacts.AVAILABILITY,
  },
  {
    year: 2020,
    indicator: 'data integrity breaches',
    published: '21',
    source: 'S3 S5',
    expect: { exactly: 21 },
    measure: (r) => r.dataImpacts.INTEGRITY,
  },
  {
    year: 2020,
    indicator: 'data disclosures',
    published: '60',
    source: 'S3 S5',
    expect: { exactly: 60 },
    measure: (r) => r.dataImpacts.CONFIDENTIALITY,
  },
  {
    year: 2020,
    indicator: 'support requests',
    published: '90',
    source: 'S7',
    expect: { exactly: 90 },
    measure: (r) => r.support.requested,
  },
  {
    year: 2020,
    indicator: 'ES declarations',
    published: '301',
    source: 'S4',
    expect: { exactly: 301 },
    measure: (r) => r.byStructureType.ES,
  },
  {
    year: 2020,
    indicator: 'EHPAD / ESMS declarations',
    published: '31',
    source: 'S4',
    expect: { exactly: 31 },
    measure: (r) => r.byStructureType.ESMS,
  },
  {
    year: 2020,
    indicator: 'radiotherapy declarations',
    published: '4',
    source: 'S4',
    expect: { exactly: 4 },
    measure: (r) => r.byStructureType.RT,
  },
  {
    year: 2020,
    indicator: 'LBM declarations',
    published: '369 − 301 − 31 − 4 − 30',
    source: 'S4 [INF]',
    expect: { exactly: 3 },
    measure: (r) => r.byStructureType.LBM,
  },
  {
    year: 2020,
    indicator: 'other structures (out of scope)',
    published: '30',
    source: 'S4',
    expect: { exactly: 30 },
    measure: (r) => r.byStructureType.HORS,
  },
  {
    year: 2020,
    indicator: 'ESMS share',
    published: '8 %',
    source: 'S7',
    expect: { roundsTo: 8 },
    measure: ofDeclarations((r) => r.byStructureType.ESMS),
  },
  {
    year: 2020,
    indicator: 'Île-de-France declarations',
    published: '56',
    source: 'S5',
    expect: { exactly: 56 },
    measure: (r) => r.byRegion['11'],
  },
  {
    year: 2020,
    indicator: 'Auvergne-Rhône-Alpes declarations',
    published: '5x',
    source: 'S5',
    expect: { between: [50, 59] },
    measure: (r) => r.byRegion['84'],
  },
  {
    year: 2020,
    indicator: 'Île-de-France + Auvergne-Rhône-Alpes share',
    published: 'over 30 %',
    source: 'S5',
    expect: { above: 30 },
    measure: ofDeclarations((r) => r.byRegion['11'] + r.byRegion['84']),
  },

  {
    year: 2021,
    indicator: 'declarations',
    published: '733',
    source: 'S6 S9',
    expect: { exactly: 733 },
    measure: (r) => r.declarations.total,
  },
  {
    year: 2021,
    indicator: 'declarations of the previous year',
    published: '369 (2020)',
    source: 'S3 S4',
    expect: { exactly: 369 },
    measure: (r) => r.declarations.previousYearTotal,
    needsPreviousYear: true,
  },
  {
    year: 2021,
    indicator: 'declaring structures',
    published: '582',
    source: 'S6',
    expect: { exactly: 582 },
    measure: (r) => r.structures.declaring,
  },
  {
    year: 2021,
    indicator: 'malicious share',
    published: '52 %',
    source: 'S9',
    expect: { roundsTo: 52 },
    measure: ofDeclarations((r) => r.origin.MALICIOUS),
  },
  {
    year: 2021,
    indicator: 'non-malicious share',
    published: '48 %',
    source: 'S9',
    expect: { roundsTo: 48 },
    measure: ofDeclarations((r) => r.origin.NON_MALICIOUS),
  },
  {
    year: 2021,
    indicator: 'IS compromises',
    published: '98',
    source: 'S8',
    expect: { exactly: 98 },
    measure: (r) => r.maliciousTypes.IS_COMPROMISE,
  },
  {
    year: 2021,
    indicator: 'ransomware',
    published: '59',
    source: 'S8',
    expect: { exactly: 59 },
    measure: (r) => r.maliciousTypes.RANSOMWARE,
  },
  {
    year: 2021,
    indicator: 'malicious e-mails',
    published: '51',
    source: 'S8',
    expect: { exactly: 51 },
    measure: (r) => r.maliciousTypes.MALICIOUS_EMAIL,
  },
  {
    year: 2021,
    indicator: 'data leaks',
    published: '21',
    source: 'S8',
    expect: { exactly: 21 },
    measure: (r) => r.maliciousTypes.DATA_LEAK,
  },
  {
    year: 2021,
    indicator: 'equipment thefts',
    published: '11',
    source: 'S8',
    expect: { exactly: 11 },
    measure: (r) => r.maliciousTypes.EQUIPMENT_THEFT,
  },
  {
    year: 2021,
    indicator: 'denials of service',
    published: '9',
    source: 'S8',
    expect: { exactly: 9 },
    measure: (r) => r.maliciousTypes.DDOS,
  },
  {
    year: 2021,
    indicator: 'defacements',
    published: '3',
    source: 'S8',
    expect: { exactly: 3 },
    measure: (r) => r.maliciousTypes.DEFACEMENT,
  },
  {
    year: 2021,
    indicator: 'infrastructure failures (of non-malicious)',
    published: '60 %',
    source: 'S8',
    expect: { roundsTo: 60 },
    measure: (r) => pct(r.nonMaliciousTypes.INFRA_FAILURE, r.origin.NON_MALICIOUS),
  },
  {
    year: 2021,
    indicator: 'telecom losses (of non-malicious)',
    published: '14 %',
    source: 'S8 S9',
    expect: { roundsTo: 14 },
    measure: (r) => pct(r.nonMaliciousTypes.TELECOM_LOSS, r.origin.NON_MALICIOUS),
  },
  {
    year: 2021,
    indicator: 'actual patient endangerments',
    published: '5',
    source: 'S6',
    expect: { exactly: 5 },
    measure: (r) => r.patientEndangerment.ACTUAL,
  },
  {
    year: 2021,
    indicator: 'structures with no impact',
    published: '38 %',
    source: 'S13',
    expect: { roundsTo: 38 },
    measure: ofStructures((r) => r.operationalImpact.structures.NONE),
  },
  {
    year: 2021,
    indicator: 'structures in degraded mode',
    published: '52 % (39 % + 13 pts)',
    source: 'S11 [INF]',
    expect: { roundsTo: 52 },
    measure: ofStructures((r) => r.operationalImpact.structures.DEGRADED),
  },
  {
    year: 2021,
    indicator: 'declarations with data inaccessible',
    published: '~50 %',
    source: 'S9',
    expect: { roundsTo: 50 },
    measure: ofDeclarations((r) => r.dataImpacts.AVAILABILITY),
  },
  {
    year: 2021,
    indicator: 'data integrity breaches',
    published: '35',
    source: 'S12',
    expect: { exactly: 35 },
    measure: (r) => r.dataImpacts.INTEGRITY,
  },
  {
    year: 2021,
    indicator: 'support requests',
    published: '189',
    source: 'S7 S13',
    expect: { exactly: 189 },
    measure: (r) => r.support.requested,
  },
  {
    year: 2021,
    indicator: 'support request share',
    published: '26 %',
    source: 'S7 S13',
    expect: { roundsTo: 26 },
    measure: ofDeclarations((r) => r.support.requested),
  },
  {
    year: 2021,
    indicator: 'ES share',
    published: '65 %',
    source: 'S7 S10',
    expect: { roundsTo: 65 },
    measure: ofDeclarations((r) => r.byStructureType.ES),
  },
  {
    year: 2021,
    indicator: 'ESMS share',
    published: '25 %',
    source: 'S7 S10',
    expect: { roundsTo: 25 },
    measure: ofDeclarations((r) => r.byStructureType.ESMS),
  },
  {
    year: 2021,
    indicator: 'ANSSI / FSSI interventions',
    published: '37 structures',
    source: 'S7',
    expect: { exactly: 37 },
    measure: (r) => r.support.interventions.ANSSI_FSSI,
  },
];

export function meets(value: number, expectation: Expectation): boolean {
  if ('exactly' in expectation) return value === expectation.exactly;
  if ('roundsTo' in expectation) return Math.round(value) === expectation.roundsTo;
  if ('between' in expectation) return value >= expectation.between[0] && value <= expectation.between[1];
  return value > expectation.above;
}
