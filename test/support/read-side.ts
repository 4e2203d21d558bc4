import { createTestDatabase, describePostgres } from './postgres';
import { SQLITE_IN_DATA_DIR } from './vigie-api';

/** Where an API under test keeps its read models: the environment to start it with, and the clean-up. */
export interface ReadDb {
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** SQLite in the API's data dir, removed with it; pinned, so that `VIGIE_E2E_READ_DB` keeps the label true. */
const sqliteReadDb = async (): Promise<ReadDb> => ({
  env: { VIGIE_READ_DB_URL: SQLITE_IN_DATA_DIR },
  drop: async () => undefined,
});

const postgresReadDb = (prefix: string) => async (): Promise<ReadDb> => {
  const database = await createTestDatabase(prefix);
  return { env: { VIGIE_READ_DB_URL: database.url }, drop: database.drop };
};

/**
 * Runs a suite twice: read models in SQLite, then in a fresh PostgreSQL database (which fails
 * rather than skips under VIGIE_REQUIRE_POSTGRES=1). The event log is SQLite in both, or
 * PostgreSQL in both under `VIGIE_E2E_EVENT_STORE=postgres`.
 */
export function describeEachReadDb(
  name: string,
  prefix: string,
  body: (readDb: () => Promise<ReadDb>) => void,
): void {
  describe(`${name} [sqlite]`, () => body(sqliteReadDb));
  describePostgres(name, () => body(postgresReadDb(prefix)));
}

/** A server clock the test moves: declarations are submitted in the year and instant a test needs. */
export class SettableClock {
  private instant: number;

  constructor(iso: string) {
    this.instant = Date.parse(iso);
  }

  readonly now = (): Date => new Date(this.instant);

  set(iso: string): void {
    this.instant = Date.parse(iso);
  }
}

/** Incident dates an hour or two before `submittedAt`, so that the domain's date rules hold. */
export function datesBefore(submittedAt: string): { occurredAt: string; detectedAt: string } {
  const at = Date.parse(submittedAt);
  return {
    occurredAt: new Date(at - 2 * 3600_000).toISOString(),
    detectedAt: new Date(at - 3600_000).toISOString(),
  };
}
