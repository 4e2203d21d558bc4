import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  declarationDecider,
  formatReference,
  declarationStreamId,
  toDeclarationEvent,
  type Actor,
  type DeclarationCommand,
  type DeclarationEvent,
  type SubmitDeclaration,
} from '@vigie/domain';
import { SqliteEventStore, handleCommand, type EventStore } from '@vigie/event-store';
import { openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { loadNotifierConfig, type NotifierConfig } from '../notifier-config';
import { SqlNotifierState } from '../notifier-state';

export const SECRET = 'test-secret-of-the-webhooks';
export const FINESS = '750712184';
export const DECLARANT: Actor = { sub: 'rssi-1', role: 'declarant' };
export const ANALYST: Actor = { sub: 'analyst-1', role: 'analyst' };

/** A clock the test moves by hand: no test waits for a real deadline. */
export class ManualClock {
  constructor(private ms: number) {}
  readonly now = (): Date => new Date(this.ms);
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(hours: number): void {
    this.ms += hours * 3_600_000;
  }
}

/** Real SQLite files in a temporary directory: the event log and the read database. */
export class NotifierFiles {
  readonly directory = mkdtempSync(join(tmpdir(), 'vigie-notifier-'));
  readonly eventsUrl = `sqlite:${join(this.directory, 'events.sqlite')}`;
  readonly readUrl = `sqlite:${join(this.directory, 'read.sqlite')}`;
  private readonly opened: { close(): Promise<void> }[] = [];

  async store(): Promise<EventStore> {
    const store = await SqliteEventStore.open(join(this.directory, 'events.sqlite'), {
      synchronous: 'normal',
    });
    this.opened.push(store);
    return store;
  }

  async state(): Promise<{ state: SqlNotifierState; dataSource: DataSource }> {
    const dataSource = await openReadDataSource(this.readUrl);
    this.opened.push({ close: () => dataSource.destroy() });
    return { state: await SqlNotifierState.open(dataSource), dataSource };
  }

  async remove(): Promise<void> {
    for (const resource of this.opened.reverse()) await resource.close().catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** The environment of a notifier whose ARS 11, HFDS and facility webhooks all point at `receiverUrl`. */
export const webhookEnv = (
  receiverUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  VIGIE_WEBHOOK_SECRET: SECRET,
  VIGIE_WEBHOOK_ARS_11: `${receiverUrl}/ars-11`,
  VIGIE_WEBHOOK_HFDS: `${receiverUrl}/hfds`,
  VIGIE_WEBHOOK_FACILITIES: `${receiverUrl}/facility/{finess}`,
  VIGIE_WEBHOOK_BACKOFF_MS: '5',
  VIGIE_WEBHOOK_MAX_ATTEMPTS: '3',
  VIGIE_WEBHOOK_ROUND_COOLDOWN_MS: '600000',
  VIGIE_PUBLIC_URL: 'https://vigie.example',
  ...extra,
});

export const notifierConfig = (receiverUrl: string, extra: Record<string, string> = {}): NotifierConfig =>
  loadNotifierConfig(webhookEnv(receiverUrl, extra))!;

/** The command path of the API, without HTTP: the write path with no retry, as one client would. */
export async function execute(store: EventStore, command: DeclarationCommand): Promise<void> {
  await handleCommand(store, {
    streamId: declarationStreamId(command.declarationId),
    decider: declarationDecider,
    toDomain: toDeclarationEvent,
    command,
    eventId: () => randomUUID(),
    metadata: { actor: command.actor, correlationId: randomUUID(), schemaVersion: 1 },
    maxAttempts: 1,
  });
}

export async function streamOf(store: EventStore, declarationId: string): Promise<DeclarationEvent[]> {
  return (await store.readStream(declarationStreamId(declarationId))).map(toDeclarationEvent);
}

let submissions = 0;

/** A NIS2 essential hospital of Île-de-France declaring ransomware detected at `detectedAt`. */
export function submission(
  declarationId: string,
  detectedAt: string,
  now: string,
  overrides: Partial<SubmitDeclaration> = {},
): SubmitDeclaration {
  return {
    type: 'SubmitDeclaration',
    declarationId,
    actor: DECLARANT,
    now,
    reference: formatReference(2026, ++submissions),
    structure: { finess: FINESS, name: 'CHU X', type: 'ES', region: '11', isOse: false, nis2: 'ESSENTIAL' },
    declarant: {
      name: 'Camille Martin',
      role: 'RSSI',
      email: 'rssi@chu-x.example',
      phone: '+33 1 00 00 00 00',
    },
    occurredAt: detectedAt,
    detectedAt,
    description: 'Rançongiciel : serveurs chiffrés',
    suspectedOrigin: 'MALICIOUS',
    suspectedType: 'RANSOMWARE',
    operationalImpact: 'INTERRUPTION',
    patientEndangerment: 'POTENTIAL',
    dataImpacts: ['AVAILABILITY'],
    supportRequested: true,
    measuresTaken: null,
    ...overrides,
  };
}
