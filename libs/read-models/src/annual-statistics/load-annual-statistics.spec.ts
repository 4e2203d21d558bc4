import { join } from 'node:path';
import { snapshotFromFacts, structureFigures, type StructureYearStats } from '@vigie/domain';
import type { SqliteEventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource } from '../data-source/read-data-source';
import { Projector } from '../projector/projector';
import { seededSqliteStore, temporaryDirectory } from '../testing/read-test-kit';
import { StructureYearRow } from './annual-statistics.entity';
import { loadAnnualStatistics } from './load-annual-statistics';

type Database = { url: string; drop: () => Promise<void> };

/** The structure rows of the read model, as a replay would give them. */
async function structureRows(dataSource: DataSource, year: number): Promise<StructureYearStats[]> {
  const rows = await dataSource.getRepository(StructureYearRow).findBy({ year });
  return rows.map((row) => ({
    finess: row.finess,
    declarations: row.declarations,
    impacts: { NONE: row.impactNone, DEGRADED: row.impactDegraded, INTERRUPTION: row.impactInterruption },
  }));
}

function structureFiguresSuite(openDatabase: () => Promise<Database>): void {
  const directory = temporaryDirectory('structure-figures');
  let store: SqliteEventStore;
  let database: Database;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ store } = await seededSqliteStore(join(directory.path, 'events.sqlite'), 500, 5));
    database = await openDatabase();
    dataSource = await openReadDataSource(database.url);
    await new Projector({ store, dataSource }).catchUp();
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await store?.close();
    directory.remove();
  });

  it('the figures counted in SQL equal the domain’s count of the same structure rows, every year', async () => {
    const years: { year: number }[] = await dataSource.query(
      'SELECT DISTINCT year FROM annual_statistics_structure ORDER BY year',
    );
    expect(years.length).toBeGreaterThan(1);
    for (const { year } of [...years, { year: years.at(-1)!.year + 1 }]) {
      const snapshot = await loadAnnualStatistics(dataSource, year);
      const expected = structureFigures(await structureRows(dataSource, year));
      expect({ year, figures: snapshot.structureFigures }).toEqual({ year, figures: expected });
    }
    const busiest = await loadAnnualStatistics(dataSource, years[0].year);
    // Not a vacuous comparison: the seeded log has repeat declarants and every impact.
    expect(busiest.structureFigures!.declaring).toBeGreaterThan(0);
    expect(busiest.structureFigures!.withAtLeast2).toBeGreaterThan(0);
  });

  it('an empty year counts no structure', async () => {
    expect((await loadAnnualStatistics(dataSource, 1990)).structureFigures).toEqual(
      structureFigures(snapshotFromFacts(1990, []).structures),
    );
  });
}

describe('loadAnnualStatistics structure figures on SQLite read models', () => {
  structureFiguresSuite(async () => {
    const directory = temporaryDirectory('structure-figures-read');
    return { url: `sqlite:${join(directory.path, 'read.sqlite')}`, drop: async () => directory.remove() };
  });
});

describePostgres('loadAnnualStatistics structure figures on PostgreSQL read models', () => {
  structureFiguresSuite(() => createTestDatabase('vigie_read_structure_figures'));
});
