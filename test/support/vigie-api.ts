import type { INestApplication } from '@nestjs/common';
import { openEventStore } from '@vigie/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signToken, type TokenClaims } from '../../apps/api/src/auth/tokens';
import { loadConfig, type VigieConfig } from '../../apps/api/src/config/vigie-config';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app';
import { createTestDatabase } from './postgres';

/** A FINESS number with a valid check digit, and two more for "another facility". */
export const FINESS = '750712184';
export const OTHER_FINESS = '010000016';
export const THIRD_FINESS = '970100400';

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'vigie-e2e-'));

/**
 * `VIGIE_E2E_READ_DB=postgres` runs every e2e suite with its read models in a fresh PostgreSQL
 * database per API (the event log stays in SQLite): `VIGIE_E2E_READ_DB=postgres npx jest test`.
 */
const readModelsOnPostgres = process.env.VIGIE_E2E_READ_DB === 'postgres';

/** The real API on a data dir of its own (SQLite files), spoken to over real HTTP. */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly config: VigieConfig,
    private readonly dropReadDb: () => Promise<void>,
  ) {}

  /** `env` is the whole environment the API sees: the host's own variables do not leak in. */
  static async start(env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApi> {
    let dropReadDb = async (): Promise<void> => undefined;
    if (readModelsOnPostgres && env.VIGIE_READ_DB_URL === undefined) {
      const database = await createTestDatabase('vigie_e2e_read');
      env = { ...env, VIGIE_READ_DB_URL: database.url };
      dropReadDb = database.drop;
    }
    const config = loadConfig({
      VIGIE_DATA_DIR: env.VIGIE_DATA_DIR ?? newDataDir(),
      // Reads after writes wait for the projector; on a loaded CI machine 5 s is not always enough.
      VIGIE_MIN_POSITION_TIMEOUT_MS: '15000',
      ...env,
    });
    try {
      const app = await createApp(config, { logger: ['error'], ...options });
      return new TestApi(app, config, dropReadDb);
    } catch (error) {
      await dropReadDb();
      throw error;
    }
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

  /**
   * `{ minPosition: <head of the log> }`, as query parameters: a read that sees every write made
   * so far, for tests that read after several commands (a client would pass the `position` its
   * last command answered).
   */
  async caughtUp(): Promise<{ minPosition: string }> {
    return { minPosition: (await this.headPosition()).toString() };
  }

  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    await this.app.close();
    await this.dropReadDb();
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
