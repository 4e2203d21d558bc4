import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema of the read models. Every statement is in the subset SQLite and PostgreSQL
 * share (text, integer, bigint, boolean; named primary keys as table constraints), so one script
 * serves both dialects; names are those TypeORM derives from the entities, so that its schema
 * builder finds nothing to change (checked by read-data-source.spec.ts on both).
 */
const TABLES: [table: string, columns: string, primaryKey: string][] = [
  [
    'projection_checkpoint',
    '"name" text NOT NULL, "position" bigint NOT NULL',
    'PK_0a9907b5eba663b71996ef01f25" PRIMARY KEY ("name',
  ],
  [
    'declaration_summary',
    '"id" text NOT NULL, "finess" text NOT NULL, "structure_name" text NOT NULL, "structure_type" text NOT NULL, ' +
      '"region" text NOT NULL, "year" integer NOT NULL, "month" integer NOT NULL, "submitted_at" text NOT NULL, ' +
      '"origin" text NOT NULL, "incident_type" text, "status" text NOT NULL, "patient_endangerment" text NOT NULL, ' +
      '"operational_impact" text NOT NULL, "description" text NOT NULL, "search_text" text NOT NULL, ' +
      '"revision" integer NOT NULL, "position" bigint NOT NULL, "updated_at" text NOT NULL, "view" text NOT NULL',
    'PK_2e7b1629609b3bf3309c7500388" PRIMARY KEY ("id',
  ],
  [
    'declaration_timeline',
    '"position" bigint NOT NULL, "declaration_id" text NOT NULL, "revision" integer NOT NULL, "type" text NOT NULL, ' +
      '"at" text NOT NULL, "actor" text NOT NULL, "changes" text NOT NULL',
    'PK_9969a39cb004db48c63c5928cf2" PRIMARY KEY ("position',
  ],
  [
    'facility_history_member',
    '"declaration_id" text NOT NULL, "revision" integer NOT NULL, "finess" text NOT NULL, "structure_name" text NOT NULL, ' +
      '"structure_type" text NOT NULL, "region" text NOT NULL, "submitted_at" text NOT NULL, "qualified" boolean NOT NULL, ' +
      '"closed" boolean NOT NULL, "origin" text NOT NULL, "patient_endangerment" text NOT NULL, "operational_impact" text NOT NULL',
    'PK_366af506e007390188d4316cd1b" PRIMARY KEY ("declaration_id',
  ],
  [
    'facility_history',
    '"finess" text NOT NULL, "structure_name" text NOT NULL, "structure_type" text NOT NULL, "region" text NOT NULL, ' +
      '"last_declaration_id" text NOT NULL, "declarations" integer NOT NULL, "open_declarations" integer NOT NULL, ' +
      '"first_submitted_at" text NOT NULL, "last_submitted_at" text NOT NULL, "origin_malicious" integer NOT NULL, ' +
      '"origin_non_malicious" integer NOT NULL, "origin_unknown" integer NOT NULL, "endangerment_potential" integer NOT NULL, ' +
      '"endangerment_actual" integer NOT NULL, "impact_degraded" integer NOT NULL, "impact_interruption" integer NOT NULL',
    'PK_f2ab0c58c7c3551847063a82c00" PRIMARY KEY ("finess',
  ],
  [
    'annual_statistics_facts',
    '"declaration_id" text NOT NULL, "revision" integer NOT NULL, "facts" text NOT NULL',
    'PK_59f5311a3c63f02986d0200badc" PRIMARY KEY ("declaration_id',
  ],
  [
    'annual_statistics_cell',
    '"key" text NOT NULL, "year" integer NOT NULL, "section" text NOT NULL, "cell_key" text NOT NULL, "count" integer NOT NULL',
    'PK_da5351a3e2fb11558fd6025ba4d" PRIMARY KEY ("key',
  ],
  [
    'annual_statistics_structure',
    '"key" text NOT NULL, "year" integer NOT NULL, "finess" text NOT NULL, "declarations" integer NOT NULL, ' +
      '"impact_none" integer NOT NULL, "impact_degraded" integer NOT NULL, "impact_interruption" integer NOT NULL',
    'PK_b2d0eaf78f7c54863be743a30c5" PRIMARY KEY ("key',
  ],
];

const INDEXES = [
  'CREATE INDEX "idx_declaration_summary_submitted" ON "declaration_summary" ("submitted_at", "id")',
  'CREATE INDEX "idx_declaration_summary_finess" ON "declaration_summary" ("finess", "submitted_at")',
  'CREATE INDEX "idx_declaration_summary_year" ON "declaration_summary" ("year", "month")',
  'CREATE INDEX "idx_declaration_timeline_declaration" ON "declaration_timeline" ("declaration_id", "revision")',
  'CREATE INDEX "idx_annual_statistics_cell_year" ON "annual_statistics_cell" ("year")',
  'CREATE INDEX "idx_annual_statistics_structure_year" ON "annual_statistics_structure" ("year")',
];

export class ReadModels1767225600000 implements MigrationInterface {
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
