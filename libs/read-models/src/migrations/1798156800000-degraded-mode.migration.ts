import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report now counts how long degraded modes lasted, from facts the statistics read model did
 * not keep (the start and end of the degraded mode): its rows are emptied and its checkpoint set
 * back to 0, and the projector folds the log again, so that the live report and an `asOf` replay
 * agree from the first start on. The same in both directions.
 */
export class DegradedMode1798156800000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await refill(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await refill(runner);
  }
}

async function refill(runner: QueryRunner): Promise<void> {
  for (const table of ['annual_statistics_facts', 'annual_statistics_cell', 'annual_statistics_structure'])
    await runner.query(`DELETE FROM "${table}"`);
  await runner.query(`UPDATE "projection_checkpoint" SET "position" = 0 WHERE "name" = 'annual-statistics'`);
}
