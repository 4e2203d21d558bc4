import { clockStatus, onTimeShares, type ClockStage, type Regime, type StageTimeliness } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { DeclarationSummary } from '../declaration-summary/declaration-summary.entity';
import { DeadlineRow } from './deadline.entity';

/**
 * The report's deadline shares as first computed (every clock of the year, joined to the
 * declarations of that year, through the domain's `clockStatus` and `onTimeShares`): too slow for
 * the report at a million declarations, kept for tests as the oracle `loadDeadlineShares` must equal.
 */
export async function scanDeadlineShares(
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
  return onTimeShares(
    rows.map((row) => ({
      regime: row.regime as Regime,
      stage: row.stage as ClockStage,
      status: clockStatus(row, atMs),
    })),
  );
}
