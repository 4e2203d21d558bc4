import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The administrators' list of users on `user_permissions`: the sealed e-mail and name, the
 * invitation's instant, and the e-mail's keyed hash (indexed) by which a first login finds its
 * invitation. Same shared SQL subset and TypeORM-derived names as the earlier migrations. The
 * values come from the events, which SQL cannot replay: the table is made again, `user_login`
 * emptied and the checkpoint set back to 0, so the projector fills both again from the start.
 */
const BASE_COLUMNS =
  '"user_id" text NOT NULL, "revision" integer NOT NULL, "roles" text NOT NULL, ' +
  '"declarant_finess" text NOT NULL, "disabled" boolean NOT NULL, "grants" text NOT NULL, "logins" text NOT NULL';
const DIRECTORY_COLUMNS =
  ', "email_hash" text, "email" text NOT NULL, "name" text NOT NULL, "invited_at" text NOT NULL';
const PRIMARY_KEY = 'CONSTRAINT "PK_3495bd31f1862d02931e8e8d2e8" PRIMARY KEY ("user_id")';

async function recreateUserPermissions(runner: QueryRunner, withDirectory: boolean): Promise<void> {
  await runner.query('DROP TABLE "user_permissions"');
  const directory = withDirectory ? DIRECTORY_COLUMNS : '';
  await runner.query(`CREATE TABLE "user_permissions" (${BASE_COLUMNS}${directory}, ${PRIMARY_KEY})`);
  if (withDirectory)
    await runner.query('CREATE INDEX "idx_user_permissions_email_hash" ON "user_permissions" ("email_hash")');
  await runner.query('DELETE FROM "user_login"');
  await runner.query(`UPDATE "projection_checkpoint" SET "position" = 0 WHERE "name" = 'user-permissions'`);
}

export class UserDirectory1797379200000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await recreateUserPermissions(runner, true);
  }

  async down(runner: QueryRunner): Promise<void> {
    await recreateUserPermissions(runner, false);
  }
}
