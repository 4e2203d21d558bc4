import { join } from 'node:path';
import { SqliteEventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { openReadDataSource, runReadMigrations } from '../data-source/read-data-source';
import { DegradedMode1798156800000 } from '../migrations/1798156800000-degraded-mode.migration';
import { readModelsNamed } from '../projection/read-models';
import { Projector } from '../projector/projector';
import { appendLog, generateLog } from '../testing/event-log-generator';
import { appendDeclarationEvents, temporaryDirectory } from '../testing/read-test-kit';
import { submittedData } from '../testing/recorded-events';

const cells = (dataSource: DataSource): Promise<{ key: string; count: number }[]> =>
  dataSource.query(`SELECT "key", "count" FROM "annual_statistics_cell" ORDER BY "key"`);

/**
 * A read side projected before the report counted degraded modes kept facts without their dates:
 * the migration empties the statistics and sets their checkpoint back, and the projector counts
 * everything again, durations included.
 */
describe('the degraded-mode migration', () => {
  it('refills the statistics from the log: the same cells as a projection made after it', async () => {
    const directory = temporaryDirectory('degraded-mode-migration');
    const store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'), {
      synchronous: 'normal',
    });
    const dataSource = await openReadDataSource(`sqlite:${join(directory.path, 'read.sqlite')}`);
    try {
      const readModels = readModelsNamed(['annual-statistics']);
      await appendLog(store, generateLog({ declarations: 120, seed: 9 }));
      // Degraded modes, as declarants amend them in: some ended (3 h to 9 days), some still on.
      for (let index = 0; index < 12; index++) {
        const declarationId = `33333333-3333-4333-8333-${index.toString(16).padStart(12, '0')}`;
        const start = Date.parse('2025-02-03T08:00:00.000Z') + index * 86_400_000;
        const at = (hours: number) => new Date(start + hours * 3_600_000).toISOString();
        const amended = (type: 'DegradedModeStartAmended' | 'DegradedModeEndAmended', to: string) =>
          ({ type, data: { declarationId, from: null, to, amendedBy: 'd', amendedAt: at(240) } }) as const;
        await appendDeclarationEvents(store, [
          { type: 'DeclarationSubmitted', data: submittedData({ declarationId, submittedAt: at(1) }) },
          amended('DegradedModeStartAmended', at(0)),
          ...(index % 3 === 2 ? [] : [amended('DegradedModeEndAmended', at(3 + index * 18))]),
        ]);
      }
      await new Projector({ store, dataSource, readModels }).catchUp();
      const expected = await cells(dataSource);
      expect(expected.some((cell) => cell.key.includes('degradedMode'))).toBe(true);

      // As the read side stood before: the migration undone, then facts and cells counted without
      // the dates (stale rows), the checkpoint at the end of the log.
      const migration = dataSource.migrations.findIndex((m) => m instanceof DegradedMode1798156800000);
      for (let undone = dataSource.migrations.length; undone > migration; undone--)
        await dataSource.undoLastMigration({ transaction: 'all' });
      await dataSource.query(`DELETE FROM "annual_statistics_cell" WHERE "key" LIKE '%degradedMode%'`);
      await dataSource.query(
        `UPDATE "projection_checkpoint" SET "position" = 999999 WHERE "name" = 'annual-statistics'`,
      );
      expect(await cells(dataSource)).not.toEqual(expected);

      await runReadMigrations(dataSource);
      const [checkpoint] = await dataSource.query(
        `SELECT "position" FROM "projection_checkpoint" WHERE "name" = 'annual-statistics'`,
      );
      expect(Number(checkpoint.position)).toBe(0);
      expect(await cells(dataSource)).toEqual([]);
      await new Projector({ store, dataSource, readModels }).catchUp();
      expect(await cells(dataSource)).toEqual(expected);
    } finally {
      await dataSource.destroy();
      await store.close();
      directory.remove();
    }
  }, 60_000);
});
