import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertAppendable, assertReadLimit } from '../append-checks';
import { StoreUnavailableError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendRequest,
  AppendResult,
  EventStore,
  NewEvent,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import { describe, toStoreError } from './sqlite-errors';
import { AppendBatchWriter, type WriteAppend } from './sqlite-append-batch';
import { GroupCommit, type BatchWriter } from './sqlite-group-commit';
import { migrateSqlite } from './sqlite-migrations';
import { SqliteWriterThread } from './sqlite-writer-thread';

export interface SqliteEventStoreOptions {
  /** Stamps `recordedAt` when an append does not bring its own. */
  clock?: () => Date;
  /** How long a writer waits for another process (the CLI next to the API) to release the file. */
  busyTimeoutMs?: number;
  /**
   * `full` (default): an acknowledged append survives power loss, at the cost of one fsync per
   * append. `normal`: survives a process crash but may lose the last appends on power loss; for
   * benchmarks and throwaway environments that choose that trade knowingly.
   */
  synchronous?: 'full' | 'normal';
  /** Called after each group commit with the number of appends it made durable (metrics, tests). */
  onGroupCommit?: (appends: number) => void;
  /**
   * `inline` (default): batches are written on the main thread's connection, the event loop
   * waiting for each COMMIT. `thread`: written by a worker thread that owns a writer connection,
   * so that the main thread goes on deciding commands while a batch commits. The thread takes a
   * third of the main thread's CPU per command but adds 7–10 % in all, and a message round trip
   * per batch: it can pay only with a core to spare for it. On B1's command path on a shared
   * 2-core machine it did not; with one writer it lost 25–70 % of the commands per second.
   */
  writer?: 'thread' | 'inline';
}

interface EventRow {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface IdempotencyRow {
  key: string;
  request_hash: string;
  response: string;
  stream_id: string;
  revision: bigint;
  position: bigint;
}

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
const IDEMPOTENCY_COLUMNS = 'key, request_hash, response, stream_id, revision, position';

/**
 * The embedded default. Appends go through a group commit (sqlite-group-commit.ts): the appends
 * queued while the previous batch was being written share one `BEGIN IMMEDIATE` transaction and
 * one fsync, in call order, so positions commit in order. The batch is written synchronously on
 * this connection (a read never runs inside it) or, with `writer: 'thread'`, by a writer thread
 * on a connection of its own (sqlite-writer-thread.ts); reads run here and, in WAL mode, see
 * committed data only.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly groupCommit: GroupCommit;
  private readonly writerThread?: SqliteWriterThread;
  private closing?: Promise<void>;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
    writer: SqliteWriterThread | AppendBatchWriter,
    onGroupCommit?: (appends: number) => void,
  ) {
    this.statements = prepareStatements(db);
    let writeBatch: BatchWriter;
    if (writer instanceof SqliteWriterThread) {
      this.writerThread = writer;
      writeBatch = (batch) => writer.write(batch);
    } else {
      writeBatch = async (batch) => writer.write(batch);
    }
    this.groupCommit = new GroupCommit(writeBatch, onGroupCommit);
  }

  static async open(path: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
    const clock = options.clock ?? (() => new Date());
    const busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 5000);
    const synchronous = options.synchronous ?? 'full';
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      // Switching to WAL writes to the file: skip it when already done, so a read-only file still opens.
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      migrateSqlite(db, clock);
      const writer =
        options.writer === 'thread'
          ? new SqliteWriterThread({ path, busyTimeoutMs, synchronous })
          : new AppendBatchWriter(db);
      return new SqliteEventStore(db, clock, writer, options.onGroupCommit);
    } catch (error) {
      db?.close();
      throw new StoreUnavailableError(
        `Cannot open the SQLite event store at ${path}: ${describe(error)}`,
        error,
      );
    }
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const [result] = await this.write([this.toWriteAppend({ streamId, events, options })]);
    return result;
  }

  /** One savepoint for the whole call, so one refusal rolls back every append of it. */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { streamId, events } of requests) assertAppendable(streamId, events);
    if (requests.length === 0) return [];
    return this.write(requests.map((request) => this.toWriteAppend(request)));
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.read(() => (this.statements.readStream.all(streamId) as EventRow[]).map(toRecordedEvent));
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    assertReadLimit(limit);
    return this.read(() => (this.statements.readAll.all(after, limit) as EventRow[]).map(toRecordedEvent));
  }

  async headPosition(): Promise<bigint> {
    return this.read(() => (this.statements.headPosition.get() as bigint | null) ?? 0n);
  }

  async findIdempotency(key: string): Promise<StoredIdempotency | null> {
    const row = this.read(() => this.statements.findIdempotency.get(key) as IdempotencyRow | undefined);
    return row ? toStoredIdempotency(row) : null;
  }

  async listIdempotency(after: string, limit: number): Promise<StoredIdempotency[]> {
    assertReadLimit(limit);
    return this.read(() =>
      (this.statements.listIdempotency.all(after, limit) as IdempotencyRow[]).map(toStoredIdempotency),
    );
  }

  async ping(): Promise<void> {
    this.read(() => this.statements.headPosition.get());
  }

  /** Appends already queued are written first: a caller that closes after appending loses nothing. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.groupCommit.drain();
      await this.writerThread?.close();
      this.db.close();
    })();
    return this.closing;
  }

  private write(call: WriteAppend[]): Promise<AppendResult[]> {
    if (this.closing) return Promise.reject(new StoreUnavailableError('SQLite event store is closed'));
    return this.groupCommit.submit(call);
  }

  /** Instants are stamped here, where the caller's clock is; payloads are encoded here, once. */
  private toWriteAppend({ streamId, events, options }: AppendRequest): WriteAppend {
    const { idempotency } = options;
    const now = this.clock();
    return {
      streamId,
      events: events.map(({ id, type, data, metadata }) => ({
        id,
        type,
        data: JSON.stringify(data),
        metadata: JSON.stringify(metadata),
      })),
      expectedRevision: options.expectedRevision,
      idempotency: idempotency && {
        key: idempotency.key,
        requestHash: idempotency.requestHash,
        response: JSON.stringify(idempotency.response),
      },
      recordedAt: (options.recordedAt ?? now).toISOString(),
      createdAt: now.toISOString(),
    };
  }

  private read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** The reads, prepared once per connection: preparing is a large share of a small query's cost. */
function prepareStatements(db: Database.Database) {
  return {
    findIdempotency: db
      .prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency WHERE key = ?`)
      .safeIntegers(true),
    listIdempotency: db
      .prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency WHERE key > ? ORDER BY key LIMIT ?`)
      .safeIntegers(true),
    readStream: db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`)
      .safeIntegers(true),
    readAll: db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .safeIntegers(true),
    headPosition: db.prepare('SELECT MAX(position) FROM events').pluck().safeIntegers(true),
  };
}

function toStoredIdempotency(row: IdempotencyRow): StoredIdempotency {
  return {
    key: row.key,
    requestHash: row.request_hash,
    response: JSON.parse(row.response) as StoredIdempotency['response'],
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
  };
}
