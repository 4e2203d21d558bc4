import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regulatory clocks now run only under the laws that applied when each incident was detected
 * (NIS2 from 18 October 2024, the French obligation for ESMS from 29 April 2022…): the deadlines
 * read model computed them all, so its rows are emptied and its checkpoint set back to 0, and the
 * projector computes them again from the log. The same in both directions.
 */
export class RegimeDates1798070400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await refill(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await refill(runner);
  }
}

async function refill(runner: QueryRunner): Promise<void> {
  for (const table of ['deadline', 'deadline_declaration', 'deadline_share'])
    await runner.query(`DELETE FROM "${table}"`);
  await runner.query(`UPDATE "projection_checkpoint" SET "position" = 0 WHERE "name" = 'deadlines'`);
}
