import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user-permissions read model ("what may this user do") and its login lookup. Same shared
 * SQL subset and TypeORM-derived names as the earlier migrations, so the schema builder finds
 * nothing to change. A new read model starts empty: the projector fills it from position 0.
 */
const TABLES: [table: string, columns: string, primaryKey: string][] = [
  [
    'user_permissions',
    '"user_id" text NOT NULL, "revision" integer NOT NULL, "roles" text NOT NULL, ' +
      '"declarant_finess" text NOT NULL, "disabled" boolean NOT NULL, "grants" text NOT NULL, "logins" text NOT NULL',
    'PK_3495bd31f1862d02931e8e8d2e8" PRIMARY KEY ("user_id',
  ],
  [
    'user_login',
    '"key" text NOT NULL, "issuer" text NOT NULL, "subject_hash" text NOT NULL, "user_ids" text NOT NULL',
    'PK_48265eafae66a1db25640f0b3e7" PRIMARY KEY ("key',
  ],
];

export class UserPermissions1797120000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const [table, columns, primaryKey] of TABLES) {
      await runner.query(`CREATE TABLE "${table}" (${columns}, CONSTRAINT "${primaryKey}"))`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table] of [...TABLES].reverse()) await runner.query(`DROP TABLE "${table}"`);
  }
}
