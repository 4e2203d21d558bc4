import { join } from 'node:path';
import { SqliteEventStore } from '@vigie/event-store';
import { openReadDataSource } from '../data-source/read-data-source';
import { READ_MODEL_NAMES } from '../projection/read-models';
import { readModelsPosition } from '../queries/projection-position';
import { appendLog, generateLog } from '../testing/event-log-generator';
import { temporaryDirectory } from '../testing/read-test-kit';
import { Projector } from './projector';

describe('Projector [sqlite]', () => {
  const directory = temporaryDirectory('projector');
  afterAll(() => directory.remove());

  async function given(name: string, declarations: number) {
    const store = await SqliteEventStore.open(join(directory.path, `${name}-events.sqlite`), {
      synchronous: 'normal',
    });
    const events = await appendLog(store, generateLog({ declarations, seed: 1 }));
    const dataSource = await openReadDataSource(`sqlite:${join(directory.path, `${name}-read.sqlite`)}`);
    return { store, events, dataSource };
  }

  it('catches up in batches, committing the checkpoint of every read model with them', async () => {
    const { store, events, dataSource } = await given('batches', 60);
    const projector = new Projector({ store, dataSource, batchSize: 100 });
    await projector.catchUp();
    const metrics = projector.metrics();
    expect(metrics.map((metric) => metric.name)).toEqual(READ_MODEL_NAMES);
    expect(
      metrics.every(
        (metric) => metric.position === BigInt(events) && metric.lagEvents === 0 && metric.lastError === null,
      ),
    ).toBe(true);
    expect(metrics[0].batches).toBe(Math.ceil(events / 100));
    expect(await readModelsPosition(dataSource)).toBe(BigInt(events));
    await Promise.all([dataSource.destroy(), store.close()]);
  });

  it('a failing store is reported in the metrics and retried, without stopping the projector', async () => {
    const { store, dataSource } = await given('failing', 5);
    const projector = new Projector({
      store,
      dataSource,
      pollIntervalMs: 10,
      logger: { warn: () => undefined },
    });
    await projector.start();
    await store.close();
    const deadline = Date.now() + 5000;
    while (projector.metrics()[0].lastError === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projector.metrics()[0]).toMatchObject({ running: true, lastError: expect.stringMatching(/\S/) });
    await projector.stop();
    await dataSource.destroy();
  });

  it('stop answers pending waits with false; waitFor on a stopped projector answers at once', async () => {
    const { store, dataSource, events } = await given('stop', 5);
    const projector = new Projector({ store, dataSource, pollIntervalMs: 10 });
    await projector.start();
    const pending = projector.waitFor(BigInt(events) + 100n, 60_000);
    await projector.stop();
    expect(await pending).toBe(false);
    expect(await projector.waitFor(BigInt(events) + 100n, 60_000)).toBe(false);
    await Promise.all([dataSource.destroy(), store.close()]);
  });
  it('appends nudging it together make one batch; a read-your-writes wait wakes it at once', async () => {
    const { store, dataSource } = await given('nudges', 2);
    // Polling so rare that only the nudges can wake it during the test.
    const projector = new Projector({ store, dataSource, pollIntervalMs: 60_000, notifyDelayMs: 1000 });
    const slow = new Projector({ store, dataSource, pollIntervalMs: 60_000, notifyDelayMs: 60_000 });
    try {
      await projector.start();
      expect(await projector.waitFor(await store.headPosition(), 10_000)).toBe(true);
      const batchesAtStart = projector.metrics()[0].batches;
      // Spread over about 200 ms, each append nudging it, as requests would.
      for (const append of [...generateLog({ declarations: 6, seed: 5 })].slice(0, 5)) {
        await appendLog(store, [append]);
        projector.notify();
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      const head = await store.headPosition();
      const deadline = Date.now() + 10_000;
      while (projector.position() < head && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(projector.position()).toBe(head);
      expect(projector.metrics()[0].batches - batchesAtStart).toBe(1);
      await projector.stop();

      await slow.start();
      await appendLog(store, generateLog({ declarations: 1, seed: 9 }));
      // Neither its polling nor a nudge would wake it within the wait: only the waiter can.
      expect(await slow.waitFor(await store.headPosition(), 10_000)).toBe(true);
    } finally {
      await projector.stop();
      await slow.stop();
      await Promise.all([dataSource.destroy(), store.close()]);
    }
  });
});
