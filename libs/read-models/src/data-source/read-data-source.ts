import { resolve } from 'node:path';
import { boundedOptions, forLongWork, withSchemaLock, type PostgresLimits } from '@vigie/postgres';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ReadModels1767225600000 } from '../migrations/1767225600000-read-models.migration';
import { Deadlines1795910400000 } from '../migrations/1795910400000-deadlines.migration';
import { DeadlineShares1796515200000 } from '../migrations/1796515200000-deadline-shares.migration';
import { UserPermissions1797120000000 } from '../migrations/1797120000000-user-permissions.migration';
import { UserDirectory1797379200000 } from '../migrations/1797379200000-user-directory.migration';
import { DeclarationReference1797984000000 } from '../migrations/1797984000000-declaration-reference.migration';
import { RegimeDates1798070400000 } from '../migrations/1798070400000-regime-dates.migration';
import { DegradedMode1798156800000 } from '../migrations/1798156800000-degraded-mode.migration';
import { AsOfHistory1798329600000 } from '../migrations/1798329600000-as-of-history.migration';
import { READ_ENTITIES } from './read-entities';

export type ReadDialect = 'sqlite' | 'postgres';

export interface ReadDataSourceOptions {
  logging?: boolean;
  /**
   * SQLite only: how long a statement waits for another connection's lock (default 5 s).
   * Write transactions (`beginImmediate`) wait asynchronously instead, whatever this says:
   * better-sqlite3 waits synchronously and would freeze the whole process meanwhile.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL only: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL only: statement and connection timeouts (DEFAULT_POSTGRES_LIMITS when left out). */
  postgres?: PostgresLimits;
}

export function readDialectOf(url: string): ReadDialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(
    `Unsupported read database URL (expected sqlite:<path> or postgres://…): ${url.split(':')[0]}:…`,
  );
}

export const dialectOf = (dataSource: DataSource): ReadDialect =>
  dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The read database, not yet initialised. Same entities and migrations on both dialects.
 * Migrations are not run by `initialize()`: TypeORM's runner takes no lock, and two processes
 * starting at once (API and projector) would both create the tables. Use `openReadDataSource`.
 */
export function createReadDataSource(url: string, options: ReadDataSourceOptions = {}): DataSource {
  const common = {
    entities: READ_ENTITIES,
    migrations: [
      ReadModels1767225600000,
      Deadlines1795910400000,
      DeadlineShares1796515200000,
      UserPermissions1797120000000,
      UserDirectory1797379200000,
      DeclarationReference1797984000000,
      RegimeDates1798070400000,
      DegradedMode1798156800000,
      AsOfHistory1798329600000,
    ],
    migrationsTableName: 'read_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
  };
  if (readDialectOf(url) === 'postgres') {
    const config: DataSourceOptions = {
      ...common,
      type: 'postgres',
      url,
      // pg's pool options: bounded connections, whose timed-out ones are evicted (bounded-pool.ts).
      extra: {
        ...boundedOptions(url, { limits: options.postgres, applicationName: 'vigie-read-models' }),
        max: options.poolSize ?? 10,
      },
    };
    return new DataSource(config);
  }
  const busyTimeout = options.busyTimeoutMs ?? 5000;
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: sqlitePathOf(url),
    timeout: busyTimeout,
    enableWAL: true,
    // Room for every statement size the generic writer uses, for every table.
    statementCacheSize: 500,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma(`busy_timeout = ${busyTimeout}`);
      // Rows and checkpoint commit together, so a transaction lost to a power cut is projected again.
      db.pragma('synchronous = NORMAL');
      // 32 MiB of page cache: the summary rows carry the whole view, and index updates stay in memory.
      db.pragma('cache_size = -32768');
    },
  });
}

/** `sqlite:<path>` as the event store reads it: relative to the working directory, `sqlite:///abs` too. */
export function sqlitePathOf(url: string): string {
  const location = url.slice('sqlite:'.length).split('?', 1)[0];
  const path = location.startsWith('//') ? location.slice(2) : location;
  if (path === '')
    throw new Error('The sqlite: read database URL needs a file path, e.g. sqlite:data/read.sqlite');
  return resolve(path);
}

const MIGRATION_LOCK = 7_202_604_001;

/** Initialises the read database and brings its schema up to date, one process at a time. */
export async function openReadDataSource(
  url: string,
  options: ReadDataSourceOptions = {},
): Promise<DataSource> {
  if (readDialectOf(url) === 'postgres') {
    // A migration may rewrite a large table: it runs on a data source of its own, under the long
    // statement limit, while the one returned keeps the limits of commands and queries.
    await withSchemaLock(
      url,
      MIGRATION_LOCK,
      async () => {
        const migrator = await createReadDataSource(url, {
          ...options,
          poolSize: 1,
          postgres: forLongWork(options.postgres),
        }).initialize();
        try {
          await migrator.runMigrations({ transaction: 'all' });
        } finally {
          await migrator.destroy();
        }
      },
      options.postgres,
    );
    return createReadDataSource(url, options).initialize();
  }
  const dataSource = await createReadDataSource(url, options).initialize();
  try {
    await runReadMigrations(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}

/** Brings the schema of an open read database up to date, one process at a time. */
export async function runReadMigrations(dataSource: DataSource): Promise<void> {
  if (dialectOf(dataSource) === 'postgres') {
    const { url } = dataSource.options as { url: string };
    await withSchemaLock(url, MIGRATION_LOCK, () => dataSource.runMigrations({ transaction: 'all' }));
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    // better-sqlite3 is one connection: the migrations run inside this write transaction.
    await beginImmediate(runner);
    try {
      await dataSource.runMigrations({ transaction: 'none' });
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * Takes SQLite's write lock, waiting asynchronously: the connection's busy handler would block
 * the event loop (and a holder in the same process could then never finish), so it is off while
 * this retries.
 */
export async function beginImmediate(
  runner: { query: (sql: string) => Promise<unknown> },
  timeoutMs = 30_000,
): Promise<void> {
  const [setting] = (await runner.query('PRAGMA busy_timeout')) as { timeout: number }[];
  const busyTimeout = Number(setting?.timeout ?? 0);
  if (busyTimeout !== 0) await runner.query('PRAGMA busy_timeout = 0');
  try {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await runner.query('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        await new Promise((done) => setTimeout(done, Math.min(2 + attempt * 2, 25)));
      }
    }
  } finally {
    if (busyTimeout !== 0) await runner.query(`PRAGMA busy_timeout = ${busyTimeout}`);
  }
}

const isBusy = (error: unknown): boolean =>
  /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error));
