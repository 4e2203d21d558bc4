import type { RecordedEvent } from '@vigie/event-store';
import type { ReadModel, RowEntity } from './read-model';
import type { RowStore } from './row-store';

/**
 * Folds a batch of events into one read model: loads the rows the batch touches (one query per
 * table), evolves them in memory in feed order, moves the sums by each changed row's old and new
 * contributions, and saves what changed. The caller owns the transaction.
 */
export async function applyEvents(
  store: RowStore,
  model: ReadModel,
  events: readonly RecordedEvent[],
): Promise<void> {
  if ('apply' in model) return model.apply(store, events);
  const { rows } = model;
  const touched: [key: string, event: RecordedEvent][] = [];
  for (const event of events) {
    const key = rows.keyOf(event);
    if (key !== null) touched.push([key, event]);
  }
  if (touched.length === 0) return;

  const keys = [...new Set(touched.map(([key]) => key))];
  const before: Map<string, object> = rows.appendOnly ? new Map() : await store.load(rows.entity, keys);
  const after = new Map<string, object | null>(before);
  for (const [key, event] of touched) after.set(key, rows.evolve(after.get(key) ?? null, event));

  const changed = keys.filter((key) => (after.get(key) ?? null) !== (before.get(key) ?? null));
  await saveChanges(store, rows.entity, changed, before, after);

  for (const sum of model.sums) {
    const moves: [key: string, contribution: unknown, sign: 1 | -1][] = [];
    for (const key of changed) {
      const old = before.get(key);
      const next = after.get(key);
      const removed = old ? new Map(sum.contributions(old)) : new Map<string, unknown>();
      const added = next ? new Map(sum.contributions(next)) : new Map<string, unknown>();
      // Most changes move few sums (an intervention moves one cell of thirty): equal pairs cancel out.
      for (const [sumKey, contribution] of removed) {
        if (added.has(sumKey) && sameValue(contribution, added.get(sumKey))) added.delete(sumKey);
        else moves.push([sumKey, contribution, -1]);
      }
      for (const [sumKey, contribution] of added) moves.push([sumKey, contribution, 1]);
    }
    if (moves.length === 0) continue;
    const sumKeys = [...new Set(moves.map(([key]) => key))];
    const sumsBefore = await store.load(sum.entity, sumKeys);
    const sumsAfter = new Map<string, object | null>(sumsBefore);
    for (const [key, contribution, sign] of moves)
      sumsAfter.set(key, sum.evolve(sumsAfter.get(key) ?? null, key, contribution, sign));
    await saveChanges(store, sum.entity, sumKeys, sumsBefore, sumsAfter);
  }
}

/** Equality of contributions: flat records compared field by field, nested values as JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y))
      return false;
  }
  return true;
}

async function saveChanges(
  store: RowStore,
  entity: RowEntity<object>,
  keys: readonly string[],
  before: Map<string, object>,
  after: Map<string, object | null>,
): Promise<void> {
  const saved: object[] = [];
  const deleted: string[] = [];
  for (const key of keys) {
    const row = after.get(key) ?? null;
    if (row !== null) {
      if (row !== before.get(key)) saved.push(row);
    } else if (before.has(key)) {
      deleted.push(key);
    }
  }
  if (saved.length > 0 || deleted.length > 0) await store.save(entity, saved, deleted);
}
