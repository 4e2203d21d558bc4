import { join } from 'node:path';
import type { DeclarationEvent } from '@vigie/domain';
import { SqliteEventStore } from '@vigie/event-store';
import { IsNull, type DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource, runReadMigrations } from '../data-source/read-data-source';
import { DeadlineShares1796515200000 } from '../migrations/1796515200000-deadline-shares.migration';
import { readModelsNamed } from '../projection/read-models';
import { Projector } from '../projector/projector';
import { rebuildProjections } from '../rebuild/rebuild-projections';
import { appendLog, generateLog, mulberry32 } from '../testing/event-log-generator';
import { appendDeclarationEvents, temporaryDirectory } from '../testing/read-test-kit';
import { submittedData } from '../testing/recorded-events';
import { DeadlineRow } from './deadline.entity';
import { scanDeadlineShares } from './deadline-shares-oracle';
import { loadDeadlineShares } from './load-deadline-shares';

const YEARS = [2024, 2025, 2026];
const HOUR = 3_600_000;

/** A NIS2 declaration of 2025 with intermediate requests, some answered on time, some late, some never. */
function reportingDeclaration(index: number, random: () => number): DeclarationEvent[] {
  const declarationId = `22222222-2222-4222-8222-${index.toString(16).padStart(12, '0')}`;
  const submittedMs = Date.parse('2025-01-02T08:00:00.000Z') + Math.floor(random() * 30 * 24) * HOUR;
  const instant = (hours: number) => new Date(submittedMs + hours * HOUR).toISOString();
  const events: DeclarationEvent[] = [
    {
      type: 'DeclarationSubmitted',
      data: submittedData({
        declarationId,
        structure: {
          finess: '750712184',
          name: 'CHU X',
          type: 'ES',
          region: '11',
          isOse: false,
          nis2: 'ESSENTIAL',
        },
        detectedAt: instant(-Math.floor(random() * 48)),
        submittedAt: instant(0),
        dataImpacts: random() < 0.5 ? ['CONFIDENTIALITY'] : [],
      }),
    },
  ];
  if (random() < 0.7) {
    events.push({
      type: 'StagedReportSubmitted',
      data: {
        declarationId,
        reportId: `${declarationId}-n`,
        stage: 'NOTIFICATION',
        content: 'c',
        requestId: null,
        submittedBy: 'd',
        submittedAt: instant(Math.floor(random() * 120)),
      },
    });
  }
  for (const request of ['r1', 'r2'].slice(0, Math.floor(random() * 3))) {
    const requestId = `${declarationId}-${request}`;
    events.push({
      type: 'IntermediateReportRequested',
      data: {
        declarationId,
        requestId,
        dueAt: instant(200),
        reason: 'r',
        requestedBy: 'a',
        requestedAt: instant(100),
      },
    });
    if (random() < 0.6) {
      events.push({
        type: 'StagedReportSubmitted',
        data: {
          declarationId,
          reportId: `${requestId}-answer`,
          stage: 'INTERMEDIATE',
          content: 'c',
          requestId,
          submittedBy: 'd',
          submittedAt: instant(150 + Math.floor(random() * 100)),
        },
      });
    }
  }
  return events;
}

/**
 * The instants the answer could turn on: every unmet clock's due instant (where it turns from
 * due to overdue, `at == dueAt` being still due), a millisecond either side, and a few others.
 */
async function instantsToCheck(dataSource: DataSource): Promise<Date[]> {
  const unmet = await dataSource
    .getRepository(DeadlineRow)
    .find({ where: { metAt: IsNull() }, select: { dueAt: true } });
  const dueMs = [...new Set(unmet.map((row) => Date.parse(row.dueAt)))].sort((a, b) => a - b);
  const sampled = dueMs.filter((_, index) => index % Math.max(1, Math.floor(dueMs.length / 15)) === 0);
  return [
    ...sampled.flatMap((ms) => [ms - 1, ms, ms + 1]),
    Date.parse('2024-06-01T00:00:00.000Z'),
    Date.parse('2025-01-15T12:00:00.000Z'),
    Date.parse('2027-01-01T00:00:00.000Z'),
  ].map((ms) => new Date(ms));
}

