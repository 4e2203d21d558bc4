import { join } from 'node:path';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { temporaryDirectory } from '../testing/read-test-kit';
import { openReadDataSource, readDialectOf, sqlitePathOf } from './read-data-source';

function migrationSuite(database: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
  it('the migrations create exactly what the entities describe (TypeORM finds nothing to change)', async () => {
    const { url, drop } = await database();
    const dataSource = await openReadDataSource(url);
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await drop();
    }
  });

  it('processes opening the same empty database at once migrate it once', async () => {
    const { url, drop } = await database();
    const opened = await Promise.all([openReadDataSource(url), openReadDataSource(url), openReadDataSource(url)]);
    try {
      const migrations: unknown[] = await opened[0].query('SELECT * FROM "read_migrations"');
      expect(migrations).toHaveLength(opened[0].migrations.length);
    } finally {
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
      await drop();
    }
  });
}

describe('read database [sqlite]', () => {
  migrationSuite(async () => {
    const directory = temporaryDirectory('migrate');
    return { url: `sqlite:${join(directory.path, 'nested', 'read.sqlite')}`, drop: async () => directory.remove() };
  });

  it('reads sqlite: and postgres: URLs like the event store does, and refuses others', () => {
    expect(sqlitePathOf('sqlite:///var/vigie/read.sqlite')).toBe('/var/vigie/read.sqlite');
    expect(sqlitePathOf('sqlite:data/read.sqlite')).toBe(join(process.cwd(), 'data/read.sqlite'));
    expect(readDialectOf('postgresql://u@h/db')).toBe('postgres');
    expect(() => readDialectOf('mysql://u@h/db')).toThrow(/Unsupported read database URL/);
    expect(() => sqlitePathOf('sqlite:')).toThrow(/needs a file path/);
  });
});

describePostgres('read database', () => {
  migrationSuite(() => createTestDatabase('vigie_read_migrate'));
});
