import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../event-store.errors';
import { describe, toStoreError } from './sqlite-errors';

/** A batch flushes at once when this many appends wait: bounds the time the event loop is held. */
export const GROUP_COMMIT_MAX = 256;

interface Pending {
  /** Runs inside the batch's transaction; throws the port's error for its own append. */
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the appends queued during one turn of the event loop share one transaction, so
 * one fsync, each inside its own savepoint so that a refused append rolls back only itself. The
 * batch runs synchronously from BEGIN to COMMIT (better-sqlite3 is synchronous), so a read on the
 * same connection never runs inside it and never sees uncommitted events; and no promise settles
 * before COMMIT has returned, so an acknowledged append is as durable as `synchronous` makes it.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly statements: Record<
    'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback',
    Database.Statement
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly onCommit?: (appends: number) => void,
  ) {
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT vigie_append'),
      release: db.prepare('RELEASE vigie_append'),
      rollbackTo: db.prepare('ROLLBACK TO vigie_append'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  /** Queues `work`; settles after the batch holding it committed (or failed). */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= GROUP_COMMIT_MAX) {
        this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Runs every queued append now, in queue order, in one transaction. */
  flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const settle: Array<() => void> = [];
    try {
      this.statements.begin.run();
    } catch (error) {
      const failure = unavailable(error, 'could not start a transaction');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    try {
      for (const pending of batch) settle.push(this.runInSavepoint(pending));
      this.statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.statements.rollback.run();
        } catch {
          // The connection is failing: SQLite discards the transaction when it cannot go on.
        }
      }
      const failure = unavailable(error, 'could not commit');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    for (const done of settle) done();
    try {
      this.onCommit?.(batch.length);
    } catch {
      // A metrics callback must not turn committed appends into a crash of the flush.
    }
  }

  /**
   * A refusal (a race lost, a taken key, a duplicate id…) rolls back this append only. A failing
   * file (I/O error, disk full, read-only) fails the whole batch: it is rethrown to `flush`,
   * because SQLite may already have rolled the transaction back, taking the others with it.
   */
  private runInSavepoint(pending: Pending): () => void {
    this.statements.savepoint.run();
    try {
      const value = pending.work();
      this.statements.release.run();
      return () => pending.resolve(value);
    } catch (error) {
      if (error instanceof StoreUnavailableError || !this.db.inTransaction) throw error;
      this.statements.rollbackTo.run();
      this.statements.release.run();
      return () => pending.reject(error);
    }
  }
}

function unavailable(error: unknown, what: string): StoreUnavailableError {
  const mapped = toStoreError(error);
  if (mapped instanceof StoreUnavailableError) return mapped;
  return new StoreUnavailableError(`SQLite event store ${what}: ${describe(error)}`, error);
}
