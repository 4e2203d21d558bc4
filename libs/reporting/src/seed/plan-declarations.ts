import {
  INTERVENTION_KINDS,
  timeToDeclare as bucketOf,
  type DataImpact,
  type IncidentType,
  type InterventionKind,
  type OperationalImpact,
  type PatientEndangerment,
  type QualifiedOrigin,
  type RegionCode,
  type StructureType,
  type TimeToDeclare,
} from '@vigie/domain';
import { CITIES, REGION_WEIGHTS, finessIn } from './geography';
import { daysInMonth, parisInstant } from './paris-time';
import { Prng, apportion, uuidFrom } from './prng';
import type { SeedProfile } from './profiles';

export interface StructurePlan {
  finess: string;
  name: string;
  type: StructureType;
  region: RegionCode;
  isOse: boolean;
  declarations: number;
  worstImpact: OperationalImpact;
}

/** What one declaration must look like at the end of its story; lifecycle.ts tells the story. */
export interface DeclarationPlan {
  index: number;
  id: string;
  structure: StructurePlan;
  occurredAt: number;
  detectedAt: number;
  submittedAt: number;
  origin: QualifiedOrigin;
  /** null: left unqualified, with no type suspected (counted UNSPECIFIED). */
  type: IncidentType | null;
  inScope: boolean;
  operationalImpact: OperationalImpact;
  patientEndangerment: PatientEndangerment;
  dataImpacts: DataImpact[];
  supportRequested: boolean;
  interventions: InterventionKind[];
  /** The CERT first qualified it with another origin (or scope), then requalified it. */
  requalified: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IMPACT_RANK: Record<OperationalImpact, number> = { NONE: 0, DEGRADED: 1, INTERRUPTION: 2 };

/** Every declaration of a reference year, with exactly the profile's counts. Pure: same profile and seed, same plan. */
export function planDeclarations(profile: SeedProfile, seed: number): DeclarationPlan[] {
  const prng = Prng.from(profile.id, seed);
  const structures = planStructures(profile, prng);
  const drafts = structures.flatMap((structure) =>
    declarationImpacts(structure, prng).map((operationalImpact) => ({ structure, operationalImpact })),
  );
  const instants = submissionInstants(profile, prng);
  const declarations: DeclarationPlan[] = prng
    .shuffle(drafts)
    .map((draft, i) => ({
      index: 0,
      id: '',
      structure: draft.structure,
      occurredAt: 0,
      detectedAt: 0,
      submittedAt: instants[i],
      origin: 'MALICIOUS' as QualifiedOrigin,
      type: null,
      inScope: draft.structure.type !== 'HORS',
      operationalImpact: draft.operationalImpact,
      patientEndangerment: 'NONE' as PatientEndangerment,
      dataImpacts: [],
      supportRequested: false,
      interventions: [],
      requalified: false,
    }))
    .sort((a, b) => a.submittedAt - b.submittedAt);
  declarations.forEach((declaration, index) => {
    declaration.index = index;
    declaration.id = uuidFrom(`${profile.id}/${seed}/declaration/${index}`);
  });

  for (const declaration of prng.sample(
    declarations.filter((d) => d.inScope && d.structure.type === 'ES'),
    profile.extraOutOfScope,
  )) {
    declaration.inScope = false;
  }
  assignTypes(profile, declarations, prng);
  assignEndangerment(profile, declarations, prng);
  assignDataImpacts(profile, declarations, prng);
  assignSupport(profile, declarations, prng);
  assignTimeToDeclare(profile, declarations, prng);
  for (const declaration of prng.sample(
    declarations.filter((d) => d.type !== null && d.inScope),
    profile.requalified,
  )) {
    declaration.requalified = true;
  }
  return declarations;
}

function planStructures(profile: SeedProfile, prng: Prng): StructurePlan[] {
  const types = Object.entries(profile.byStructureType) as [StructureType, number][];
  const perType = apportion(profile.structures, Object.fromEntries(types) as Record<StructureType, number>);
  for (const [type, declarations] of types) {
    if (perType[type] === 0 && declarations > 0) {
      const richest = types.reduce((a, b) => (perType[a[0]] > perType[b[0]] ? a : b))[0];
      perType[richest] -= 1;
      perType[type] = 1;
    }
  }
  const structures: Omit<StructurePlan, 'finess' | 'name' | 'region'>[] = [];
  for (const [type, declarations] of types) {
    const counts = Array.from({ length: perType[type] }, () => 1);
    // A few structures declare many times (large hospitals, groups hit more than once): rich get richer.
    for (let extra = declarations - counts.length; extra > 0; extra--) {
      const i = prng.weighted([...counts.keys()], (k) => counts[k] ** 1.6);
      counts[i] += 1;
    }
    for (const declarationsOfStructure of counts) {
      structures.push({ type, isOse: false, declarations: declarationsOfStructure, worstImpact: 'NONE' });
    }
  }
  const regions = assignRegions(profile, structures, prng);
  const worst = structuresByImpact(profile, structures.length, structures, prng);
  const taken = new Set<string>();
  const result = structures.map((structure, i): StructurePlan => {
    const region = regions[i];
    const city = prng.pick(CITIES[region]);
    return {
      ...structure,
      region,
      worstImpact: worst[i],
      finess: finessIn(city, prng, taken),
      name: structureName(structure.type, city.name, structure.declarations, prng),
    };
  });
  markOse(result, prng);
  return result;
}

/** Exact declaration totals for the profile's fixed regions, the rest spread by weight. */
function assignRegions(
  profile: SeedProfile,
  structures: { declarations: number }[],
  prng: Prng,
): RegionCode[] {
  const fixed = profile.regions;
  const fixedTotal = Object.values(fixed).reduce<number>((a, b) => a + (b ?? 0), 0);
  const free = Object.fromEntries(
    (Object.keys(REGION_WEIGHTS) as RegionCode[])
      .filter((code) => fixed[code] === undefined)
      .map((code) => [code, REGION_WEIGHTS[code]]),
  ) as Record<RegionCode, number>;
  const remaining: Record<string, number> = {
    ...apportion(profile.declarations - fixedTotal, free),
    ...fixed,
  };
  const order = prng
    .shuffle([...structures.keys()])
    .sort((a, b) => structures[b].declarations - structures[a].declarations);
  const regions: RegionCode[] = [];
  for (const i of order) {
    const size = structures[i].declarations;
    const fits = (Object.keys(remaining) as RegionCode[]).filter((code) => remaining[code] >= size);
    if (fits.length === 0) throw new Error(`seed: no region can take a structure of ${size} declarations`);
    const region = prng.weighted(fits, (code) => remaining[code]);
    remaining[region] -= size;
    regions[i] = region;
  }
  return regions;
}

function structuresByImpact(
  profile: SeedProfile,
  count: number,
  structures: { type: StructureType; declarations: number }[],
  prng: Prng,
): OperationalImpact[] {
  const { NONE, DEGRADED, INTERRUPTION } = profile.structuresByImpact;
  if (NONE + DEGRADED + INTERRUPTION !== count)
    throw new Error(`seed ${profile.id}: structures by impact do not sum to ${count}`);
  const impacts: OperationalImpact[] = Array.from({ length: count }, () => 'NONE');
  const keys = [...structures.keys()];
  // Hospitals that declare often are the ones whose care systems stop; out-of-scope ones rarely.
  const severity = (i: number) =>
    (structures[i].type === 'HORS' ? 0.3 : 1) * (1 + structures[i].declarations);
  const interrupted = prng.sample(keys, INTERRUPTION, severity);
  interrupted.forEach((i) => (impacts[i] = 'INTERRUPTION'));
  const rest = keys.filter((i) => impacts[i] === 'NONE');
  prng.sample(rest, DEGRADED, severity).forEach((i) => (impacts[i] = 'DEGRADED'));
  return impacts;
}

/** One declaration carries the structure's worst impact; the others are no worse. */
function declarationImpacts(structure: StructurePlan, prng: Prng): OperationalImpact[] {
  const impacts: OperationalImpact[] = [structure.worstImpact];
  const milder: OperationalImpact[] = (['NONE', 'DEGRADED', 'INTERRUPTION'] as const).filter(
    (impact) => IMPACT_RANK[impact] <= IMPACT_RANK[structure.worstImpact],
  );
  for (let i = 1; i < structure.declarations; i++) {
    impacts.push(prng.weighted(milder, (impact) => (impact === 'INTERRUPTION' ? 1 : 3)));
  }
  return impacts;
}

function structureName(type: StructureType, city: string, declarations: number, prng: Prng): string {
  switch (type) {
    case 'ES':
      if (declarations >= 4) return `CHU de ${city}`;
      return prng.pick([
        `Centre hospitalier de ${city}`,
        `Clinique de ${city}`,
        `Hôpital privé de ${city}`,
        `Centre hospitalier spécialisé de ${city}`,
      ]);
    case 'ESMS':
      return prng.pick([
        `EHPAD Les Tilleuls (${city})`,
        `EHPAD Résidence du Parc (${city})`,
        `Maison d'accueil spécialisée de ${city}`,
        `IME de ${city}`,
      ]);
    case 'LBM':
      return `Laboratoire de biologie médicale de ${city}`;
    case 'RT':
      return `Centre de radiothérapie de ${city}`;
    case 'HIA':
      return `Hôpital d'instruction des armées de ${city}`;
    case 'PDS':
      return prng.pick([`Centre de santé de ${city}`, `Centre de lutte contre le cancer de ${city}`]);
    case 'HORS':
      return prng.pick([
        `Pharmacie du centre (${city})`,
        `Cabinet médical de ${city}`,
        `Cabinet de radiologie de ${city}`,
      ]);
    default: {
      const unknown: never = type;
      return String(unknown);
    }
  }
}

/** Submission instants: months in the profile's proportions, office hours mostly, one at 23:30 on 31 December. */
function submissionInstants(profile: SeedProfile, prng: Prng): number[] {
  const months = apportion(
    profile.declarations,
    Object.fromEntries(profile.monthWeights.map((w, i) => [String(i + 1), w])),
  );
  const instants: number[] = [];
  for (const [month, count] of Object.entries(months)) {
    for (let i = 0; i < count; i++) {
      const m = Number(month);
      const day = prng.int(1, daysInMonth(profile.year, m));
      const hour = prng.chance(0.85) ? prng.int(8, 18) : prng.int(0, 23);
      instants.push(parisInstant(profile.year, m, day, hour, prng.int(0, 59)));
    }
  }
  // The year is the Paris one: the last declaration of the year is submitted at 23:30 on 31 December.
  const latest = instants.indexOf(Math.max(...instants));
  instants[latest] = parisInstant(profile.year, 12, 31, 23, 30);
  return instants;
}

type TypeSlot = { origin: QualifiedOrigin; type: IncidentType | null; count: number };

/** How likely a declaration of each impact is of a given type: ransomware stops care, theft rarely does. */
const TYPE_AFFINITY: Partial<Record<IncidentType, Record<OperationalImpact, number>>> = {
  RANSOMWARE: { NONE: 0.3, DEGRADED: 3, INTERRUPTION: 10 },
  IS_COMPROMISE: { NONE: 1, DEGRADED: 2, INTERRUPTION: 2 },
  MALICIOUS_EMAIL: { NONE: 4, DEGRADED: 1, INTERRUPTION: 0.2 },
  DATA_LEAK: { NONE: 4, DEGRADED: 0.5, INTERRUPTION: 0.1 },
  EQUIPMENT_THEFT: { NONE: 4, DEGRADED: 0.5, INTERRUPTION: 0.1 },
  DDOS: { NONE: 1, DEGRADED: 2, INTERRUPTION: 0.5 },
  DEFACEMENT: { NONE: 4, DEGRADED: 0.3, INTERRUPTION: 0.1 },
  ACCOUNT_COMPROMISE: { NONE: 3, DEGRADED: 1, INTERRUPTION: 0.3 },
  INFRA_FAILURE: { NONE: 1, DEGRADED: 2, INTERRUPTION: 2 },
  TELECOM_LOSS: { NONE: 1, DEGRADED: 2, INTERRUPTION: 1 },
  SUPPLIER_INCIDENT: { NONE: 1, DEGRADED: 2, INTERRUPTION: 1 },
  APP_MALFUNCTION: { NONE: 1, DEGRADED: 2, INTERRUPTION: 0.5 },
};

function assignTypes(profile: SeedProfile, declarations: DeclarationPlan[], prng: Prng): void {
  const slots: TypeSlot[] = [
    ...Object.entries(profile.maliciousTypes).map(([type, count]) => ({
      origin: 'MALICIOUS' as const,
      type: type === 'UNSPECIFIED' ? null : (type as IncidentType),
      count: count ?? 0,
    })),
    ...Object.entries(profile.nonMaliciousTypes).map(([type, count]) => ({
      origin: 'NON_MALICIOUS' as const,
      type: type === 'UNSPECIFIED' ? null : (type as IncidentType),
      count: count ?? 0,
    })),
  ];
  const total = slots.reduce((sum, slot) => sum + slot.count, 0);
  if (total !== declarations.length)
    throw new Error(`seed ${profile.id}: typologies sum to ${total}, not ${declarations.length}`);
  const decemberTail = parisInstant(profile.year, 12, 10, 0, 0);
  // Unqualified ones first (only the last weeks of the year can still be waiting), then the most telling types.
  const ordered = [...slots].sort((a, b) => rankOf(a) - rankOf(b));
  let pool = declarations;
  for (const slot of ordered) {
    const weight = (d: DeclarationPlan): number =>
      slot.type === null
        ? d.submittedAt >= decemberTail && d.inScope
          ? 1
          : 1e-6
        : (TYPE_AFFINITY[slot.type]?.[d.operationalImpact] ?? 1) * (d.inScope ? 1 : 0.5);
    const chosen = new Set(prng.sample(pool, slot.count, weight));
    for (const declaration of chosen) {
      declaration.origin = slot.origin;
      declaration.type = slot.type;
    }
    pool = pool.filter((d) => !chosen.has(d));
  }
}

const rankOf = (slot: TypeSlot): number => (slot.type === null ? 0 : slot.type in TYPE_AFFINITY ? 1 : 2);

function assignEndangerment(profile: SeedProfile, declarations: DeclarationPlan[], prng: Prng): void {
  const gravity = (d: DeclarationPlan) =>
    ({ NONE: 0.05, DEGRADED: 2, INTERRUPTION: 8 })[d.operationalImpact] *
    (d.inScope ? 1 : 0.01) *
    (d.type === 'RANSOMWARE' ? 2 : 1);
  const actual = prng.sample(declarations, profile.patientEndangerment.ACTUAL, gravity);
  actual.forEach((d) => (d.patientEndangerment = 'ACTUAL'));
  const rest = declarations.filter((d) => d.patientEndangerment === 'NONE');
  prng
    .sample(rest, profile.patientEndangerment.POTENTIAL, gravity)
    .forEach((d) => (d.patientEndangerment = 'POTENTIAL'));
}

const DATA_AFFINITY: Record<DataImpact, Partial<Record<IncidentType, number>>> = {
  AVAILABILITY: {
    RANSOMWARE: 10,
    INFRA_FAILURE: 4,
    SUPPLIER_INCIDENT: 4,
    TELECOM_LOSS: 3,
    APP_MALFUNCTION: 3,
    DDOS: 3,
    IS_COMPROMISE: 3,
  },
  INTEGRITY: { RANSOMWARE: 3, IS_COMPROMISE: 3, DEFACEMENT: 6, APP_MALFUNCTION: 3, OTHER: 1 },
  CONFIDENTIALITY: {
    DATA_LEAK: 20,
    EQUIPMENT_THEFT: 6,
    ACCOUNT_COMPROMISE: 5,
    IS_COMPROMISE: 4,
    MALICIOUS_EMAIL: 3,
    RANSOMWARE: 2,
  },
};

function assignDataImpacts(profile: SeedProfile, declarations: DeclarationPlan[], prng: Prng): void {
  for (const impact of ['AVAILABILITY', 'INTEGRITY', 'CONFIDENTIALITY'] as const) {
    const weight = (d: DeclarationPlan) =>
      (d.type === null ? 0.5 : (DATA_AFFINITY[impact][d.type] ?? 0.2)) *
      (impact === 'AVAILABILITY' ? { NONE: 0.3, DEGRADED: 2, INTERRUPTION: 3 }[d.operationalImpact] : 1);
    for (const declaration of prng.sample(declarations, profile.dataImpacts[impact], weight)) {
      declaration.dataImpacts.push(impact);
    }
  }
  for (const declaration of declarations) declaration.dataImpacts.sort();
}

function assignSupport(profile: SeedProfile, declarations: DeclarationPlan[], prng: Prng): void {
  const need = (d: DeclarationPlan) =>
    (d.origin === 'MALICIOUS' ? 3 : 1) *
    { NONE: 1, DEGRADED: 3, INTERRUPTION: 6 }[d.operationalImpact] *
    (d.inScope ? 1 : 0.05);
  const supported = prng.sample(declarations, profile.supportRequested, need);
  for (const declaration of supported) {
    declaration.supportRequested = true;
    declaration.interventions.push('REMOTE_ADVICE');
    const serious = declaration.origin === 'MALICIOUS' && declaration.operationalImpact !== 'NONE';
    if (prng.chance(serious ? 0.4 : 0.1)) declaration.interventions.push('TECH_INTERVENTION');
  }
  for (const kind of INTERVENTION_KINDS) {
    const structures = profile.interventionsAtStructures[kind] ?? 0;
    if (structures === 0) continue;
    // One supported declaration per structure, the gravest ones first.
    const byStructure = new Map<string, DeclarationPlan>();
    for (const declaration of prng.shuffle(supported)) {
      const known = byStructure.get(declaration.structure.finess);
      if (!known || IMPACT_RANK[declaration.operationalImpact] > IMPACT_RANK[known.operationalImpact]) {
        byStructure.set(declaration.structure.finess, declaration);
      }
    }
    const candidates = [...byStructure.values()];
    const chosen = prng.sample(
      candidates,
      structures,
      (d) =>
        (d.type === 'RANSOMWARE' || d.type === 'IS_COMPROMISE' ? 6 : 1) *
        (1 + IMPACT_RANK[d.operationalImpact]),
    );
    for (const declaration of chosen) declaration.interventions.push(kind);
  }
}

/** Operators of essential services: about one hospital in seven, more often those that declare most. */
function markOse(structures: StructurePlan[], prng: Prng): void {
  const hospitals = structures.filter((s) => s.type === 'ES');
  for (const structure of prng.sample(
    hospitals,
    Math.round(hospitals.length * 0.15),
    (s) => s.declarations ** 2,
  )) {
    structure.isOse = true;
  }
}

const TYPICAL_DELAY: Record<TimeToDeclare, number> = {
  sameDay: 0.66,
  within24h: 0.15,
  within72h: 0.11,
  later: 0.08,
};
const DELAY_RANGE: Record<TimeToDeclare, [number, number]> = {
  sameDay: [0, 12 * HOUR],
  within24h: [HOUR, DAY],
  within72h: [DAY + 60_000, 3 * DAY],
  later: [3 * DAY + 60_000, 30 * DAY],
};

function assignTimeToDeclare(profile: SeedProfile, declarations: DeclarationPlan[], prng: Prng): void {
  const buckets = Object.keys(TYPICAL_DELAY) as TimeToDeclare[];
  const bucketOfDeclaration = new Map<DeclarationPlan, TimeToDeclare>();
  if (profile.timeToDeclare) {
    let pool = declarations;
    for (const bucket of ['later', 'within72h', 'within24h'] as const) {
      const chosen = new Set(prng.sample(pool, profile.timeToDeclare[bucket]));
      chosen.forEach((d) => bucketOfDeclaration.set(d, bucket));
      pool = pool.filter((d) => !chosen.has(d));
    }
    pool.forEach((d) => bucketOfDeclaration.set(d, 'sameDay'));
  } else {
    declarations.forEach((d) =>
      bucketOfDeclaration.set(
        d,
        prng.weighted(buckets, (b) => TYPICAL_DELAY[b]),
      ),
    );
  }
  for (const declaration of declarations) {
    const bucket = bucketOfDeclaration.get(declaration) ?? 'sameDay';
    declaration.detectedAt = detectedBefore(declaration.submittedAt, bucket, prng);
    declaration.occurredAt =
      declaration.detectedAt - prng.int(0, prng.chance(0.8) ? 6 * 60 : 5 * 24 * 60) * 60_000;
  }
}

/** A detection instant that puts the declaration in `bucket`, checked with the report's own rule. */
function detectedBefore(submittedAt: number, bucket: TimeToDeclare, prng: Prng): number {
  const [min, max] = DELAY_RANGE[bucket];
  for (let tries = 0; tries < 10_000; tries++) {
    const limit = tries < 100 ? max : Math.max(min, max / (1 + tries / 100));
    const detectedAt = submittedAt - prng.int(min, Math.max(min, Math.floor(limit)));
    if (bucketOf(new Date(detectedAt).toISOString(), new Date(submittedAt).toISOString()) === bucket)
      return detectedAt;
  }
  return bucket === 'sameDay' ? submittedAt : submittedAt - max;
}
