import { join } from 'node:path';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { StallingProxy } from '../../../../test/support/stalling-proxy';
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
    const opened = await Promise.all([
      openReadDataSource(url),
      openReadDataSource(url),
      openReadDataSource(url),
    ]);
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
    return {
      url: `sqlite:${join(directory.path, 'nested', 'read.sqlite')}`,
      drop: async () => directory.remove(),
    };
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

  it('behind a stalled network a query fails within the limits, and its connection is evicted, not handed out again', async () => {
    const { url, drop } = await createTestDatabase('vigie_read_stall');
    const target = new URL(url);
    const proxy = await StallingProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const limits = { statementTimeoutMs: 500, longStatementTimeoutMs: 10_000, connectTimeoutMs: 1000 };
    const dataSource = await openReadDataSource(proxy.urlFor(url), { poolSize: 1, postgres: limits });
    const backend = async (): Promise<number> =>
      ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0].pid;
    try {
      const before = await backend();
      proxy.stall();
      const started = Date.now();
      await expect(backend()).rejects.toThrow(/Query read timeout/);
      expect(Date.now() - started).toBeLessThan(3000);
      proxy.resume();
      // TypeORM returns a failed query's connection to the pool without an error: the client itself let it go.
      expect(await backend()).not.toBe(before);
    } finally {
      proxy.resume();
      await dataSource.destroy();
      await proxy.close();
      await drop();
    }
  });
});
