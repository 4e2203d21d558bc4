import type Database from 'better-sqlite3';
import { checkExpectedRevision } from '../append-checks';
import { IdempotencyKeyTakenError, StoreUnavailableError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { describe, toStoreError } from './sqlite-errors';

/**
 * One append as the writer receives it: its instants already stamped by the store's clock, its
 * payloads already JSON. Strings cross to the writer thread as a copy of their bytes, far cheaper
 * than the structured clone of the objects they encode.
 */
export interface WriteAppend {
  streamId: string;
  events: WriteEvent[];
  expectedRevision: ExpectedRevision;
  idempotency?: { key: string; requestHash: string; response: string };
  recordedAt: string;
  /** When the idempotency record is created (its `created_at`). */
  createdAt: string;
}

export interface WriteEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** One call of the port: `append` is one append, `appendMany` several that stand or fall together. */
export type WriteCall = readonly WriteAppend[];

export type CallOutcome<E> = { ok: true; results: AppendResult[] } | { ok: false; error: E };

/** Either the batch committed and each call has its own outcome, or nothing of it was stored. */
export type BatchOutcome<E> =
  { committed: true; outcomes: CallOutcome<E>[] } | { committed: false; error: E };

/**
 * Writes a group commit's batch on the writer connection: every call of the batch in one
 * `BEGIN IMMEDIATE` transaction (one fsync), each call inside its own savepoint so that a refused
 * call rolls back only itself, in batch order, so positions commit in order. Synchronous from
 * BEGIN to COMMIT; the caller acknowledges nothing before it has returned.
 */
export class AppendBatchWriter {
  private readonly statements: ReturnType<typeof prepareWriteStatements>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareWriteStatements(db);
  }

  write(batch: readonly WriteCall[]): BatchOutcome<unknown> {
    try {
      this.statements.begin.run();
    } catch (error) {
      return { committed: false, error: unavailable(error, 'could not start a transaction') };
    }
    try {
      const outcomes = batch.map((call) => this.writeInSavepoint(call));
      this.statements.commit.run();
      return { committed: true, outcomes };
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.statements.rollback.run();
        } catch {
          // The connection is failing: SQLite discards the transaction when it cannot go on.
        }
      }
      return { committed: false, error: unavailable(error, 'could not commit') };
    }
  }

  /**
   * A refusal (a race lost, a taken key, a duplicate id…) rolls back this call only. A failing
   * file (I/O error, disk full, read-only) fails the whole batch: it is rethrown to `write`,
   * because SQLite may already have rolled the transaction back, taking the others with it.
   */
  private writeInSavepoint(call: WriteCall): CallOutcome<unknown> {
    const { statements } = this;
    statements.savepoint.run();
    try {
      const results = call.map((append) => this.appendOne(append));
      statements.release.run();
      return { ok: true, results };
    } catch (error) {
      if (error instanceof StoreUnavailableError || !this.db.inTransaction) throw error;
      statements.rollbackTo.run();
      statements.release.run();
      return { ok: false, error };
    }
  }

  /** Throws the port's errors. */
  private appendOne(append: WriteAppend): AppendResult {
    try {
      return this.appendWithinTransaction(append);
    } catch (error) {
      throw toStoreError(error, append.streamId, append.idempotency?.key);
    }
  }

  /**
   * A taken key is reported before anything else: a retry whose stream has moved on (or whose
   * event ids, derived from the key, are already in the log) must still learn that its first
   * attempt succeeded, not that it lost a race. The record's primary key refuses a taken key, so
   * the key is looked up only when the append is refused, not on every append.
   */
  private appendWithinTransaction(append: WriteAppend): AppendResult {
    try {
      return this.insertAppend(append);
    } catch (error) {
      const { idempotency } = append;
      if (idempotency && this.db.inTransaction && this.statements.keyTaken.get(idempotency.key))
        throw new IdempotencyKeyTakenError(idempotency.key);
      throw error;
    }
  }

  private insertAppend({
    streamId,
    events,
    expectedRevision,
    idempotency,
    recordedAt,
    createdAt,
  }: WriteAppend): AppendResult {
    const { statements } = this;
    const current = statements.lastRevision.get(streamId) as bigint | null;
    checkExpectedRevision(streamId, expectedRevision, current === null ? null : Number(current));
    let revision = current === null ? -1 : Number(current);
    let position = 0n;
    for (const event of events) {
      revision += 1;
      const inserted = statements.insertEvent.run(
        event.id,
        streamId,
        revision,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
      );
      position = BigInt(inserted.lastInsertRowid);
    }
    if (idempotency) {
      statements.insertIdempotency.run(
        idempotency.key,
        idempotency.requestHash,
        idempotency.response,
        streamId,
        revision,
        position,
        createdAt,
      );
    }
    return { revision, position };
  }
}

/** Prepared once per connection: preparing is a large share of a small append's cost. */
function prepareWriteStatements(db: Database.Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    savepoint: db.prepare('SAVEPOINT vigie_append'),
    release: db.prepare('RELEASE vigie_append'),
    rollbackTo: db.prepare('ROLLBACK TO vigie_append'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
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
  };
}

function unavailable(error: unknown, what: string): StoreUnavailableError {
  const mapped = toStoreError(error);
  if (mapped instanceof StoreUnavailableError) return mapped;
  return new StoreUnavailableError(`SQLite event store ${what}: ${describe(error)}`, error);
}
