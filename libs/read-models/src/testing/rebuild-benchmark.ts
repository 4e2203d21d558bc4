/*
 * Rebuild speed: `node --require ./libs/read-models/src/testing/swc-register.js \
 *   libs/read-models/src/testing/rebuild-benchmark.ts [events=100000] [readDbUrl=sqlite:<tmp>/read.sqlite] [readModel,…]`
 * Seeds a SQLite event store with a generated log, then times a full rebuild and a projector
 * catch-up from zero into the read database, and prints events/s.
 */
import { join } from 'node:path';
import { openReadDataSource } from '../data-source/read-data-source';
import { entitiesOf } from '../projection/read-model';
import { readModelsNamed } from '../projection/read-models';
import { Projector } from '../projector/projector';
import { rebuildProjections } from '../rebuild/rebuild-projections';
import { appendLog, generateLog } from './event-log-generator';
import { temporaryDirectory } from './read-test-kit';
import { SqliteEventStore } from '@vigie/event-store';

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 100_000);
  const directory = temporaryDirectory('bench');
  const readUrl = process.argv[3] || `sqlite:${join(directory.path, 'read.sqlite')}`;
  const names = process.argv[4]?.split(',');
  try {
    const store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'), {
      synchronous: 'normal',
    });
    let seeded = 0;
    const started = Date.now();
    for (let seed = 1; seeded < target; seed++) {
      seeded += await appendLog(store, generateLog({ declarations: Math.ceil((target - seeded) / 8), seed }));
    }
    console.log(`seeded ${seeded} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const dataSource = await openReadDataSource(readUrl);
    const cpu = process.cpuUsage();
    const rebuilt = await rebuildProjections({ store, dataSource, names });
    console.log(
      `rebuild of ${rebuilt.readModels.join(', ')}: ${rebuilt.events} events in ${rebuilt.seconds.toFixed(2)} s = ${Math.round(rebuilt.events / rebuilt.seconds)} events/s (${readUrl.split(':')[0]}; ${cpuRate(cpu, rebuilt.events)} events per CPU second of this process)`,
    );

    await dataSource.query('UPDATE "projection_checkpoint" SET "position" = 0');
    for (const entity of readModelsNamed(names).flatMap(entitiesOf)) {
      await dataSource.query(`DELETE FROM "${dataSource.getMetadata(entity).tableName}"`);
    }
    const projector = new Projector({ store, dataSource, readModels: readModelsNamed(names) });
    const caughtUpStart = Date.now();
    const caughtUpCpu = process.cpuUsage();
    await projector.catchUp();
    const seconds = (Date.now() - caughtUpStart) / 1000;
    console.log(
      `projector catch-up (batches of 500): ${seeded} events in ${seconds.toFixed(2)} s = ${Math.round(seeded / seconds)} events/s (${cpuRate(caughtUpCpu, seeded)} events per CPU second)`,
    );
    await dataSource.destroy();
    await store.close();
  } finally {
    directory.remove();
  }
}

/** Events per second of CPU used by this process: what the machine's other load does not change. */
function cpuRate(since: NodeJS.CpuUsage, events: number): number {
  const used = process.cpuUsage(since);
  return Math.round(events / ((used.user + used.system) / 1e6));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
