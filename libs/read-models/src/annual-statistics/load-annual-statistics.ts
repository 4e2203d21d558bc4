import type { AnnualStatisticsSnapshot } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { StatisticCellRow, StructureYearRow } from './annual-statistics.entity';

/**
 * The report's input for one year, read from the sums (never by scanning declarations): the cells
 * of the year, its structures, and the previous year's total.
 */
export async function loadAnnualStatistics(dataSource: DataSource, year: number): Promise<AnnualStatisticsSnapshot> {
  const [cells, structures, previous] = await Promise.all([
    dataSource.getRepository(StatisticCellRow).find({ where: { year }, order: { key: 'ASC' } }),
    dataSource.getRepository(StructureYearRow).find({ where: { year }, order: { finess: 'ASC' } }),
    dataSource.getRepository(StatisticCellRow).findOne({ where: { key: `${year - 1}/declarations/total` } }),
  ]);
  return {
    year,
    cells: Object.fromEntries(cells.map((cell) => [`${cell.section}/${cell.cellKey}`, cell.count])),
    structures: structures.map((structure) => ({
      finess: structure.finess,
      declarations: structure.declarations,
      impacts: { NONE: structure.impactNone, DEGRADED: structure.impactDegraded, INTERRUPTION: structure.impactInterruption },
    })),
    previousYearTotal: previous?.count ?? 0,
  };
}
