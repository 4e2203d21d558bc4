import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yearly report's on-time shares as sums (`deadline_share`), and the year of each clock on
 * `deadline` with the index that counts the year's unmet clocks still due. Same shared SQL subset
 * and TypeORM-derived names as the earlier migrations. The year and the sums are derived from the
 * events, which SQL cannot replay: the deadlines read model is emptied and its checkpoint set back
 * to 0, so the projector fills it again from the start, as it fills a new read model.
 */
const DEADLINE_COLUMNS =
  '"key" text NOT NULL, "declaration_id" text NOT NULL, "clock_id" text NOT NULL, "regime" text NOT NULL, ' +
  '"stage" text NOT NULL, "request_id" text, "finess" text NOT NULL, "structure_name" text NOT NULL, ' +
  '"region" text NOT NULL, "due_at" text NOT NULL, "met_at" text, "declaration_closed" boolean NOT NULL';
const DEADLINE_PRIMARY_KEY = 'CONSTRAINT "PK_2e4aa675960f1eafe191dd33703" PRIMARY KEY ("key")';
const DEADLINE_INDEXES = [
  'CREATE INDEX "idx_deadline_due" ON "deadline" ("due_at", "key")',
  'CREATE INDEX "idx_deadline_declaration" ON "deadline" ("declaration_id")',
  'CREATE INDEX "idx_deadline_finess" ON "deadline" ("finess", "due_at")',
];

async function recreateDeadlineTable(runner: QueryRunner, withYear: boolean): Promise<void> {
  await runner.query('DROP TABLE "deadline"');
  const year = withYear ? ', "year" integer NOT NULL' : '';
  await runner.query(`CREATE TABLE "deadline" (${DEADLINE_COLUMNS}${year}, ${DEADLINE_PRIMARY_KEY})`);
  for (const index of DEADLINE_INDEXES) await runner.query(index);
  if (withYear) {
    await runner.query(
      'CREATE INDEX "idx_deadline_unmet" ON "deadline" ("year", "due_at") WHERE "met_at" IS NULL',
    );
  }
}

async function projectDeadlinesAgain(runner: QueryRunner): Promise<void> {
  await runner.query('DELETE FROM "deadline_declaration"');
  await runner.query(`UPDATE "projection_checkpoint" SET "position" = 0 WHERE "name" = 'deadlines'`);
}

export class DeadlineShares1796515200000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await recreateDeadlineTable(runner, true);
    await runner.query(
      'CREATE TABLE "deadline_share" ("key" text NOT NULL, "year" integer NOT NULL, "regime" text NOT NULL, ' +
        '"stage" text NOT NULL, "met" integer NOT NULL, "met_late" integer NOT NULL, "unmet" integer NOT NULL, ' +
        'CONSTRAINT "PK_0dd3518adc914d7d92c6e53e685" PRIMARY KEY ("key"))',
    );
    await runner.query('CREATE INDEX "idx_deadline_share_year" ON "deadline_share" ("year")');
    await projectDeadlinesAgain(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "deadline_share"');
    await recreateDeadlineTable(runner, false);
    await projectDeadlinesAgain(runner);
  }
}
