import { join } from 'node:path';
import type { SqliteEventStore } from '@vigie/event-store';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource } from '../data-source/read-data-source';
import { readModelsPosition } from '../queries/projection-position';
import { rebuildProjections } from '../rebuild/rebuild-projections';
import { readyInChild } from '../testing/child-projector';
import { dumpReadModels, seededSqliteStore, temporaryDirectory } from '../testing/read-test-kit';

/**
 * Two projector processes started at once on one read database: each batch is applied by exactly
 * one of them, so the sums (annual counts, facility counts) equal those of a single rebuild.
 */
function concurrentSuite(
  readUrls: () => Promise<{ shared: string; scratch: string; drop: () => Promise<void> }>,
): void {
  const directory = temporaryDirectory('concurrent');
  let store: SqliteEventStore;
  let eventsUrl: string;

  beforeAll(async () => {
    const path = join(directory.path, 'events.sqlite');
    ({ store } = await seededSqliteStore(path, 700, 5));
    eventsUrl = `sqlite:${path}`;
  });
  afterAll(async () => {
    await store?.close();
    directory.remove();
  });

  it('no batch is applied twice: the rows equal a single rebuild', async () => {
    const urls = await readUrls();
    try {
      // Both children migrate the empty database at once too, then start together.
      const ready = await Promise.all([
        readyInChild(eventsUrl, urls.shared, 50),
        readyInChild(eventsUrl, urls.shared, 50),
      ]);
      const [first, second] = await Promise.all(ready.map((child) => child.go()));
      const shared = await openReadDataSource(urls.shared);
      const scratch = await openReadDataSource(urls.scratch);
      try {
        expect(await readModelsPosition(shared)).toBe(await store.headPosition());
        // Both did real work, and they met: at least one batch was found already applied.
        expect(first.batches).toBeGreaterThan(0);
        expect(second.batches).toBeGreaterThan(0);
        expect(first.conflicts + second.conflicts).toBeGreaterThan(0);
        await rebuildProjections({ store, dataSource: scratch });
        const expected = await dumpReadModels(scratch);
        const actual = await dumpReadModels(shared);
        for (const table of Object.keys(expected))
          expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
      } finally {
        await Promise.all([shared.destroy(), scratch.destroy()]);
      }
    } finally {
      await urls.drop();
    }
  }, 90_000);
}

describe('two projectors at once [sqlite, child processes]', () => {
  concurrentSuite(async () => {
    const directory = temporaryDirectory('concurrent-read');
    return {
      shared: `sqlite:${join(directory.path, 'shared.sqlite')}`,
      scratch: `sqlite:${join(directory.path, 'scratch.sqlite')}`,
      drop: async () => directory.remove(),
    };
  });
});

describePostgres('two projectors at once (child processes)', () => {
  concurrentSuite(async () => {
    const shared = await createTestDatabase('vigie_read_shared');
    const scratch = await createTestDatabase('vigie_read_scratch');
    return {
      shared: shared.url,
      scratch: scratch.url,
      drop: async () => {
        await shared.drop();
        await scratch.drop();
      },
    };
  });
});
