import { beginImmediate, dialectOf } from '@vigie/read-models';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The notifier's own memory, in the read database: how far it has followed the event log, and
 * when each declaration next needs a look (a reminder to send, a failed delivery to retry). What
 * was delivered is not kept here: the event stream records it. The tables belong to the notifier,
 * not to a read model, so a rebuild of the read models leaves them alone.
 */
export interface NotifierState {
  /** null before the first run. */
  checkpoint(): Promise<bigint | null>;
  /** Compare-and-set: false when another notifier moved it first. */
  advance(from: bigint | null, to: bigint): Promise<boolean>;
  /** Sets or clears (null) when to look at each declaration again. */
  schedule(entries: ReadonlyMap<string, number | null>): Promise<void>;
  /** Declarations whose time has come, the most overdue first. */
  due(now: Date, limit: number): Promise<string[]>;
}

const CHECKPOINT = 'notifier';

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS "notifier_checkpoint" ("name" text NOT NULL PRIMARY KEY, "position" bigint NOT NULL)',
  'CREATE TABLE IF NOT EXISTS "notifier_agenda" ("declaration_id" text NOT NULL PRIMARY KEY, "next_at" text NOT NULL)',
  'CREATE INDEX IF NOT EXISTS "idx_notifier_agenda_next" ON "notifier_agenda" ("next_at")',
];

const SCHEMA_LOCK = 7_202_604_006;

/** Both dialects, plain SQL; SQLite writes take the write lock without blocking the event loop. */
export class SqlNotifierState implements NotifierState {
  private constructor(private readonly dataSource: DataSource) {}

  static async open(dataSource: DataSource): Promise<SqlNotifierState> {
    const state = new SqlNotifierState(dataSource);
    await state.write(async (runner) => {
      if (dialectOf(dataSource) === 'postgres')
        await runner.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (const statement of SCHEMA) await runner.query(statement);
    });
    return state;
  }

  async checkpoint(): Promise<bigint | null> {
    const rows: { position: string | number }[] = await this.dataSource.query(
      `SELECT "position" FROM "notifier_checkpoint" WHERE "name" = ${this.param(0)}`,
      [CHECKPOINT],
    );
    return rows.length === 0 ? null : BigInt(rows[0].position);
  }

  advance(from: bigint | null, to: bigint): Promise<boolean> {
    return this.write(async (runner) => {
      if (from === null) {
        const inserted = await runner.query(
          `INSERT INTO "notifier_checkpoint" ("name", "position") VALUES (${this.param(0)}, ${this.param(1)}) ON CONFLICT ("name") DO NOTHING`,
          [CHECKPOINT, to.toString()],
          true,
        );
        return affected(inserted) === 1;
      }
      const updated = await runner.query(
        `UPDATE "notifier_checkpoint" SET "position" = ${this.param(0)} WHERE "name" = ${this.param(1)} AND "position" = ${this.param(2)}`,
        [to.toString(), CHECKPOINT, from.toString()],
        true,
      );
      return affected(updated) === 1;
    });
  }

  async schedule(entries: ReadonlyMap<string, number | null>): Promise<void> {
    if (entries.size === 0) return;
    await this.write(async (runner) => {
      for (const [declarationId, at] of entries) {
        if (at === null) {
          await runner.query(`DELETE FROM "notifier_agenda" WHERE "declaration_id" = ${this.param(0)}`, [
            declarationId,
          ]);
        } else {
          await runner.query(
            `INSERT INTO "notifier_agenda" ("declaration_id", "next_at") VALUES (${this.param(0)}, ${this.param(1)}) ` +
              'ON CONFLICT ("declaration_id") DO UPDATE SET "next_at" = excluded."next_at"',
            [declarationId, new Date(at).toISOString()],
          );
        }
      }
    });
  }

  async due(now: Date, limit: number): Promise<string[]> {
    const rows: { declaration_id: string }[] = await this.dataSource.query(
      `SELECT "declaration_id" FROM "notifier_agenda" WHERE "next_at" <= ${this.param(0)} ORDER BY "next_at", "declaration_id" LIMIT ${Math.max(1, Math.floor(limit))}`,
      [now.toISOString()],
    );
    return rows.map((row) => row.declaration_id);
  }

  private param(index: number): string {
    return this.dataSource.driver.createParameter(`p${index}`, index);
  }

  private async write<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      if (dialectOf(this.dataSource) === 'postgres') {
        await runner.connect();
        await runner.query('BEGIN');
      } else {
        await beginImmediate(runner);
      }
      try {
        const result = await work(runner);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

const affected = (result: unknown): number => (result as { affected?: number }).affected ?? 0;