async function expectSharesAsScanned(dataSource: DataSource): Promise<number> {
  let compared = 0;
  for (const at of await instantsToCheck(dataSource)) {
    for (const year of YEARS) {
      const expected = await scanDeadlineShares(dataSource, year, at);
      expect({ year, at, shares: await loadDeadlineShares(dataSource, year, at) }).toEqual({
        year,
        at,
        shares: expected,
      });
      compared += expected.length;
    }
  }
  return compared;
}

function sharesSuite(
  readUrl: (directory: string) => Promise<{ url: string; drop: () => Promise<void> }>,
): void {
  it('equals the scan of every clock of the year, at every instant a status turns, as the log grows, after a rebuild and after the migration', async () => {
    const directory = temporaryDirectory('deadline-shares');
    const database = await readUrl(directory.path);
    const store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'), {
      synchronous: 'normal',
    });
    const dataSource = await openReadDataSource(database.url);
    try {
      const readModels = readModelsNamed(['declaration-summary', 'deadlines']);
      const random = mulberry32(5);
      const declarations = Array.from({ length: 40 }, (_, index) => reportingDeclaration(index, random));
      await appendLog(store, generateLog({ declarations: 150, seed: 3 }));
      // The first part of each reporting declaration, projected, then the rest: clocks move between states.
      for (const events of declarations) await appendDeclarationEvents(store, events.slice(0, 2));
      await new Projector({ store, dataSource, readModels }).catchUp();
      expect(await expectSharesAsScanned(dataSource)).toBeGreaterThan(0);

      for (const events of declarations) {
        if (events.length > 2) await appendDeclarationEvents(store, events.slice(2));
      }
      await new Projector({ store, dataSource, readModels }).catchUp();
      const stages = await expectSharesAsScanned(dataSource);
      expect(stages).toBeGreaterThan(0);

      await rebuildProjections({ store, dataSource, names: ['deadlines'] });
      expect(await expectSharesAsScanned(dataSource)).toBe(stages);

      // A database projected before the sums existed: the migration empties the read model and
      // sets its checkpoint back, and the projector fills it again.
      // Undone with the migrations that came after it, newest first.
      const shares = dataSource.migrations.findIndex((m) => m instanceof DeadlineShares1796515200000);
      for (let undone = dataSource.migrations.length; undone > shares; undone--)
        await dataSource.undoLastMigration({ transaction: 'all' });
      await dataSource.query(
        `INSERT INTO "deadline_declaration" ("declaration_id", "revision", "facts") VALUES ('stale', 0, '{}')`,
      );
      await dataSource.query(
        `UPDATE "projection_checkpoint" SET "position" = 999999 WHERE "name" = 'deadlines'`,
      );
      await runReadMigrations(dataSource);
      const [checkpoint] = await dataSource.query(
        `SELECT "position" FROM "projection_checkpoint" WHERE "name" = 'deadlines'`,
      );
      expect(Number(checkpoint.position)).toBe(0);
      expect(await dataSource.query(`SELECT * FROM "deadline_declaration"`)).toEqual([]);
      await new Projector({ store, dataSource, readModels }).catchUp();
      expect(await expectSharesAsScanned(dataSource)).toBe(stages);
    } finally {
      await dataSource.destroy();
      await store.close();
      await database.drop();
      directory.remove();
    }
  }, 120_000);
}

describe('loadDeadlineShares [sqlite]', () => {
  sharesSuite(async (directory) => ({
    url: `sqlite:${join(directory, 'read.sqlite')}`,
    drop: async () => undefined,
  }));
});

describePostgres('loadDeadlineShares', () => {
  sharesSuite(() => createTestDatabase('vigie_deadline_shares'));
});
