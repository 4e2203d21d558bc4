import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, StoredIdempotency } from '@vigie/event-store';
import { Pool } from 'pg';

/** The rows one command wrote: its events and its idempotency record, as the store serialised them. */
export interface CommandRows {
  events: RecordedEvent[];
  record: StoredIdempotency;
}

/**
 * Reads back what a run of commands wrote, command by command: the events of one append are
 * contiguous in the log (group commit on SQLite, the append lock on PostgreSQL) and end at the
 * revision its idempotency record names.
 */
export async function writtenCommands(store: EventStore): Promise<CommandRows[]> {
  const records = new Map<string, StoredIdempotency>();
  for (let after = ''; ;) {
    const page = (await store.listIdempotency?.(after, 5000)) ?? [];
    for (const record of page) records.set(`${record.revision}:${record.streamId}`, record);
    if (page.length < 5000) break;
    after = page[page.length - 1].key;
  }
  const commands: CommandRows[] = [];
  let run: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll(after, 5000);
    for (const event of page) {
      if (run.length > 0 && run[0].streamId !== event.streamId) run = [];
      run.push(event);
      const record = records.get(`${event.revision}:${event.streamId}`);
      if (record !== undefined) {
        commands.push({ events: run, record });
        run = [];
      }
    }
    if (page.length < 5000) break;
    after = page[page.length - 1].position;
  }
  return commands;
}

export interface RawRun {
  commands: number;
  seconds: number;
}

const SQLITE_EVENT = `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;
const SQLITE_RECORD = `INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * The same rows, one `BEGIN IMMEDIATE … COMMIT` per command, with better-sqlite3 and the store's
 * settings (WAL, synchronous FULL: one fsync per commit), into a log created by the store's
 * migration. Stops at `seconds`: the rate is what counts. One connection: better-sqlite3 is
 * synchronous, so concurrent writers would only take turns.
 */
export function insertRawSqlite(path: string, commands: readonly CommandRows[], seconds: number): RawRun {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insertEvent = db.prepare(SQLITE_EVENT);
    const insertRecord = db.prepare(SQLITE_RECORD);
    const insertCommand = db.transaction(({ events, record }: CommandRows) => {
      let position: number | bigint = 0;
      for (const event of events) {
        position = insertEvent.run(
          event.id,
          event.streamId,
          event.revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.recordedAt,
        ).lastInsertRowid;
      }
      insertRecord.run(
        record.key,
        record.requestHash,
        JSON.stringify(record.response),
        record.streamId,
        record.revision,
        position,
        new Date().toISOString(),
      );
    }).immediate;
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    let done = 0;
    for (const command of commands) {
      insertCommand(command);
      done++;
      if (process.hrtime.bigint() > deadline) break;
    }
    return { commands: done, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    db.close();
  }
}

/**
 * The same rows with pg, one transaction per command (BEGIN, the events' INSERT, the record's
 * INSERT, COMMIT), from `writers` connections at once, each taking the next command. Stops at `seconds`.
 */
export async function insertRawPostgres(
  url: string,
  commands: readonly CommandRows[],
  writers: number,
  seconds: number,
): Promise<RawRun> {
  const pool = new Pool({ connectionString: url, max: writers });
  try {
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    let next = 0;
    let done = 0;
    const writer = async () => {
      const client = await pool.connect();
      try {
        while (next < commands.length && process.hrtime.bigint() <= deadline) {
          const { events, record } = commands[next++];
          await client.query('BEGIN');
          const values = events.flatMap((event) => [
            event.id,
            event.streamId,
            event.revision,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
            event.recordedAt,
          ]);
          const tuples = events.map(
            (_, row) =>
              `(${Array.from({ length: 7 }, (_unused, column) => `$${row * 7 + column + 1}`).join(', ')})`,
          );
          const inserted = await client.query<{ position: string }>(
            `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES ${tuples.join(', ')} RETURNING position::text AS position`,
            values,
          );
          await client.query(
            'INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [
              record.key,
              record.requestHash,
              JSON.stringify(record.response),
              record.streamId,
              record.revision,
              inserted.rows[inserted.rows.length - 1].position,
              new Date().toISOString(),
            ],
          );
          await client.query('COMMIT');
          done++;
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
    return { commands: done, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await pool.end();
  }
}
