import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertAppendable, assertReadLimit, checkExpectedRevision } from '../append-checks';
import { IdempotencyKeyTakenError, StoreUnavailableError } from '../event-store.errors';
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
import { GroupCommit } from './sqlite-group-commit';
import { migrateSqlite } from './sqlite-migrations';

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
 * The embedded default. better-sqlite3 is synchronous; appends go through a group commit
 * (sqlite-group-commit.ts): the appends of one event-loop turn share one `BEGIN IMMEDIATE`
 * transaction and one fsync, in call order, so positions commit in order. Reads run between
 * batches, on committed data only.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly groupCommit: GroupCommit;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
    onGroupCommit?: (appends: number) => void,
  ) {
    this.statements = prepareStatements(db);
    this.groupCommit = new GroupCommit(db, onGroupCommit);
  }

  static async open(path: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
    const clock = options.clock ?? (() => new Date());
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      // Switching to WAL writes to the file: skip it when already done, so a read-only file still opens.
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      migrateSqlite(db, clock);
      return new SqliteEventStore(db, clock, options.onGroupCommit);
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
    return this.groupCommit.submit(() => this.appendOne({ streamId, events, options }));
  }

  /** One savepoint for the whole call, so one refusal rolls back every append of it. */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { streamId, events } of requests) assertAppendable(streamId, events);
    if (requests.length === 0) return [];
    return this.groupCommit.submit(() => requests.map((request) => this.appendOne(request)));
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
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.groupCommit.flush();
    this.db.close();
  }

  /** Runs inside the group commit's transaction; throws the port's errors. */
  private appendOne({ streamId, events, options }: AppendRequest): AppendResult {
    try {
      return this.appendWithinTransaction(streamId, events, options);
    } catch (error) {
      throw toStoreError(error, streamId, options.idempotency?.key);
    }
  }

  /**
   * A taken key is reported before anything else: a retry whose stream has moved on (or whose
   * event ids, derived from the key, are already in the log) must still learn that its first
   * attempt succeeded, not that it lost a race. The record's primary key refuses a taken key, so
   * the key is looked up only when the append is refused, not on every append.
   */
  private appendWithinTransaction(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): AppendResult {
    try {
      return this.insertAppend(streamId, events, options);
    } catch (error) {
      const { idempotency } = options;
      if (idempotency && this.db.inTransaction && this.statements.keyTaken.get(idempotency.key))
        throw new IdempotencyKeyTakenError(idempotency.key);
      throw error;
    }
  }

  private insertAppend(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    const { statements } = this;
    const { idempotency } = options;
    const current = statements.lastRevision.get(streamId) as bigint | null;
    checkExpectedRevision(streamId, options.expectedRevision, current === null ? null : Number(current));
    const recordedAt = (options.recordedAt ?? this.clock()).toISOString();
    let revision = current === null ? -1 : Number(current);
    let position = 0n;
    for (const event of events) {
      revision += 1;
      const inserted = statements.insertEvent.run(
        event.id,
        streamId,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = BigInt(inserted.lastInsertRowid);
    }
    if (idempotency) {
      statements.insertIdempotency.run(
        idempotency.key,
        idempotency.requestHash,
        JSON.stringify(idempotency.response),
        streamId,
        revision,
        position,
        this.clock().toISOString(),
      );
    }
    return { revision, position };
  }

  private read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** Prepared once per connection: preparing is a large share of a small append's cost. */
function prepareStatements(db: Database.Database) {
  return {
    lastRevision: db
      .prepare('SELECT MAX(revision) FROM events WHERE stream_id = ?')
      .pluck()
      .safeIntegers(true),
    insertEvent: db
      .prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true),
    insertIdempotency: db.prepare(
      `INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    keyTaken: db.prepare('SELECT 1 FROM idempotency WHERE key = ?').pluck(),
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
