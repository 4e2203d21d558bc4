import { createHash } from 'node:crypto';

/** A small seeded PRNG (mulberry32): the same profile and seed always give the same log. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static from(...parts: (string | number)[]): Prng {
    return new Prng(createHash('sha256').update(parts.join('/')).digest().readUInt32LE(0));
  }

  /** [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
    if (total <= 0) return this.pick(items);
    let threshold = this.next() * total;
    for (const item of items) {
      threshold -= Math.max(0, weight(item));
      if (threshold < 0) return item;
    }
    return items[items.length - 1];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /**
   * Exactly `count` distinct items, drawn without replacement with probability proportional to
   * `weight` (Efraimidis–Spirakis keys): the published count is met exactly, while which items
   * carry it still looks like real life (ransomware where operations stopped, and so on).
   */
  sample<T>(items: readonly T[], count: number, weight: (item: T) => number = () => 1): T[] {
    if (count > items.length) throw new RangeError(`cannot draw ${count} of ${items.length}`);
    return items
      .map((item) => ({
        item,
        key: Math.log(this.next() || Number.MIN_VALUE) / Math.max(weight(item), 1e-9),
      }))
      .sort((a, b) => b.key - a.key)
      .slice(0, count)
      .map(({ item }) => item);
  }
}

/** A name-based UUID (version 5 layout over SHA-1): stable ids for the same profile, seed and index. */
export function uuidFrom(name: string): string {
  const hash = createHash('sha1').update(`vigie-seed:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Splits `total` into integers proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion<K extends string>(total: number, weights: Record<K, number>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((acc, key) => acc + weights[key], 0);
  const raw = keys.map((key) => ({ key, exact: sum === 0 ? 0 : (total * weights[key]) / sum }));
  const result = Object.fromEntries(raw.map(({ key, exact }) => [key, Math.floor(exact)])) as Record<
    K,
    number
  >;
  let left = total - raw.reduce((acc, { key }) => acc + result[key], 0);
  for (const { key } of [...raw].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)),
  )) {
    if (left-- <= 0) break;
    result[key] += 1;
  }
  return result;
}
