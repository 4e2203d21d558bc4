import {
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  STRUCTURE_TYPES,
  finessPlace,
  type RegionCode,
} from '@vigie/domain';
import type { Principal } from '../../apps/api/src/auth/principal';
import type { CommandContext } from '../../apps/api/src/declarations/command-context';
import type { CommandIntent } from '../../apps/api/src/declarations/execute-declaration-command';
import { namespacedKey, newId, requestHash } from '../../apps/api/src/declarations/idempotency';
import { mulberry32 } from '../../libs/read-models/src/testing/event-log-generator';

/** FINESS numbers with valid check digits (the domain refuses others). */
const FACILITIES = ['750712184', '010000016', '970100400'] as const;

/** A facility's region is its FINESS number's (the domain refuses any other). */
function regionOf(finess: string): RegionCode {
  const place = finessPlace(finess);
  if (place.kind !== 'region') throw new Error(`${finess} is in no region`);
  return place.region;
}

export const ANALYST: Principal = { sub: 'analyst-1', role: 'analyst', finess: [] };
export const declarantOf = (writer: number): Principal => ({
  sub: `declarant-${writer}`,
  role: 'declarant',
  finess: [...FACILITIES],
});

/** One command as the API's controller hands it to the bus: the intent, its context, and the route it came by. */
export interface PlannedCommand {
  intent: CommandIntent;
  context: CommandContext;
}

/**
 * The life of one declaration as a facility and the CERT live it: a submission, then six follow-up
 * commands (qualify, ask for a complement, answer it, log an intervention, report the resolution,
 * close). Every command carries an Idempotency-Key, as the API's clients send them. Deterministic
 * for a seed, a writer and a declaration number.
 */
export function declarationLife(seed: number, writer: number, index: number): PlannedCommand[] {
  const random = mulberry32(seed * 1_000_003 + writer * 10_007 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const declarant = declarantOf(writer);
  const keyOf = (step: number) => `bench-${seed}-${writer}-${index}-${step}`;
  const declarationId = newId(namespacedKey(declarant.sub, keyOf(0)), 'declaration');
  const path = `/api/v1/declarations/${declarationId}`;
  const command = (
    step: number,
    principal: Principal,
    route: string,
    intent: CommandIntent,
  ): PlannedCommand => {
    const key = namespacedKey(principal.sub, keyOf(step));
    return {
      intent,
      context: {
        principal,
        idempotencyKey: key,
        requestHash: requestHash('POST', route, intent),
        ifMatch: null,
        correlationId: `bench-${writer}-${index}-${step}`,
      },
    };
  };
  const on = { declarationId };
  const facility = pick(FACILITIES);
  return [
    command(0, declarant, '/api/v1/declarations', {
      type: 'SubmitDeclaration',
      ...on,
      structure: {
        finess: facility,
        name: 'Centre hospitalier de Bench',
        type: pick(STRUCTURE_TYPES),
        region: regionOf(facility),
        isOse: random() < 0.2,
        nis2: 'NONE',
      },
      declarant: { name: 'Camille Martin', role: 'RSSI', email: 'rssi@ch-bench.example', phone: null },
      occurredAt: '2026-03-02T07:40:00+01:00',
      detectedAt: '2026-03-02T08:05:00+01:00',
      description: 'Rançongiciel sur les serveurs du PACS, postes des urgences chiffrés.',
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'RANSOMWARE',
      operationalImpact: pick(['NONE', 'DEGRADED', 'INTERRUPTION'] as const),
      patientEndangerment: pick(['NONE', 'POTENTIAL', 'ACTUAL'] as const),
      dataImpacts: ['AVAILABILITY'],
      supportRequested: random() < 0.3,
      measuresTaken: 'Réseau isolé',
    }),
    command(1, ANALYST, `${path}/qualification`, {
      type: 'QualifyDeclaration',
      ...on,
      origin: 'MALICIOUS',
      incidentType: pick(MALICIOUS_TYPES),
      attackVectors: ['PHISHING'],
      regulatoryQualification: 'GRAVE',
      inScope: true,
      outOfScopeReason: null,
    }),
    command(2, ANALYST, `${path}/complement-requests`, {
      type: 'RequestComplement',
      ...on,
      requestId: newId(namespacedKey(ANALYST.sub, keyOf(2)), 'complement-request'),
      question: 'Quels serveurs sont touchés ?',
    }),
    command(3, declarant, `${path}/complements`, {
      type: 'ProvideComplement',
      ...on,
      answer: 'Le PACS et deux serveurs de fichiers.',
    }),
    command(4, ANALYST, `${path}/support-interventions`, {
      type: 'LogSupportIntervention',
      ...on,
      interventionId: newId(namespacedKey(ANALYST.sub, keyOf(4)), 'intervention'),
      kind: pick(INTERVENTION_KINDS),
      summary: 'Appui à la remédiation',
    }),
    command(5, declarant, `${path}/resolution`, {
      type: 'ReportResolution',
      ...on,
      resolvedAt: '2026-03-04T10:00:00+01:00',
      summary: 'Service rétabli',
    }),
    command(6, ANALYST, `${path}/closure`, { type: 'CloseDeclaration', ...on, reason: 'Traité' }),
  ];
}

export const COMMANDS_PER_DECLARATION = 7;
