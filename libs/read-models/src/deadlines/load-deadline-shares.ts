import { clockStatus, onTimeShares, type ClockStage, type Regime, type StageTimeliness } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { DeclarationSummary } from '../declaration-summary/declaration-summary.entity';
import { DeadlineRow } from './deadline.entity';

/**
 * For the yearly report: the clocks of the declarations of `year` (Paris year of submission, as
 * the statistics count them), per regime and stage, with their status at `at`. One query over the
 * year's deadline rows, joined to the declarations of that year; the status is computed by the
 * domain's `clockStatus`, as the replay of the log computes it, so that both agree to the row.
 * The caller makes sure the deadlines and declaration-summary read models stand at one position.
 */
export async function loadDeadlineShares(
  dataSource: DataSource,
  year: number,
  at: Date,
): Promise<StageTimeliness[]> {
  const rows = await dataSource
    .getRepository(DeadlineRow)
    .createQueryBuilder('d')
    .innerJoin(DeclarationSummary, 's', 's.id = d.declarationId')
    .where('s.year = :year', { year })
    .select(['d.regime', 'd.stage', 'd.dueAt', 'd.metAt'])
    .getMany();
  const atMs = at.getTime();
  // The rows hold what `scheduleOf` wrote: a regime and a stage of the domain's lists.
  return onTimeShares(
    rows.map((row) => ({
      regime: row.regime as Regime,
      stage: row.stage as ClockStage,
      status: clockStatus(row, atMs),
    })),
  );
}
