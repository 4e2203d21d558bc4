import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The identity tables (identity.entities.ts), in the SQL subset SQLite and PostgreSQL share. */
const STATEMENTS = [
  `CREATE TABLE "identity_session" ("id_hash" text PRIMARY KEY, "user_id" text NOT NULL,
    "issuer" text NOT NULL, "id_token" text, "created_at" text NOT NULL, "last_seen_at" text NOT NULL,
    "expires_at" text NOT NULL)`,
  `CREATE INDEX "IDX_identity_session_user" ON "identity_session" ("user_id")`,
  `CREATE TABLE "identity_login_attempt" ("state_hash" text PRIMARY KEY, "code_verifier" text NOT NULL,
    "nonce" text NOT NULL, "return_to" text NOT NULL, "browser_hash" text NOT NULL, "expires_at" text NOT NULL)`,
  `CREATE TABLE "identity_api_token" ("id" text PRIMARY KEY, "user_id" text NOT NULL, "label" text NOT NULL,
    "token_hash" text NOT NULL, "prefix" text NOT NULL, "created_at" text NOT NULL, "expires_at" text,
    "last_used_at" text, "revoked_at" text)`,
  `CREATE INDEX "IDX_identity_api_token_user" ON "identity_api_token" ("user_id")`,
  `CREATE UNIQUE INDEX "IDX_identity_api_token_hash" ON "identity_api_token" ("token_hash")`,
  `CREATE TABLE "identity_local_account" ("id" text PRIMARY KEY, "email" text NOT NULL,
    "display_name" text NOT NULL, "user_id" text, "password_hash" text, "totp_required" boolean NOT NULL,
    "totp_secret" text, "totp_last_step" integer, "failed_attempts" integer NOT NULL, "locked_until" text,
    "activation_hash" text, "activation_expires_at" text, "disabled" boolean NOT NULL, "created_at" text NOT NULL)`,
  `CREATE UNIQUE INDEX "IDX_identity_local_account_email" ON "identity_local_account" ("email")`,
  `CREATE UNIQUE INDEX "IDX_identity_local_account_activation" ON "identity_local_account" ("activation_hash")`,
  `CREATE TABLE "identity_oidc_model" ("key" text PRIMARY KEY, "model" text NOT NULL, "payload" text NOT NULL,
    "grant_id" text, "uid" text, "user_code" text, "expires_at" text, "consumed_at" text)`,
  `CREATE INDEX "IDX_identity_oidc_model_grant" ON "identity_oidc_model" ("grant_id")`,
  `CREATE INDEX "IDX_identity_oidc_model_uid" ON "identity_oidc_model" ("uid")`,
];

export class Identity1797206400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['identity_oidc_model', 'identity_local_account', 'identity_api_token']) {
      await runner.query(`DROP TABLE "${table}"`);
    }
    await runner.query('DROP TABLE "identity_login_attempt"');
    await runner.query('DROP TABLE "identity_session"');
  }
}
