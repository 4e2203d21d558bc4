/*
 * A projector in a child process, for the crash and concurrency tests:
 *   node --require ./libs/read-models/src/testing/swc-register.js projector-worker.ts <eventsUrl> <readUrl> follow|catch-up [batchSize]
 * `follow` starts the projector and tells the parent (IPC) once it runs; `catch-up` says 'ready'
 * once opened, waits for the parent's go, applies the log up to its head, prints its metrics as
 * JSON and exits.
 */
import { openEventStore } from '@vigie/event-store';
import { openReadDataSource } from '../data-source/read-data-source';
import { Projector } from '../projector/projector';

async function main(): Promise<void> {
  const [eventsUrl, readUrl, mode, batchSize = '250'] = process.argv.slice(2);
  const store = await openEventStore(eventsUrl);
  const dataSource = await openReadDataSource(readUrl, { poolSize: 2 });
  const projector = new Projector({ store, dataSource, batchSize: Number(batchSize), pollIntervalMs: 20 });
  if (mode === 'follow') {
    await projector.start();
    process.send?.('started');
    return;
  }
  // Both children of the concurrency test open (and migrate) at once, then wait for the parent's
  // go so that a slow start on a loaded machine cannot let one finish before the other begins.
  if (process.send) {
    process.send('ready');
    await new Promise((resolve) => process.once('message', resolve));
  }
  await projector.catchUp();
  const [metrics] = projector.metrics();
  process.stdout.write(
    `${JSON.stringify({ batches: metrics.batches, conflicts: metrics.conflicts, position: String(projector.position()) })}\n`,
  );
  await dataSource.destroy();
  await store.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
