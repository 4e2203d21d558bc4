import type { AnnualStatisticsSnapshot, StructureFigures } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { dialectOf } from '../data-source/read-data-source';
import { StatisticCellRow } from './annual-statistics.entity';

interface FiguresRow {
  declaring: number | string | null;
  at_least_2: number | string | null;
  at_least_4: number | string | null;
  worst_none: number | string | null;
  worst_degraded: number | string | null;
  worst_interruption: number | string | null;
}

/** PostgreSQL returns bigint sums as text, SQLite as numbers; SUM over no row is NULL. */
const whole = (value: number | string | null): number => Number(value ?? 0);

/**
 * The year's structure figures counted by the database, the way the domain's
 * `structureFigures` counts them (the worst impact: interruption, else degraded, else none): a
 * year has thousands of structure rows, and the report needs six numbers of them.
 */
async function loadStructureFigures(dataSource: DataSource, year: number): Promise<StructureFigures> {
  const [row] = (await dataSource.query(
    `SELECT COUNT(*) AS declaring,
            SUM(CASE WHEN declarations >= 2 THEN 1 ELSE 0 END) AS at_least_2,
            SUM(CASE WHEN declarations >= 4 THEN 1 ELSE 0 END) AS at_least_4,
            SUM(CASE WHEN impact_interruption = 0 AND impact_degraded = 0 THEN 1 ELSE 0 END) AS worst_none,
            SUM(CASE WHEN impact_interruption = 0 AND impact_degraded > 0 THEN 1 ELSE 0 END) AS worst_degraded,
            SUM(CASE WHEN impact_interruption > 0 THEN 1 ELSE 0 END) AS worst_interruption
       FROM annual_statistics_structure
      WHERE year = ${dialectOf(dataSource) === 'postgres' ? '$1' : '?'} AND declarations > 0`,
    [year],
  )) as FiguresRow[];
  return {
    declaring: whole(row.declaring),
    withAtLeast2: whole(row.at_least_2),
    withAtLeast4: whole(row.at_least_4),
    byWorstImpact: {
      NONE: whole(row.worst_none),
      DEGRADED: whole(row.worst_degraded),
      INTERRUPTION: whole(row.worst_interruption),
    },
  };
}

/**
 * The report's input for one year, read from the sums (never by scanning declarations): the cells
 * of the year, its structure figures, and the previous year's total. The per-structure rows are
 * not read: `structures` is left empty and `structureFigures` holds what the report takes of them.
 */
export async function loadAnnualStatistics(
  dataSource: DataSource,
  year: number,
): Promise<AnnualStatisticsSnapshot> {
  const [cells, structureFigures, previous] = await Promise.all([
    dataSource.getRepository(StatisticCellRow).find({ where: { year }, order: { key: 'ASC' } }),
    loadStructureFigures(dataSource, year),
    dataSource.getRepository(StatisticCellRow).findOne({ where: { key: `${year - 1}/declarations/total` } }),
  ]);
  return {
    year,
    cells: Object.fromEntries(cells.map((cell) => [`${cell.section}/${cell.cellKey}`, cell.count])),
    structures: [],
    structureFigures,
    previousYearTotal: previous?.count ?? 0,
  };
}
