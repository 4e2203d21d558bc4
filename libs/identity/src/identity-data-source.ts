import { resolve } from 'node:path';
import { boundedOptions, withSchemaLock, type PostgresLimits } from '@vigie/postgres';
import { DataSource } from 'typeorm';
import { IDENTITY_ENTITIES } from './identity.entities';
import { Identity1797206400000 } from './migrations/1797206400000-identity.migration';

const MIGRATIONS = [Identity1797206400000];
const MIGRATION_LOCK = 7_202_604_002;

const onPostgres = (url: string): boolean => url.startsWith('postgres://') || url.startsWith('postgresql://');

/**
 * The identity database (`VIGIE_IDENTITY_DB_URL`, `sqlite:<data dir>/identity.sqlite` by default),
 * initialised and migrated, one process at a time on PostgreSQL.
 */
export async function openIdentityDataSource(url: string, postgres?: PostgresLimits): Promise<DataSource> {
  const common = {
    entities: IDENTITY_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'identity_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
  };
  if (onPostgres(url)) {
    const dataSource = new DataSource({
      ...common,
      type: 'postgres',
      url,
      extra: { ...boundedOptions(url, { limits: postgres, applicationName: 'vigie-identity' }), max: 5 },
    });
    await withSchemaLock(
      url,
      MIGRATION_LOCK,
      async () => {
        await dataSource.initialize();
        await dataSource.runMigrations({ transaction: 'all' });
      },
      postgres,
    );
    return dataSource;
  }
  const dataSource = new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: sqlitePath(url),
    enableWAL: true,
    timeout: 5000,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

function sqlitePath(url: string): string {
  const location = url.slice('sqlite:'.length).split('?', 1)[0];
  return resolve(location.startsWith('//') ? location.slice(2) : location);
}
