import type { AnnualStatisticsSnapshot, DeclarationFacts, StructureYearStats } from './declaration-facts';
import { applyCells } from './cells-of';

/**
 * The snapshot of one year straight from folded facts: what `asOf` uses, and what the
 * annual-statistics read model must agree with.
 */
export function snapshotFromFacts(year: number, facts: Iterable<DeclarationFacts>): AnnualStatisticsSnapshot {
  const cells: Record<string, number> = {};
  const structures = new Map<string, StructureYearStats>();
  let previousYearTotal = 0;
  for (const declaration of facts) {
    if (declaration.year === year - 1) previousYearTotal += 1;
    if (declaration.year !== year) continue;
    applyCells(cells, declaration, 1);
    const row = structures.get(declaration.finess) ?? {
      finess: declaration.finess,
      declarations: 0,
      impacts: { NONE: 0, DEGRADED: 0, INTERRUPTION: 0 },
    };
    row.declarations += 1;
    row.impacts[declaration.operationalImpact] = (row.impacts[declaration.operationalImpact] ?? 0) + 1;
    structures.set(declaration.finess, row);
  }
  return {
    year,
    cells,
    structures: [...structures.values()].sort((a, b) => a.finess.localeCompare(b.finess)),
    previousYearTotal,
  };
}
