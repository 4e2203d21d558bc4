import {
  unstatedFormFields,
  type DeclarationEvent,
  type DeclarationSubmitted,
  type Qualification,
  type UserEvent,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';

/** Test builders: recorded events as a store hands them to projections. */
export const DECLARATION_ID = '11111111-1111-4111-8111-111111111111';

export function submittedData(
  overrides: Partial<DeclarationSubmitted['data']> = {},
): DeclarationSubmitted['data'] {
  return {
    declarationId: DECLARATION_ID,
    structure: {
      finess: '750712184',
      name: 'Centre hospitalier X',
      type: 'ES',
      region: '11',
      isOse: false,
      nis2: 'NONE',
    },
    declarant: { name: 'Jeanne Martin', role: 'RSSI', email: 'jeanne@example.org', phone: null },
    occurredAt: '2026-03-02T06:40:00.000Z',
    detectedAt: '2026-03-02T07:05:00.000Z',
    description: 'Chiffrement des serveurs de la pharmacie',
    suspectedOrigin: 'MALICIOUS',
    suspectedType: 'RANSOMWARE',
    operationalImpact: 'DEGRADED',
    patientEndangerment: 'POTENTIAL',
    dataImpacts: ['AVAILABILITY'],
    supportRequested: false,
    measuresTaken: null,
    ...unstatedFormFields(),
    reference: null,
    submittedBy: 'declarant-1',
    submittedAt: '2026-03-02T08:00:00.000Z',
    ...overrides,
  };
}

export function qualification(overrides: Partial<Qualification> = {}): Qualification {
  return {
    origin: 'MALICIOUS',
    type: 'RANSOMWARE',
    attackVectors: ['PHISHING'],
    regulatoryQualification: 'GRAVE',
    inScope: true,
    outOfScopeReason: null,
    ...overrides,
  };
}

/**
 * Records the given domain events as one declaration's stream, revisions from 0 and positions
 * from `firstPosition`, by actor `sub` (the metadata the projections read).
 */
export function recorded(
  events: DeclarationEvent[],
  options: { firstPosition?: bigint; firstRevision?: number; sub?: string } = {},
): RecordedEvent[] {
  const firstPosition = options.firstPosition ?? 1n;
  const firstRevision = options.firstRevision ?? 0;
  return events.map((event, index) => ({
    id: `${event.data.declarationId}-${firstRevision + index}`,
    streamId: `declaration-${event.data.declarationId}`,
    revision: firstRevision + index,
    position: firstPosition + BigInt(index),
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      actor: { sub: options.sub ?? 'user-1', role: 'analyst' },
      correlationId: 'c-1',
      schemaVersion: 1,
    },
    recordedAt: '2026-03-02T09:00:00.000Z',
  }));
}

/** Records the given domain events as one user's stream, revisions from 0 and positions from `firstPosition`. */
export function recordedUser(events: UserEvent[], firstPosition = 1n): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `${event.data.userId}-${index}`,
    streamId: `user-${event.data.userId}`,
    revision: index,
    position: firstPosition + BigInt(index),
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor: { sub: 'admin-1', role: 'admin' }, correlationId: 'c-1', schemaVersion: 1 },
    recordedAt: '2026-03-02T09:00:00.000Z',
  }));
}

export const at = (minutes: number): string =>
  new Date(Date.parse('2026-03-02T08:00:00.000Z') + minutes * 60_000).toISOString();
