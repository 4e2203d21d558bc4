import type { RecordedEvent } from '@vigie/event-store';
import type { RowProjection, SumProjection } from '../projection/read-model';

/** Folds one key's events through a pure row projection (for specs of `evolve`). */
export const foldRow = <Row extends object>(
  projection: RowProjection<Row>,
  events: RecordedEvent[],
  from: Row | null = null,
): Row | null => events.reduce<Row | null>((row, event) => projection.evolve(row, event), from);

/** The sum rows a set of source rows add up to, by applying a sum projection's pure evolve. */
export function sumRows<Source extends object, Contribution, Row extends object>(
  sum: SumProjection<Source, Contribution, Row>,
  moves: [source: Source, sign: 1 | -1][],
  from: Map<string, Row> = new Map(),
): Map<string, Row> {
  const rows = new Map(from);
  for (const [source, sign] of moves) {
    for (const [key, contribution] of sum.contributions(source)) {
      const next = sum.evolve(rows.get(key) ?? null, key, contribution, sign);
      if (next === null) rows.delete(key);
      else rows.set(key, next);
    }
  }
  return rows;
}
