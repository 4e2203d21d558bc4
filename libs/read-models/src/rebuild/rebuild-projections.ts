import type { EventStore } from '@vigie/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { applyEvents } from '../projection/apply-events';
import { entitiesOf, type ReadModel } from '../projection/read-model';
import { readModelsNamed } from '../projection/read-models';
import { SqlRowStore } from '../projection/row-store';
import { ensureCheckpoints, resetCheckpoint } from '../projector/checkpoints';
import { inExclusiveTransaction, inWriteTransaction } from '../projector/write-transaction';
import { SHADOW_SUFFIX, shadowTable, type ShadowTable } from './shadow-tables';
import { withSparseCheckpoints } from './sparse-checkpoints';

export interface RebuildProgress {
  readModels: string[];
  /** Events replayed so far. */
  done: number;
  /** The log's head when the rebuild started (positions: the number of events on SQLite). */
  total: number;
  position: bigint;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  store: EventStore;
  dataSource: DataSource;
  /** Read models to rebuild (default: all). */
  names?: readonly string[];
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  readModels: string[];
  events: number;
  position: bigint;
  seconds: number;
}

/**
 * Replays the whole log into shadow tables (`<table>__rebuild`) while the live tables keep
 * answering, then swaps them in, with the checkpoints, in one exclusive transaction (the live
 * projector waits for it). Events appended during the replay are applied to the shadows inside the
 * swap; those appended after it are applied by the live projector from the new checkpoint, which it
 * finds moved: it re-reads it and continues from there. One rebuild at a time per read database.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { store, dataSource } = options;
  const models = readModelsNamed(options.names);
  const names = models.map((model) => model.name);
  const batchSize = options.batchSize ?? 2000;
  const started = Date.now();
  const total = Number(await store.headPosition());
  const shadows = await prepareShadows(dataSource, models);
  let position = 0n;
  let done = 0;

  const replay = async (
    runner: QueryRunner,
    events: Awaited<ReturnType<EventStore['readAll']>>,
  ): Promise<void> => {
    const rows = new SqlRowStore(dataSource, runner, SHADOW_SUFFIX);
    for (const model of models) await applyEvents(rows, model, events);
  };

  try {
    await withSparseCheckpoints(dataSource, async () => {
      for (;;) {
        const events = await store.readAll(position, batchSize);
        if (events.length === 0) break;
        await inWriteTransaction(dataSource, (runner) => replay(runner, events), { exclusive: false });
        position = events[events.length - 1].position;
        done += events.length;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        options.onProgress?.({
          readModels: names,
          done,
          total: Math.max(total, done),
          position,
          eventsPerSecond: Math.round(done / seconds),
        });
      }
    });
    await inWriteTransaction(
      dataSource,
      async (runner) => {
        for (const shadow of shadows) await shadow.prepareSwap(runner);
      },
      { exclusive: false },
    );
    await inExclusiveTransaction(dataSource, async (runner) => {
      for (;;) {
        const late = await store.readAll(position, batchSize);
        if (late.length === 0) break;
        await replay(runner, late);
        position = late[late.length - 1].position;
        done += late.length;
      }
      for (const shadow of shadows) await shadow.swap(runner);
      await ensureCheckpoints(runner, names);
      for (const name of names) await resetCheckpoint(runner, name, position);
    });
  } catch (error) {
    await inWriteTransaction(
      dataSource,
      async (runner) => {
        for (const shadow of shadows) await shadow.drop(runner);
      },
      { exclusive: false },
    ).catch(() => undefined);
    throw error;
  }
  return { readModels: names, events: done, position, seconds: (Date.now() - started) / 1000 };
}

async function prepareShadows(dataSource: DataSource, models: readonly ReadModel[]): Promise<ShadowTable[]> {
  const tables = models.flatMap((model) =>
    entitiesOf(model).map((entity) => dataSource.getMetadata(entity).tableName),
  );
  return inWriteTransaction(
    dataSource,
    async (runner) => {
      const shadows: ShadowTable[] = [];
      for (const table of tables) {
        const shadow = await shadowTable(dataSource, runner, table);
        await shadow.create(runner);
        shadows.push(shadow);
      }
      return shadows;
    },
    { exclusive: false },
  );
}
