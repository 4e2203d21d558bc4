import type { OperationalImpact } from '../taxonomy/codes';
import { worstImpact } from './cells-of';
import type { StructureYearStats } from './declaration-facts';

/**
 * The year's figures about structures rather than declarations: how many declared, how many
 * declared at least 2 and 4 times, and how many had each impact as their worst. Counts of rows,
 * not sums of declarations: the read model counts them in SQL, a replay with this function.
 */
export interface StructureFigures {
  declaring: number;
  withAtLeast2: number;
  withAtLeast4: number;
  byWorstImpact: Record<OperationalImpact, number>;
}

export function structureFigures(rows: Iterable<StructureYearStats>): StructureFigures {
  const figures: StructureFigures = {
    declaring: 0,
    withAtLeast2: 0,
    withAtLeast4: 0,
    byWorstImpact: { NONE: 0, DEGRADED: 0, INTERRUPTION: 0 },
  };
  for (const row of rows) {
    if (row.declarations <= 0) continue;
    figures.declaring += 1;
    if (row.declarations >= 2) figures.withAtLeast2 += 1;
    if (row.declarations >= 4) figures.withAtLeast4 += 1;
    figures.byWorstImpact[worstImpact(row.impacts)] += 1;
  }
  return figures;
}
