import type { ThrottlerStorage } from '@nestjs/throttler';

/** The package's index does not export the record type; its storage interface names it. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One caller of one limit: the hits of the current and of the previous window, and its block. */
interface Counter {
  /** `floor(now / ttl)` of the window `current` counts. */
  window: number;
  current: number;
  previous: number;
  /** 0 when not blocked. */
  blockedUntil: number;
  ttl: number;
}

/**
 * Rate-limit counters in memory, a sliding window of two counters per key: the hits of the
 * current fixed window plus those of the previous one weighted by how much of it the sliding
 * window still covers. @nestjs/throttler's own storage keeps every hit's expiry and filters that
 * array on every request (up to `limit` entries: thousands at the production limits); this costs
 * the same whatever the limit, and a key whose windows and block are over is dropped.
 *
 * Blocking is the library's: the hit that goes over the limit is refused and the caller stays
 * refused for `blockDuration` (its hits are not counted meanwhile), then starts afresh.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Keys held: for tests of the memory bound. */
  get size(): number {
    return this.counters.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.sweep(now, ttl);
    const window = Math.floor(now / ttl);
    const counter = this.counters.get(key) ?? { window, current: 0, previous: 0, blockedUntil: 0, ttl };
    this.counters.set(key, counter);
    const timeToExpire = seconds((window + 1) * ttl - now);
    if (counter.blockedUntil > now) {
      return Promise.resolve({
        totalHits: limit + 1,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: seconds(counter.blockedUntil - now),
      });
    }
    if (counter.blockedUntil !== 0) Object.assign(counter, { current: 0, previous: 0, blockedUntil: 0 });
    roll(counter, window, ttl);
    counter.current += 1;
    const elapsed = (now - window * ttl) / ttl;
    const totalHits = Math.floor(counter.previous * (1 - elapsed)) + counter.current;
    if (totalHits > limit) counter.blockedUntil = now + Math.max(blockDuration, 1);
    return Promise.resolve({
      totalHits,
      timeToExpire,
      isBlocked: totalHits > limit,
      timeToBlockExpire: totalHits > limit ? seconds(counter.blockedUntil - now) : 0,
    });
  }

  /** At most once a window: drops the keys that neither count a live hit nor are blocked. */
  private sweep(now: number, ttl: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + ttl;
    for (const [key, counter] of this.counters) {
      const window = Math.floor(now / counter.ttl);
      if (counter.window < window - 1 && counter.blockedUntil <= now) this.counters.delete(key);
    }
  }
}

/** Moves the counter to `window`: the current window's hits become the previous one's, or both expire. */
function roll(counter: Counter, window: number, ttl: number): void {
  counter.ttl = ttl;
  if (counter.window === window) return;
  counter.previous = counter.window === window - 1 ? counter.current : 0;
  counter.current = 0;
  counter.window = window;
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);
