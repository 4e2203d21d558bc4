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

/**
 * Whose state: the webhook notifier's (`notifier`, the default) or the mailer's (`mailer`). Each
 * has its own row of `notifier_checkpoint` and its own agenda table (`<name>_agenda`), so that one
 * following the log never moves the other.
 */
export type NotifierStateName = 'notifier' | 'mailer';

const schemaOf = (agenda: string): string[] => [
  'CREATE TABLE IF NOT EXISTS "notifier_checkpoint" ("name" text NOT NULL PRIMARY KEY, "position" bigint NOT NULL)',
  `CREATE TABLE IF NOT EXISTS "${agenda}" ("declaration_id" text NOT NULL PRIMARY KEY, "next_at" text NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS "idx_${agenda}_next" ON "${agenda}" ("next_at")`,
];

const SCHEMA_LOCK = 7_202_604_006;

/** Both dialects, plain SQL; SQLite writes take the write lock without blocking the event loop. */
export class SqlNotifierState implements NotifierState {
  private readonly agenda: string;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly name: NotifierStateName,
  ) {
    // A closed list, never caller text: the table name goes into the SQL as it is.
    this.agenda = `${name}_agenda`;
  }

  static async open(dataSource: DataSource, name: NotifierStateName = 'notifier'): Promise<SqlNotifierState> {
    if (name !== 'notifier' && name !== 'mailer') throw new Error(`Unknown notifier state ${String(name)}`);
    const state = new SqlNotifierState(dataSource, name);
    await state.write(async (runner) => {
      if (dialectOf(dataSource) === 'postgres')
        await runner.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (const statement of schemaOf(state.agenda)) await runner.query(statement);
    });
    return state;
  }

  checkpoint(): Promise<bigint | null> {
    return this.position(this.name);
  }

  /**
   * Where it first started following the log (kept beside the checkpoint by its first `advance`),
   * or null for a state from before origins were kept. The mailer leaves alone the declarations
   * submitted before it: their history is not mailed.
   */
  origin(): Promise<bigint | null> {
    return this.position(`${this.name}:origin`);
  }

  private async position(name: string): Promise<bigint | null> {
    const rows: { position: string | number }[] = await this.dataSource.query(
      `SELECT "position" FROM "notifier_checkpoint" WHERE "name" = ${this.param(0)}`,
      [name],
    );
    return rows.length === 0 ? null : BigInt(rows[0].position);
  }

  advance(from: bigint | null, to: bigint): Promise<boolean> {
    return this.write(async (runner) => {
      if (from === null) {
        const inserted = await runner.query(
          `INSERT INTO "notifier_checkpoint" ("name", "position") VALUES (${this.param(0)}, ${this.param(1)}) ON CONFLICT ("name") DO NOTHING`,
          [this.name, to.toString()],
          true,
        );
        if (affected(inserted) !== 1) return false;
        await runner.query(
          `INSERT INTO "notifier_checkpoint" ("name", "position") VALUES (${this.param(0)}, ${this.param(1)}) ON CONFLICT ("name") DO NOTHING`,
          [`${this.name}:origin`, to.toString()],
        );
        return true;
      }
      const updated = await runner.query(
        `UPDATE "notifier_checkpoint" SET "position" = ${this.param(0)} WHERE "name" = ${this.param(1)} AND "position" = ${this.param(2)}`,
        [to.toString(), this.name, from.toString()],
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
          await runner.query(`DELETE FROM "${this.agenda}" WHERE "declaration_id" = ${this.param(0)}`, [
            declarationId,
          ]);
        } else {
          await runner.query(
            `INSERT INTO "${this.agenda}" ("declaration_id", "next_at") VALUES (${this.param(0)}, ${this.param(1)}) ` +
              'ON CONFLICT ("declaration_id") DO UPDATE SET "next_at" = excluded."next_at"',
            [declarationId, new Date(at).toISOString()],
          );
        }
      }
    });
  }

  async due(now: Date, limit: number): Promise<string[]> {
    const rows: { declaration_id: string }[] = await this.dataSource.query(
      `SELECT "declaration_id" FROM "${this.agenda}" WHERE "next_at" <= ${this.param(0)} ORDER BY "next_at", "declaration_id" LIMIT ${Math.max(1, Math.floor(limit))}`,
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
