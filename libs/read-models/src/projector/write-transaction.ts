import type { DataSource, QueryRunner } from 'typeorm';
import { beginImmediate, dialectOf } from '../data-source/read-data-source';

/** Serializes projector batches and rebuild swaps across every process sharing the read database. */
export const PROJECTOR_LOCK = 7_202_604_002;

/**
 * Runs `work` in a write transaction on its own connection (PostgreSQL) or on the DataSource's
 * one connection (SQLite, `BEGIN IMMEDIATE`: the database's single write lock, so SQLite
 * transactions are always exclusive). `exclusive` adds, on PostgreSQL, `pg_advisory_xact_lock`:
 * no other projector batch or rebuild swap runs until commit or rollback, and the checkpoints read
 * inside are the latest committed ones.
 */
export async function inWriteTransaction<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
  options: { exclusive: boolean },
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    if (dialectOf(dataSource) === 'postgres') {
      await runner.connect();
      await runner.query('BEGIN');
      // Rows and checkpoints commit together: a commit lost in a server crash is projected again,
      // so read-model transactions need not wait for the WAL flush.
      await runner.query('SET LOCAL synchronous_commit TO OFF');
      if (options.exclusive) await runner.query('SELECT pg_advisory_xact_lock($1)', [PROJECTOR_LOCK]);
    } else {
      await beginImmediate(runner);
    }
    let result: T;
    try {
      result = await work(runner);
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}

export const inExclusiveTransaction = <T>(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> => inWriteTransaction(dataSource, work, { exclusive: true });
