import type { StageTimeliness } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { DeadlineRow, DeadlineShareRow } from './deadline.entity';

/**
 * For the yearly report: the clocks of the declarations of `year` (Paris year of submission, as
 * the statistics count them), per regime and stage, with their status at `at`, as the domain's
 * `onTimeShares` over `clockStatus` gives them. Met and met-late are final and summed by the
 * projection; of the unmet clocks, those still due at `at` (`at <= dueAt`, as `clockStatus` says)
 * are counted from the few such rows, and the rest are overdue. Two small reads instead of every
 * clock of the year. The caller makes sure they see the read model at one position.
 */
export async function loadDeadlineShares(
  dataSource: DataSource,
  year: number,
  at: Date,
): Promise<StageTimeliness[]> {
  const [sums, pending] = await Promise.all([
    dataSource.getRepository(DeadlineShareRow).find({ where: { year } }),
    dataSource
      .getRepository(DeadlineRow)
      .createQueryBuilder('d')
      .select('d.regime', 'regime')
      .addSelect('d.stage', 'stage')
      .addSelect('COUNT(*)', 'due')
      .where('d.year = :year', { year })
      .andWhere('d.metAt IS NULL')
      // Instants are `toISOString()` text, which compares as time (see DeadlineRow).
      .andWhere('d.dueAt >= :at', { at: at.toISOString() })
      .groupBy('d.regime')
      .addGroupBy('d.stage')
      .getRawMany<{ regime: string; stage: string; due: number | string }>(),
  ]);
  const dueByStage = new Map(pending.map((row) => [`${row.regime}/${row.stage}`, Number(row.due)]));
  return sums
    .map(({ regime, stage, met, metLate, unmet }): StageTimeliness => {
      const due = dueByStage.get(`${regime}/${stage}`) ?? 0;
      const overdue = unmet - due;
      const settled = met + metLate + overdue;
      return { regime, stage, met, metLate, overdue, due, onTimeShare: settled === 0 ? null : met / settled };
    })
    .sort((a, b) => (a.regime + a.stage < b.regime + b.stage ? -1 : 1));
}
