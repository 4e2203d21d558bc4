import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analyst a declaration is assigned to (indexed with submittedAt: the console's "assigned to
 * me" and "unassigned" views) and the declaration's human reference on `declaration_summary` (indexed: `GET …/{reference}` finds
 * it; not UNIQUE, so that a defect elsewhere could never stop the projector: the allocator makes it unique), and the form's later answers in its view. Both come from the events, which SQL
 * cannot replay: the rows are emptied and the checkpoint set back to 0, so the projector fills the
 * table again from the start. Same shared SQL subset as the earlier migrations.
 */
export class DeclarationReference1797984000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "declaration_summary" ADD COLUMN "reference" text');
    await runner.query('ALTER TABLE "declaration_summary" ADD COLUMN "assignee" text');
    await runner.query('ALTER TABLE "declaration_summary" ADD COLUMN "qualified" boolean');
    await runner.query(
      'CREATE INDEX "idx_declaration_summary_assignee" ON "declaration_summary" ("assignee", "submitted_at")',
    );
    // The live feed reads what changed after a position.
    await runner.query(
      'CREATE INDEX "idx_declaration_summary_position" ON "declaration_summary" ("position")',
    );
    await runner.query(
      'CREATE INDEX "idx_declaration_summary_reference" ON "declaration_summary" ("reference")',
    );
    await this.refill(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "idx_declaration_summary_position"');
    await runner.query('DROP INDEX "idx_declaration_summary_assignee"');
    await runner.query('ALTER TABLE "declaration_summary" DROP COLUMN "qualified"');
    await runner.query('ALTER TABLE "declaration_summary" DROP COLUMN "assignee"');
    await runner.query('DROP INDEX "idx_declaration_summary_reference"');
    await runner.query('ALTER TABLE "declaration_summary" DROP COLUMN "reference"');
    await this.refill(runner);
  }

  private async refill(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM "declaration_summary"');
    await runner.query(
      `UPDATE "projection_checkpoint" SET "position" = 0 WHERE "name" = 'declaration-summary'`,
    );
  }
}
