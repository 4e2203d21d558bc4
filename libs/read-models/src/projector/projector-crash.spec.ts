import { join } from 'node:path';
import { openReadDataSource } from '../data-source/read-data-source';
import { readModelsPosition } from '../queries/projection-position';
import { rebuildProjections } from '../rebuild/rebuild-projections';
import { catchUpInChild, followInChild, killed } from '../testing/child-projector';
import { mulberry32 } from '../testing/event-log-generator';
import { dumpReadModels, seededSqliteStore, temporaryDirectory } from '../testing/read-test-kit';

const KILLS = 20;

describe('projector crash safety [sqlite, child processes]', () => {
  const directory = temporaryDirectory('crash');
  afterAll(() => directory.remove());

  it(`SIGKILLed ${KILLS} times at random points, it ends with exactly the rows of a from-scratch rebuild`, async () => {
    const eventsPath = join(directory.path, 'events.sqlite');
    const { store, events } = await seededSqliteStore(eventsPath, 3600, 11);
    expect(events).toBeGreaterThanOrEqual(20_000);
    const head = await store.headPosition();
    const eventsUrl = `sqlite:${eventsPath}`;
    const liveUrl = `sqlite:${join(directory.path, 'live.sqlite')}`;
    const live = await openReadDataSource(liveUrl);

    const random = mulberry32(2026);
    const positions: bigint[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const child = await followInChild(eventsUrl, liveUrl, 200);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 250)));
      await killed(child);
      positions.push(await readModelsPosition(live));
    }
    // Most kills must have hit a projection in progress, or the test proves nothing.
    expect(positions.filter((position) => position > 0n && position < head).length).toBeGreaterThanOrEqual(
      KILLS / 2,
    );
    expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);

    await catchUpInChild(eventsUrl, liveUrl);
    expect(await readModelsPosition(live)).toBe(head);

    const scratch = await openReadDataSource(`sqlite:${join(directory.path, 'scratch.sqlite')}`);
    await rebuildProjections({ store, dataSource: scratch });
    const expected = await dumpReadModels(scratch);
    const actual = await dumpReadModels(live);
    for (const table of Object.keys(expected)) {
      expect({ table, rows: actual[table].length }).toEqual({ table, rows: expected[table].length });
      expect(actual[table]).toEqual(expected[table]);
    }
    await Promise.all([live.destroy(), scratch.destroy(), store.close()]);
  }, 120_000);
});
