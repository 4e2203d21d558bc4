import {
  unstatedFormFields,
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  REGION_CODES,
  STRUCTURE_TYPES,
  type DeclarationEvent,
  type Qualification,
} from '@vigie/domain';
import type { EventStore, NewEvent } from '@vigie/event-store';

/**
 * A deterministic, realistic log for tests and benchmarks: declarations interleaved in the feed,
 * each amended, qualified, requalified, supported, resolved, closed and reopened at random, with
 * submissions around New Year's Eve and both DST changes. Events are generated directly (not
 * through `decide`) to append tens of thousands quickly; projections must accept any such order.
 */
export interface GeneratedAppend {
  streamId: string;
  expectedRevision: number | 'no_stream';
  events: NewEvent[];
  recordedAt: Date;
}

export function* generateLog(options: {
  declarations: number;
  seed: number;
  facilities?: number;
  concurrent?: number;
}): Generator<GeneratedAppend> {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const facilities = Array.from({ length: options.facilities ?? 150 }, (_, index) => ({
    finess: String(100000000 + index * 7919).slice(0, 9),
    name: `Établissement ${index} — CH «${pick(['Saint-Étienne', 'Cœur de Loire', 'Pasteur', 'Les Tilleuls'])}»`,
    type: pick(STRUCTURE_TYPES),
    region: pick(REGION_CODES),
  }));
  const active: { id: string; index: number; lifecycle: DeclarationEvent[]; next: number }[] = [];
  let created = 0;
  let clock = Date.parse('2025-01-01T00:00:00.000Z');

  while (created < options.declarations || active.length > 0) {
    while (active.length < (options.concurrent ?? 40) && created < options.declarations) {
      const id = uuidOf(options.seed, created);
      clock += Math.floor(random() * 3_600_000);
      active.push({
        id,
        index: created++,
        lifecycle: lifecycle(id, new Date(submissionInstant(random, clock)), random, pick, pick(facilities)),
        next: 0,
      });
    }
    const index = Math.floor(random() * active.length);
    const declaration = active[index];
    const event = declaration.lifecycle[declaration.next];
    const revision = declaration.next++;
    if (declaration.next >= declaration.lifecycle.length) active.splice(index, 1);
    yield {
      streamId: `declaration-${declaration.id}`,
      expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      events: [
        {
          id: uuidOf(options.seed + 1, declaration.index * 100 + revision),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            actor: {
              sub: revision === 0 ? 'declarant-1' : 'analyst-1',
              role: revision === 0 ? 'declarant' : 'analyst',
            },
            correlationId: 'seed',
            schemaVersion: 1,
          },
        },
      ],
      recordedAt: new Date(clock),
    };
  }
}

/** Appends a generated log; returns how many events were appended. */
export async function appendLog(store: EventStore, log: Iterable<GeneratedAppend>): Promise<number> {
  let count = 0;
  for (const append of log) {
    await store.append(append.streamId, append.events, {
      expectedRevision: append.expectedRevision,
      recordedAt: append.recordedAt,
    });
    count += append.events.length;
  }
  return count;
}

/** One submission in ten falls on a boundary the Paris calendar must get right. */
function submissionInstant(random: () => number, clock: number): string {
  const boundaries = [
    '2025-12-31T22:30:00.000Z', // 23:30 in Paris on 31 December: still 2025
    '2025-12-31T23:30:00.000Z', // 00:30 in Paris: 2026
    '2025-03-30T00:59:59.000Z', // just before the spring change (02:00 → 03:00)
    '2025-03-30T01:00:00.000Z',
    '2025-10-26T00:59:59.000Z', // just before the autumn change (03:00 → 02:00)
    '2025-10-26T01:00:00.000Z',
    '2026-02-28T23:00:00.000Z', // midnight in Paris: 1 March
  ];
  if (random() < 0.1) return boundaries[Math.floor(random() * boundaries.length)];
  return new Date(clock).toISOString();
}

