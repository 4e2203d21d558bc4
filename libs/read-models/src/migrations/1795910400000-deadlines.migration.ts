import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadlines read model (regulatory clocks): its source rows and one row per clock. Same
 * shared SQL subset and TypeORM-derived names as the first migration, so the schema builder
 * finds nothing to change. A new read model starts empty: the projector fills it from position 0.
 */
const TABLES: [table: string, columns: string, primaryKey: string][] = [
  [
    'deadline_declaration',
    '"declaration_id" text NOT NULL, "revision" integer NOT NULL, "facts" text NOT NULL',
    'PK_07c2bb901dfc4e53080d084fc6b" PRIMARY KEY ("declaration_id',
  ],
  [
    'deadline',
    '"key" text NOT NULL, "declaration_id" text NOT NULL, "clock_id" text NOT NULL, "regime" text NOT NULL, ' +
      '"stage" text NOT NULL, "request_id" text, "finess" text NOT NULL, "structure_name" text NOT NULL, ' +
      '"region" text NOT NULL, "due_at" text NOT NULL, "met_at" text, "declaration_closed" boolean NOT NULL',
    'PK_2e4aa675960f1eafe191dd33703" PRIMARY KEY ("key',
  ],
];

const INDEXES = [
  'CREATE INDEX "idx_deadline_due" ON "deadline" ("due_at", "key")',
  'CREATE INDEX "idx_deadline_declaration" ON "deadline" ("declaration_id")',
  'CREATE INDEX "idx_deadline_finess" ON "deadline" ("finess", "due_at")',
];

export class Deadlines1795910400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const [table, columns, primaryKey] of TABLES) {
      await runner.query(`CREATE TABLE "${table}" (${columns}, CONSTRAINT "${primaryKey}"))`);
    }
    for (const index of INDEXES) await runner.query(index);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table] of [...TABLES].reverse()) await runner.query(`DROP TABLE "${table}"`);
  }
}
