import type { INestApplication } from '@nestjs/common';
import { openEventStore, type EventStore } from '@vigie/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { signToken, type TokenClaims } from '../../apps/api/src/auth/tokens';
import { loadConfig, type VigieConfig } from '@vigie/config';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app';
import { createTestDatabase } from './postgres';

/** A FINESS number with a valid check digit, and two more for "another facility". */
export const FINESS = '750712184';
export const OTHER_FINESS = '010000016';
export const THIRD_FINESS = '970100400';

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'vigie-e2e-'));

/**
 * Switches that run the same e2e suites on PostgreSQL, each API with fresh databases of its own:
 * `VIGIE_E2E_READ_DB=postgres` puts the read models there, `VIGIE_E2E_EVENT_STORE=postgres` the
 * event log, and both together the key store, the read audit and the identity tables too (in the event log's
 * database: their tables do not overlap). `npm run test:e2e:postgres` sets both.
 */
const readModelsOnPostgres = process.env.VIGIE_E2E_READ_DB === 'postgres';
const eventLogOnPostgres = process.env.VIGIE_E2E_EVENT_STORE === 'postgres';

/**
 * As a store URL in `TestApi.start`'s env: that store stays in SQLite in the API's data dir
 * whatever the switches say, for tests about SQLite files themselves (paths, read-only disks).
 */
export const SQLITE_IN_DATA_DIR = 'sqlite-in-data-dir';

type StoreVariable =
  | 'VIGIE_EVENT_STORE_URL'
  | 'VIGIE_READ_DB_URL'
  | 'VIGIE_KEY_STORE_URL'
  | 'VIGIE_AUDIT_DB_URL'
  | 'VIGIE_IDENTITY_DB_URL';

/** Every store of the API in SQLite files of its data dir: `TestApi.start({ ...ON_SQLITE })`. */
export const ON_SQLITE: Record<StoreVariable, string> = {
  VIGIE_EVENT_STORE_URL: SQLITE_IN_DATA_DIR,
  VIGIE_READ_DB_URL: SQLITE_IN_DATA_DIR,
  VIGIE_KEY_STORE_URL: SQLITE_IN_DATA_DIR,
  VIGIE_AUDIT_DB_URL: SQLITE_IN_DATA_DIR,
  VIGIE_IDENTITY_DB_URL: SQLITE_IN_DATA_DIR,
};

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * The PostgreSQL databases given to a data dir, so that an API restarted on the same dir finds
 * the log and read models it left, as it would find its SQLite files.
 */
const databasesOf = new Map<string, Map<'events' | 'read', Database>>();

async function databaseFor(dataDir: string, role: 'events' | 'read'): Promise<string> {
  const databases = databasesOf.get(dataDir) ?? new Map<'events' | 'read', Database>();
  databasesOf.set(dataDir, databases);
  const known = databases.get(role);
  if (known !== undefined) return known.url;
  const created = await createTestDatabase(role === 'events' ? 'vigie_e2e_events' : 'vigie_e2e_read');
  databases.set(role, created);
  return created.url;
}

async function dropDatabasesOf(dataDir: string): Promise<void> {
  const databases = databasesOf.get(dataDir);
  databasesOf.delete(dataDir);
  for (const database of databases?.values() ?? []) await database.drop();
}

/** Which stores go to PostgreSQL: those the switches move and the test left unset. */
async function withSwitchedStores(
  env: Record<string, string>,
  dataDir: string,
): Promise<Record<string, string>> {
  const wanted: [StoreVariable, 'events' | 'read', boolean][] = [
    ['VIGIE_EVENT_STORE_URL', 'events', eventLogOnPostgres],
    ['VIGIE_READ_DB_URL', 'read', readModelsOnPostgres],
    ['VIGIE_KEY_STORE_URL', 'events', eventLogOnPostgres && readModelsOnPostgres],
    ['VIGIE_AUDIT_DB_URL', 'events', eventLogOnPostgres && readModelsOnPostgres],
    ['VIGIE_IDENTITY_DB_URL', 'events', eventLogOnPostgres && readModelsOnPostgres],
  ];
  const resolved = { ...env };
  for (const [variable, role, switched] of wanted) {
    // Unset, the configuration falls back to the SQLite file in the data dir.
    if (resolved[variable] === SQLITE_IN_DATA_DIR) delete resolved[variable];
    else if (switched && resolved[variable] === undefined)
      resolved[variable] = await databaseFor(dataDir, role);
  }
  return resolved;
}

