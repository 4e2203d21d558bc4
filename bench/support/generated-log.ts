import Database from 'better-sqlite3';
import { PostgresEventStore, SqliteEventStore, type AppendRequest } from '@vigie/event-store';
import type { Client } from 'pg';
import { generateLog, type GeneratedAppend } from '../../libs/read-models/src/testing/event-log-generator';

/** Seed of every generated log: the same events in every run and on every machine. */
export const LOG_SEED = 1;

/** Appends per transaction of the imports and of their raw baselines (`vigie migrate`'s default page). */
export const IMPORT_BATCH = 1000;

/**
 * Exactly `events` events of the project's realistic generator (about 6.5 per declaration, each
 * declaration amended, qualified, supported, closed… interleaved, over about 9 years for 1M
 * events), one event per append. The last declarations are cut where the count is reached.
 */
export function* generatedAppends(events: number, seed = LOG_SEED): Generator<GeneratedAppend> {
  let produced = 0;
  for (let round = 0; produced < events; round++) {
    for (const append of generateLog({
      declarations: Math.ceil((events - produced) / 5) + 10,
      seed: seed + round,
    })) {
      yield append;
      if (++produced >= events) return;
    }
  }
}

export function* inBatches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export const toAppendRequest = (append: GeneratedAppend): AppendRequest => ({
  streamId: append.streamId,
  events: append.events,
  options: { expectedRevision: append.expectedRevision, recordedAt: append.recordedAt },
});

/** The columns of the `events` table, as both stores' first migration defines them. */
interface EventColumns {
  eventIds: string[];
  streamIds: string[];
  revisions: number[];
  types: string[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
}

/** Serialised as the stores serialise them (JSON text; ISO instants). */
export function eventColumns(appends: readonly GeneratedAppend[]): EventColumns {
  const columns: EventColumns = {
    eventIds: [],
    streamIds: [],
    revisions: [],
    types: [],
    data: [],
    metadata: [],
    recordedAt: [],
  };
  for (const append of appends) {
    let revision = append.expectedRevision === 'no_stream' ? -1 : append.expectedRevision;
    for (const event of append.events) {
      columns.eventIds.push(event.id);
      columns.streamIds.push(append.streamId);
      columns.revisions.push(++revision);
      columns.types.push(event.type);
      columns.data.push(JSON.stringify(event.data));
      columns.metadata.push(JSON.stringify(event.metadata));
      columns.recordedAt.push(append.recordedAt.toISOString());
    }
  }
  return columns;
}

/** An empty log with the store's own schema (its migrations), for a raw baseline to fill. */
export async function createSqliteLog(path: string): Promise<void> {
  await (await SqliteEventStore.open(path)).close();
}

export async function createPostgresLog(url: string): Promise<void> {
  await (await PostgresEventStore.open(url)).close();
}

/**
 * The raw baseline of an import into SQLite: better-sqlite3 itself, one prepared INSERT, one
 * transaction per batch, with the store's own settings (WAL, synchronous FULL). Returns the
 * seconds spent writing (serialising included, generating excluded) and the events written.
 */
export function bulkInsertSqlite(
  path: string,
  batches: Iterable<GeneratedAppend[]>,
): { events: number; seconds: number } {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertBatch = db.transaction((appends: GeneratedAppend[]) => {
      const columns = eventColumns(appends);
      for (let i = 0; i < columns.eventIds.length; i++) {
        insert.run(
          columns.eventIds[i],
          columns.streamIds[i],
          columns.revisions[i],
          columns.types[i],
          columns.data[i],
          columns.metadata[i],
          columns.recordedAt[i],
        );
      }
      return columns.eventIds.length;
    });
    let events = 0;
    let nanoseconds = 0n;
    for (const batch of batches) {
      const started = process.hrtime.bigint();
      events += insertBatch.immediate(batch);
      nanoseconds += process.hrtime.bigint() - started;
    }
    return { events, seconds: Number(nanoseconds) / 1e9 };
  } finally {
    db.close();
  }
}

const INSERT_EVENTS = `
  INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])`;

/** The raw baseline of an import into PostgreSQL: one multi-row INSERT (unnest) per batch, each its own transaction. */
export async function bulkInsertPostgres(
  client: Client,
  batches: Iterable<GeneratedAppend[]>,
): Promise<{ events: number; seconds: number }> {
  let events = 0;
  let nanoseconds = 0n;
  for (const batch of batches) {
    const started = process.hrtime.bigint();
    const columns = eventColumns(batch);
    await client.query(INSERT_EVENTS, [
      columns.eventIds,
      columns.streamIds,
      columns.revisions,
      columns.types,
      columns.data,
      columns.metadata,
      columns.recordedAt,
    ]);
    nanoseconds += process.hrtime.bigint() - started;
    events += columns.eventIds.length;
  }
  return { events, seconds: Number(nanoseconds) / 1e9 };
}
