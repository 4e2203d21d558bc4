/**
 * A change of a flat record (a declaration's facts), as stored: the fields set, with `$unset`
 * naming the fields removed. Fields are compared by identity: the folds (`evolveFacts`,
 * `evolveRegulatoryFacts`) copy the fields they do not change, so a field whose value is the same
 * object is unchanged; one rebuilt to an equal value is written again, which is harmless.
 */
export type Flat = Record<string, unknown>;

const UNSET = '$unset';

/** The change from `before` to `after`, or null when nothing changed. `before` null: the whole record. */
export function encodeChange(before: Flat | null, after: Flat): string | null {
  if (before === null) return JSON.stringify(after);
  if (before === after) return null;
  const set: Flat = {};
  const unset: string[] = [];
  let changed = false;
  for (const key of Object.keys(after)) {
    const value = after[key];
    if (value === before[key]) continue;
    changed = true;
    if (value === undefined) unset.push(key);
    else set[key] = value;
  }
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key) && before[key] !== undefined) {
      changed = true;
      unset.push(key);
    }
  }
  if (!changed) return null;
  return JSON.stringify(unset.length === 0 ? set : { [UNSET]: unset, ...set });
}

/**
 * A stored change applied to `into` (changed in place: the caller owns it, a record it parsed
 * itself), or, `into` null, the whole record the change holds.
 */
export function applyChange(into: Flat | null, change: string): Flat {
  const parsed = JSON.parse(change) as Flat;
  if (into === null) return parsed;
  const unset = parsed[UNSET];
  if (Array.isArray(unset)) {
    for (const key of unset) delete into[key as string];
    delete parsed[UNSET];
  }
  return Object.assign(into, parsed);
}
