import type {
  DataImpact,
  InterventionKind,
  MaliciousType,
  NonMaliciousType,
  OperationalImpact,
  RegionCode,
  StructureType,
  TimeToDeclare,
} from '@vigie/domain';

/**
 * A reference year: the counts the seeded log must reproduce. Published figures (see
 * published-figures.ts) are met exactly; the other counts are plausible choices, needed because a
 * declaration must have some type, region or impact, and are marked "chosen" below.
 */
export interface SeedProfile {
  id: string;
  year: number;
  declarations: number;
  structures: number;
  /** Declarations per type of structure; HORS ones are qualified out of scope. */
  byStructureType: Partial<Record<StructureType, number>>;
  /** Out-of-scope declarations besides HORS ones (e.g. incidents not concerning IT). */
  extraOutOfScope: number;
  /** Regions whose count of declarations is fixed; the others share the rest by REGION_WEIGHTS. */
  regions: Partial<Record<RegionCode, number>>;
  /** Counts per type; UNSPECIFIED ones are left unqualified at the end of the year, with no type suspected. */
  maliciousTypes: Partial<Record<MaliciousType | 'UNSPECIFIED', number>>;
  nonMaliciousTypes: Partial<Record<NonMaliciousType | 'UNSPECIFIED', number>>;
  patientEndangerment: { POTENTIAL: number; ACTUAL: number };
  dataImpacts: Record<DataImpact, number>;
  /** Declaring structures by the worst operational impact of their declarations. */
  structuresByImpact: Record<OperationalImpact, number>;
  supportRequested: number;
  /** Interventions of a kind that must each be at a distinct structure (e.g. ANSSI/FSSI at 37 structures). */
  interventionsAtStructures: Partial<Record<InterventionKind, number>>;
  /** Exact time-to-declare counts when published; otherwise drawn from typical rates. */
  timeToDeclare: Record<TimeToDeclare, number> | null;
  /** Relative weight of each month in the year's declarations. */
  monthWeights: number[];
  /** Declarations the CERT first qualifies with another origin, then requalifies. */
  requalified: number;
}

export const ANS_2019: SeedProfile = {
  id: 'ans-2019',
  year: 2019,
  declarations: 392,
  structures: 300,
  // chosen: the 2017–2019 proportions (88 % ES, 6 % EHPAD, 4 % LBM, 2 % RT) with 30 pharmacies out of scope.
  byStructureType: { ES: 330, ESMS: 16, LBM: 10, RT: 6, HORS: 30 },
  // 38 of 392 were not processed: pharmacies (the 30 HORS) or not about information systems.
  extraOutOfScope: 8,
  regions: {},
  // chosen, summing to the published 43 % (169) malicious.
  maliciousTypes: {
    MALICIOUS_EMAIL: 52,
    IS_COMPROMISE: 30,
    RANSOMWARE: 28,
    DATA_LEAK: 15,
    ACCOUNT_COMPROMISE: 14,
    EQUIPMENT_THEFT: 12,
    DDOS: 8,
    DEFACEMENT: 6,
    OTHER_MALICIOUS: 4,
  },
  nonMaliciousTypes: {
    INFRA_FAILURE: 120,
    TELECOM_LOSS: 40,
    SUPPLIER_INCIDENT: 30,
    APP_MALFUNCTION: 20,
    OTHER: 13,
  },
  patientEndangerment: { POTENTIAL: 20, ACTUAL: 1 },
  dataImpacts: { AVAILABILITY: 150, INTEGRITY: 18, CONFIDENTIALITY: 46 },
  structuresByImpact: { NONE: 150, DEGRADED: 120, INTERRUPTION: 30 },
  supportRequested: 70,
  interventionsAtStructures: {},
  // ≈70 % the same day, 80 % within 24 h.
  timeToDeclare: { sameDay: 274, within24h: 40, within72h: 50, later: 28 },
  monthWeights: [7, 7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 10],
  requalified: 14,
};

