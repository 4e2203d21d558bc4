import { worstImpact } from './cells-of';
import type { StructureFigures, StructureYearStats } from './declaration-facts';

/**
 * The year's figures about structures (see `StructureFigures`). Counts of rows, not sums of
 * declarations: the read model counts them in SQL, a replay with this function.
 */
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
