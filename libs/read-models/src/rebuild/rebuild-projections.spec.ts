import { join } from 'node:path';
import type { SqliteEventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { loadAnnualStatistics } from '../annual-statistics/load-annual-statistics';
import { openReadDataSource } from '../data-source/read-data-source';
import { READ_MODEL_NAMES } from '../projection/read-models';
import { Projector } from '../projector/projector';
import { getDeclaration, listDeclarations } from '../queries/declaration-queries';
import { readModelsPosition } from '../queries/projection-position';
import { appendLog, generateLog } from '../testing/event-log-generator';
import { dumpReadModels, seededSqliteStore, temporaryDirectory } from '../testing/read-test-kit';
import { rebuildProjections } from './rebuild-projections';

type Database = { url: string; drop: () => Promise<void> };

function rebuildSuite(openDatabase: (name: string) => Promise<Database>): void {
  const directory = temporaryDirectory('rebuild');
  const cleanups: (() => Promise<unknown>)[] = [];
  let store: SqliteEventStore;
  let live: Database;
  let queries: DataSource;
  let rebuilder: DataSource;
  let projectorData: DataSource;
  let projector: Projector;

  beforeAll(async () => {
    ({ store } = await seededSqliteStore(join(directory.path, 'events.sqlite'), 600, 3));
    live = await openDatabase('vigie_read_rebuild_live');
    queries = await openReadDataSource(live.url);
    rebuilder = await openReadDataSource(live.url);
    projectorData = await openReadDataSource(live.url);
    projector = new Projector({ store, dataSource: projectorData, pollIntervalMs: 20 });
    await projector.start();
    expect(await projector.waitFor(await store.headPosition(), 30_000)).toBe(true);
    cleanups.push(
      () => projector.stop(),
      () => projectorData.destroy(),
      () => rebuilder.destroy(),
      () => queries.destroy(),
      () => live.drop(),
    );
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    await store?.close();
    directory.remove();
  });

  const shadowTables = async (dataSource: DataSource): Promise<string[]> => {
    const tables: { name: string }[] = await dataSource.query(
      dataSource.options.type === 'postgres'
        ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%\\_\\_rebuild'`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_\\_rebuild' ESCAPE '\\'`,
    );
    return tables.map((table) => table.name);
  };

  it('queries keep answering during a rebuild, and afterwards the tables equal a projection from scratch', async () => {
    const before = (await loadAnnualStatistics(queries, 2025)).cells['declarations/total'];
    expect(before).toBeGreaterThan(0);
    const answers: number[] = [];
    let appended = false;
    let querying: Promise<void> = Promise.resolve();
    const result = await rebuildProjections({
      store,
      dataSource: rebuilder,
      batchSize: 250,
      onProgress: (progress) => {
        querying = querying.then(async () => {
          const page = await listDeclarations(queries, { limit: 5 }, 'all');
          const stats = await loadAnnualStatistics(queries, 2025);
          expect(await getDeclaration(queries, page.items[0].id)).not.toBeNull();
          answers.push(stats.cells['declarations/total']);
        });
        if (!appended && progress.done > progress.total / 2) {
          appended = true;
          // Appended while the rebuild runs: the rebuild or, after the swap, the live projector applies them.
          querying = querying.then(async () => {
            await appendLog(store, generateLog({ declarations: 20, seed: 99 }));
            projector.notify();
          });
        }
      },
    });
    await querying;
    expect(answers.length).toBeGreaterThanOrEqual(5);
    // Never an empty or half-built table: the totals only grow (by the declarations appended meanwhile).
    expect(answers.every((total) => total >= before)).toBe(true);
    expect(result.readModels).toEqual(READ_MODEL_NAMES);
    expect(await shadowTables(queries)).toEqual([]);

    const head = await store.headPosition();
    const caughtUp = await projector.waitFor(head, 30_000);
    expect({ caughtUp, metrics: projector.metrics() }).toMatchObject({ caughtUp: true });
    const scratch = await openDatabase('vigie_read_rebuild_scratch');
    const fresh = await openReadDataSource(scratch.url);
    try {
      await new Projector({ store, dataSource: fresh }).catchUp();
      const expected = await dumpReadModels(fresh);
      const actual = await dumpReadModels(queries);
      for (const table of Object.keys(expected))
        expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
      expect(projector.metrics().every((metric) => metric.conflicts >= 0 && metric.lastError === null)).toBe(
        true,
      );
    } finally {
      await fresh.destroy();
      await scratch.drop();
    }
  }, 90_000);

  it('rebuilding one read model replaces only its tables and its checkpoint', async () => {
    await projector.stop();
    const before = await dumpReadModels(queries, { checkpoints: true });
    await queries.query('DELETE FROM "annual_statistics_cell"');
    await queries.query(`UPDATE "declaration_summary" SET "status" = 'TAMPERED'`);
    const result = await rebuildProjections({ store, dataSource: rebuilder, names: ['annual-statistics'] });
    expect(result.readModels).toEqual(['annual-statistics']);
    const after = await dumpReadModels(queries, { checkpoints: true });
    expect(after.annual_statistics_cell).toEqual(before.annual_statistics_cell);
    expect(after.projection_checkpoint).toEqual(before.projection_checkpoint);
    expect(
      (after.declaration_summary as { status: string }[]).every((row) => row.status === 'TAMPERED'),
    ).toBe(true);
    expect(await readModelsPosition(queries)).toBe(await store.headPosition());
  }, 60_000);

  it('an unknown read model is refused before anything changes', async () => {
    await expect(rebuildProjections({ store, dataSource: rebuilder, names: ['nope'] })).rejects.toThrow(
      /Unknown read model/,
    );
    expect(await shadowTables(queries)).toEqual([]);
  });
}

describe('rebuild [sqlite]', () => {
  rebuildSuite(async (name) => {
    const directory = temporaryDirectory(name);
    return { url: `sqlite:${join(directory.path, 'read.sqlite')}`, drop: async () => directory.remove() };
  });
});

describePostgres('rebuild', () => {
  rebuildSuite((name) => createTestDatabase(name));
});