export const ANS_2020: SeedProfile = {
  id: 'ans-2020',
  year: 2020,
  declarations: 369,
  structures: 250,
  byStructureType: { ES: 301, ESMS: 31, RT: 4, LBM: 3, HORS: 30 },
  extraOutOfScope: 0,
  // Île-de-France 56 and Auvergne-Rhône-Alpes "5x", together over 30 % of declarations.
  regions: { '11': 56, '84': 55 },
  // RANSOMWARE: "a quarter" of the 369; the rest chosen, summing to the published 221 (60 %).
  maliciousTypes: {
    RANSOMWARE: 92,
    IS_COMPROMISE: 40,
    MALICIOUS_EMAIL: 38,
    ACCOUNT_COMPROMISE: 17,
    DATA_LEAK: 12,
    EQUIPMENT_THEFT: 8,
    DDOS: 7,
    DEFACEMENT: 4,
    OTHER_MALICIOUS: 3,
  },
  nonMaliciousTypes: {
    INFRA_FAILURE: 80,
    TELECOM_LOSS: 25,
    SUPPLIER_INCIDENT: 22,
    APP_MALFUNCTION: 13,
    OTHER: 8,
  },
  patientEndangerment: { POTENTIAL: 32, ACTUAL: 2 },
  dataImpacts: { AVAILABILITY: 146, INTEGRITY: 21, CONFIDENTIALITY: 60 },
  // 35 % no impact, 45 % degraded mode; the remaining 20 % had their care system interrupted.
  structuresByImpact: { NONE: 88, DEGRADED: 112, INTERRUPTION: 50 },
  supportRequested: 90,
  interventionsAtStructures: {},
  timeToDeclare: null,
  // The spring 2020 lockdown weighed on declarations, the autumn ransomware wave raised them.
  monthWeights: [8, 8, 6, 6, 7, 8, 8, 8, 9, 11, 11, 10],
  requalified: 18,
};

export const ANS_2021: SeedProfile = {
  id: 'ans-2021',
  year: 2021,
  declarations: 733,
  structures: 582,
  // 65 % ES and 25 % ESMS; the rest chosen.
  byStructureType: { ES: 476, ESMS: 183, LBM: 21, RT: 9, HIA: 3, PDS: 15, HORS: 26 },
  extraOutOfScope: 0,
  regions: {},
  // The seven published typologies; OTHER_MALICIOUS is the rest of the 381 (52 %), of which 7 still unqualified.
  maliciousTypes: {
    IS_COMPROMISE: 98,
    RANSOMWARE: 59,
    MALICIOUS_EMAIL: 51,
    DATA_LEAK: 21,
    EQUIPMENT_THEFT: 11,
    DDOS: 9,
    DEFACEMENT: 3,
    OTHER_MALICIOUS: 122,
    UNSPECIFIED: 7,
  },
  // Infrastructure failures 60 % and telecom losses 14 % of non-malicious incidents.
  nonMaliciousTypes: {
    INFRA_FAILURE: 211,
    TELECOM_LOSS: 49,
    SUPPLIER_INCIDENT: 55,
    APP_MALFUNCTION: 24,
    OTHER: 10,
    UNSPECIFIED: 3,
  },
  // 5 actual endangerments; the potential ones are not published (chosen).
  patientEndangerment: { POTENTIAL: 58, ACTUAL: 5 },
  // About half of incidents left data inaccessible; 35 integrity breaches; confidentiality chosen.
  dataImpacts: { AVAILABILITY: 367, INTEGRITY: 35, CONFIDENTIALITY: 70 },
  // 38 % no impact, 52 % degraded mode.
  structuresByImpact: { NONE: 221, DEGRADED: 303, INTERRUPTION: 58 },
  supportRequested: 189,
  // ANSSI or the ministry's FSSI intervened at 37 structures.
  interventionsAtStructures: { ANSSI_FSSI: 37 },
  timeToDeclare: null,
  monthWeights: [8, 8, 9, 9, 9, 8, 8, 7, 8, 9, 9, 8],
  requalified: 30,
};

export const SEED_PROFILES: Record<string, SeedProfile> = {
  [ANS_2019.id]: ANS_2019,
  [ANS_2020.id]: ANS_2020,
  [ANS_2021.id]: ANS_2021,
};