function lifecycle(
  id: string,
  submittedAt: Date,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  facility: {
    finess: string;
    name: string;
    type: (typeof STRUCTURE_TYPES)[number];
    region: (typeof REGION_CODES)[number];
  },
): DeclarationEvent[] {
  let minutes = 0;
  const at = () =>
    new Date(submittedAt.getTime() + (minutes += 1 + Math.floor(random() * 600)) * 60_000).toISOString();
  const malicious = random() < 0.5;
  const origin = random() < 0.1 ? 'UNKNOWN' : malicious ? 'MALICIOUS' : 'NON_MALICIOUS';
  const typeOf = (m: boolean) => (m ? pick(MALICIOUS_TYPES) : pick(NON_MALICIOUS_TYPES));
  const qualification = (m: boolean): Qualification => ({
    origin: m ? 'MALICIOUS' : 'NON_MALICIOUS',
    type: typeOf(m),
    attackVectors: m ? ['PHISHING'] : [],
    regulatoryQualification: pick(['GRAVE', 'SIGNIFICATIF'] as const),
    inScope: random() > 0.1,
    outOfScopeReason: null,
  });
  const events: DeclarationEvent[] = [
    {
      type: 'DeclarationSubmitted',
      data: {
        declarationId: id,
        structure: { ...facility, isOse: random() < 0.2, nis2: 'NONE' },
        declarant: { name: 'Jeanne Martin', role: 'RSSI', email: 'rssi@example.org', phone: null },
        occurredAt: new Date(submittedAt.getTime() - Math.floor(random() * 96) * 3_600_000).toISOString(),
        detectedAt: new Date(submittedAt.getTime() - Math.floor(random() * 80) * 3_600_000).toISOString(),
        description: pick([
          'Rançongiciel sur les serveurs du PACS — sécurité compromise',
          'Perte du lien télécom 100% du site',
          'Hameçonnage ciblant la messagerie (campagne_2025)',
          'Panne électrique du datacenter, cœur de réseau indisponible',
          'Fuite de données patients via un prestataire',
        ]),
        suspectedOrigin: origin,
        suspectedType: origin === 'UNKNOWN' ? null : typeOf(malicious),
        operationalImpact: pick(['NONE', 'DEGRADED', 'INTERRUPTION'] as const),
        patientEndangerment: pick(['NONE', 'NONE', 'POTENTIAL', 'ACTUAL'] as const),
        dataImpacts: DATA_IMPACTS.filter(() => random() < 0.4),
        supportRequested: random() < 0.25,
        measuresTaken: null,
        ...unstatedFormFields(),
        reference: null,
        submittedBy: 'declarant-1',
        submittedAt: submittedAt.toISOString(),
      },
    },
  ];
  const amend = <T extends DeclarationEvent['type']>(type: T, from: unknown, to: unknown) =>
    events.push({
      type,
      data: { declarationId: id, from, to, amendedBy: 'declarant-1', amendedAt: at() },
    } as DeclarationEvent);
  if (random() < 0.4)
    amend('PatientEndangermentAmended', 'NONE', pick(['NONE', 'POTENTIAL', 'ACTUAL'] as const));
  if (random() < 0.3) amend('OperationalImpactAmended', 'NONE', pick(['DEGRADED', 'INTERRUPTION'] as const));
  if (random() < 0.2) amend('DescriptionAmended', 'x', 'Description précisée après analyse');
  if (random() < 0.2) amend('DataImpactsAmended', [], ['CONFIDENTIALITY']);
  if (random() < 0.1) {
    events.push({
      type: 'StructureNis2StatusAmended',
      data: { declarationId: id, from: 'NONE', to: 'ESSENTIAL', amendedBy: 'declarant-1', amendedAt: at() },
    });
  }
  if (random() < 0.2) {
    for (const [attempts, outcome] of [
      [1, 'failed'],
      [2, 'delivered'],
    ] as const) {
      events.push({
        type: 'AuthorityNotified',
        data: {
          declarationId: id,
          authority: 'ARS',
          region: facility.region,
          outcome,
          attempts,
          deliveryId: `${id}-ars`,
          at: at(),
        },
      });
    }
  }
  if (random() < 0.05) {
    events.push({
      type: 'CnilNotificationDeclared',
      data: {
        declarationId: id,
        notifiedAt: at(),
        reference: 'CNIL-1',
        declaredBy: 'declarant-1',
        declaredAt: at(),
      },
    });
  }
  if (random() < 0.3) {
    events.push({
      type: 'ComplementRequested',
      data: {
        declarationId: id,
        requestId: `${id}-c`,
        question: 'Précisez ?',
        requestedBy: 'analyst-1',
        requestedAt: at(),
      },
    });
    if (random() < 0.8)
      events.push({
        type: 'ComplementProvided',
        data: {
          declarationId: id,
          requestId: `${id}-c`,
          answer: 'Voici',
          providedBy: 'declarant-1',
          providedAt: at(),
        },
      });
  }
  if (random() < 0.7) {
    const first = qualification(malicious);
    events.push({
      type: 'DeclarationQualified',
      data: { declarationId: id, ...first, qualifiedBy: 'analyst-1', qualifiedAt: at() },
    });
    if (random() < 0.25) {
      events.push({
        type: 'DeclarationRequalified',
        data: {
          declarationId: id,
          from: first,
          to: qualification(!malicious),
          requalifiedBy: 'analyst-2',
          requalifiedAt: at(),
        },
      });
    }
  }
  if (random() < 0.3)
    events.push({
      type: 'SupportRequested',
      data: { declarationId: id, reason: 'Aide', requestedBy: 'declarant-1', requestedAt: at() },
    });
  for (let i = 0; i < Math.floor(random() * 3); i++) {
    events.push({
      type: 'SupportInterventionLogged',
      data: {
        declarationId: id,
        interventionId: `${id}-i${i}`,
        kind: pick(INTERVENTION_KINDS),
        summary: 'Appui',
        loggedBy: 'analyst-1',
        loggedAt: at(),
      },
    });
  }
  if (random() < 0.6) {
    events.push({
      type: 'ResolutionReported',
      data: {
        declarationId: id,
        resolvedAt: at(),
        summary: 'Rétabli',
        reportedBy: 'declarant-1',
        reportedAt: at(),
      },
    });
    if (random() < 0.8) {
      events.push({
        type: 'DeclarationClosed',
        data: { declarationId: id, reason: 'Traité', closedBy: 'analyst-1', closedAt: at() },
      });
      if (random() < 0.15) {
        events.push({
          type: 'DeclarationReopened',
          data: { declarationId: id, reason: 'Rechute', reopenedBy: 'analyst-1', reopenedAt: at() },
        });
        if (random() < 0.5)
          events.push({
            type: 'DeclarationClosed',
            data: { declarationId: id, reason: 'Traité', closedBy: 'analyst-1', closedAt: at() },
          });
      }
    }
  }
  return events;
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidOf(seed: number, index: number): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  return `${hex(seed, 8)}-${hex(index >>> 16, 4)}-4${hex(index, 3)}-8${hex(index * 31, 3)}-${hex(index, 12)}`;
}
