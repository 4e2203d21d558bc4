import type { INestApplication } from '@nestjs/common';
import { openEventStore } from '@vigie/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signToken, type TokenClaims } from '../../apps/api/src/auth/tokens';
import { loadConfig, type VigieConfig } from '../../apps/api/src/config/vigie-config';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app';

/** A FINESS number with a valid check digit, and two more for "another facility". */
export const FINESS = '750712184';
export const OTHER_FINESS = '010000016';
export const THIRD_FINESS = '970100400';

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'vigie-e2e-'));

/** The real API on a data dir of its own (SQLite files), spoken to over real HTTP. */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly config: VigieConfig,
  ) {}

  /** `env` is the whole environment the API sees: the host's own variables do not leak in. */
  static async start(env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApi> {
    const config = loadConfig({ VIGIE_DATA_DIR: env.VIGIE_DATA_DIR ?? newDataDir(), ...env });
    const app = await createApp(config, { logger: ['error'], ...options });
    return new TestApi(app, config);
  }

  get http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer());
  }

  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'role'>): Promise<string> {
    return signToken(
      { sub: `${claims.role}-1`, finess: claims.role === 'declarant' ? [FINESS] : [], ...claims },
      this.config.jwtSecret,
    );
  }

  /** Position of the last event in the log, read through a second store opened on the same file. */
  async headPosition(): Promise<bigint> {
    const store = await openEventStore(this.config.eventStoreUrl);
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  }

  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (options.removeData ?? true) rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

/** A submission that passes every rule; tests override what they examine. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    structure: {
      finess: FINESS,
      name: 'Centre hospitalier X',
      type: 'ES',
      region: '11',
      isOse: false,
      nis2: 'NONE',
    },
    declarant: {
      name: 'Jeanne Martin',
      role: 'RSSI',
      email: 'rssi@ch-x.example',
      phone: '+33 1 23 45 67 89',
    },
    occurredAt: '2026-03-02T07:40:00+01:00',
    detectedAt: '2026-03-02T08:05:00+01:00',
    description: 'Ransom note on several servers; patient records unavailable.',
    suspectedOrigin: 'MALICIOUS',
    suspectedType: 'RANSOMWARE',
    operationalImpact: 'DEGRADED',
    patientEndangerment: 'POTENTIAL',
    dataImpacts: ['AVAILABILITY'],
    supportRequested: true,
    measuresTaken: 'Network isolated.',
    ...overrides,
  };
}

export const qualification = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  origin: 'MALICIOUS',
  type: 'RANSOMWARE',
  attackVectors: ['PHISHING'],
  regulatoryQualification: 'GRAVE',
  inScope: true,
  ...overrides,
});

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** After the submission, a clock in the spring of 2026: incident dates of the fixtures are in the past. */
export const fixedClock = (iso = '2026-03-03T09:00:00.000Z'): (() => Date) => {
  let now = Date.parse(iso);
  // Each reading moves one second on, so that events of one test have distinct instants.
  return () => new Date((now += 1000));
};