// Databases of data dirs a test stopped with `removeData: false` and removed itself.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const dataDir of [...databasesOf.keys()]) await dropDatabasesOf(dataDir);
  });
}

/**
 * The real API on a data dir of its own, spoken to over real HTTP: SQLite files in that dir, or
 * PostgreSQL databases kept with it under the switches above.
 */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly config: VigieConfig,
    /** The store a test handed the app, which `config.eventStoreUrl` need not name. */
    private readonly injectedEventStore: EventStore | undefined,
  ) {}

  /** `env` is the whole environment the API sees: the host's own variables do not leak in. */
  static async start(env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApi> {
    const dataDir = resolve(env.VIGIE_DATA_DIR ?? newDataDir());
    const config = loadConfig({
      // Reads after writes wait for the projector; on a loaded CI machine 5 s is not always enough.
      VIGIE_MIN_POSITION_TIMEOUT_MS: '15000',
      // The mailer records each mail in the declaration's stream, moving its revision at times of
      // its own: suites about revisions run without it; those about mail turn it on.
      VIGIE_MAIL: 'off',
      ...(await withSwitchedStores(env, dataDir)),
      VIGIE_DATA_DIR: dataDir,
    });
    const app = await createApp(config, { logger: ['error'], ...options });
    return new TestApi(app, config, options.eventStore);
  }

  /**
   * The API listening on a port of 127.0.0.1, its public URL set to it: what a browser, an
   * OpenID provider's redirects and the login need. `url` is that origin.
   */
  static async listening(
    env: Record<string, string> = {},
    options: CreateAppOptions = {},
  ): Promise<TestApi & { url: string }> {
    // A test that had to tell another server (a provider) the URL first gives the port itself.
    const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
    const url = `http://127.0.0.1:${port}`;
    const api = await TestApi.start({ PORT: String(port), VIGIE_PUBLIC_URL: url, ...env }, options);
    await api.app.listen(port, '127.0.0.1');
    return Object.assign(api, { url });
  }

  /**
   * The variables naming this API's data dir and stores, for a `vigie` command run against the
   * same data: under the switches the stores are PostgreSQL databases the data dir alone does not name.
   */
  get storeEnv(): Record<string, string> {
    return {
      VIGIE_DATA_DIR: this.config.dataDir,
      VIGIE_EVENT_STORE_URL: this.config.eventStoreUrl,
      VIGIE_READ_DB_URL: this.config.readDbUrl,
      VIGIE_KEY_STORE_URL: this.config.keyStoreUrl,
      VIGIE_AUDIT_DB_URL: this.config.auditDbUrl,
      VIGIE_IDENTITY_DB_URL: this.config.identityDbUrl,
    };
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

  /**
   * Position of the last event in the log the app writes to: the store the test handed it, or a
   * second store opened on the same URL.
   */
  async headPosition(): Promise<bigint> {
    if (this.injectedEventStore !== undefined) return this.injectedEventStore.headPosition();
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

  /**
   * Waits until the read models hold every event of the log, for tests that then read without
   * `minPosition`: how soon the projector gets there after a command depends on the store.
   */
  async readModelsCaughtUp(): Promise<void> {
    const admin = bearer(await this.token({ role: 'admin', sub: 'test-catch-up' }));
    await this.http
      .get('/api/v1/declarations')
      .query(await this.caughtUp())
      .set(admin)
      .expect(200);
  }

  /** `removeData: false` keeps the data dir and its databases for an API restarted on it. */
  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (!(options.removeData ?? true)) return;
    rmSync(this.config.dataDir, { recursive: true, force: true });
    await dropDatabasesOf(this.config.dataDir);
  }
}

/** A port nobody listens on now, for a server that must know its URL before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
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
