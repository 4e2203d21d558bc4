import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The as-of history read model (as-of-history.entity.ts): its three tables, in the shared SQL
 * subset and with TypeORM's derived names, as the earlier migrations. It is new: the projector
 * finds no checkpoint for it and fills it from the start of the log.
 */
const TABLES = [
  'CREATE TABLE "as_of_declaration" ("declaration_id" text NOT NULL, "year" integer NOT NULL, ' +
    '"regular" boolean NOT NULL, "created_at" bigint NOT NULL, "created_position" bigint NOT NULL, ' +
    '"last_at" bigint NOT NULL, "last_position" bigint NOT NULL, "facts" text NOT NULL, ' +
    '"regulatory" text, CONSTRAINT "PK_a84d350b9975cfe314801d095d2" PRIMARY KEY ("declaration_id"))',
  'CREATE INDEX "idx_as_of_declaration_irregular" ON "as_of_declaration" ("year", "regular")',
  'CREATE INDEX "idx_as_of_declaration_created" ON "as_of_declaration" ("year", "created_at")',
  'CREATE TABLE "as_of_change" ("position" bigint NOT NULL, "declaration_id" text NOT NULL, "year" integer NOT NULL, ' +
    '"recorded_at" bigint NOT NULL, "facts_change" text, "regulatory_change" text, ' +
    'CONSTRAINT "PK_f8e5dc290d8d08dee13abdb1861" PRIMARY KEY ("position"))',
  'CREATE INDEX "idx_as_of_change_year" ON "as_of_change" ("year", "recorded_at", "position")',
  'CREATE TABLE "as_of_instant" ("position" bigint NOT NULL, "recorded_at" bigint NOT NULL, ' +
    'CONSTRAINT "PK_6832633ef18ed18cccde069707a" PRIMARY KEY ("position"))',
  'CREATE INDEX "idx_as_of_instant_recorded_at" ON "as_of_instant" ("recorded_at")',
];

export class AsOfHistory1798329600000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['as_of_instant', 'as_of_change', 'as_of_declaration'])
      await runner.query(`DROP TABLE "${table}"`);
    await runner.query(`DELETE FROM "projection_checkpoint" WHERE "name" = 'as-of-history'`);
  }
}
