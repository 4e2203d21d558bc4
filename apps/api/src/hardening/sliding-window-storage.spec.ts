import fc from 'fast-check';
import { SlidingWindowStorage } from './sliding-window-storage';

const TTL = 60_000;

/** A storage on a clock the test moves. */
function storageAt(start: number) {
  const clock = { now: start };
  const storage = new SlidingWindowStorage(() => clock.now);
  const hit = (key = 'token:a', limit = 5) => storage.increment(key, TTL, limit, TTL, 'token');
  return { clock, storage, hit };
}

describe('SlidingWindowStorage', () => {
  it('refuses the hit that goes over the limit, then the caller for the block duration, then starts afresh', async () => {
    const { clock, hit } = storageAt(10 * TTL);
    for (let n = 1; n <= 5; n++) expect(await hit()).toMatchObject({ totalHits: n, isBlocked: false });
    expect(await hit()).toEqual({ totalHits: 6, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
    clock.now += 45_500;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 15 });
    clock.now += 14_500;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('counts each key apart', async () => {
    const { hit } = storageAt(10 * TTL);
    for (let n = 0; n < 5; n++) await hit('token:a');
    expect(await hit('token:a')).toMatchObject({ isBlocked: true });
    expect(await hit('token:b')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('weighs the previous window by the share of it the sliding window still covers', async () => {
    const { clock, hit } = storageAt(10 * TTL);
    for (let n = 0; n < 4; n++) await hit('k', 10);
    clock.now = 11 * TTL + TTL / 4;
    expect(await hit('k', 10)).toMatchObject({ totalHits: 3 + 1, timeToExpire: 45 });
    clock.now = 12 * TTL + TTL / 2;
    expect(await hit('k', 10)).toMatchObject({ totalHits: 0 + 1 });
    clock.now = 14 * TTL;
    expect(await hit('k', 10)).toMatchObject({ totalHits: 1 });
  });

  it('drops the keys whose windows and block are over', async () => {
    const { clock, storage, hit } = storageAt(10 * TTL);
    for (let key = 0; key < 100; key++) await hit(`address:${key}`, 1);
    await hit('address:0', 1);
    expect(storage.size).toBe(100);
    clock.now += 2 * TTL;
    await hit('address:new', 1);
    expect(storage.size).toBe(1);
  });

  it('never lets more than the limit through in a fixed window, nor twice the limit in any sliding one, and never refuses a caller under the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 4 * TTL }), { minLength: 1, maxLength: 200 }),
        async (limit, offsets) => {
          const start = 10 * TTL;
          const { clock, storage } = storageAt(start);
          const times = offsets.sort((a, b) => a - b).map((offset) => start + offset);
          const accepted: number[] = [];
          for (const time of times) {
            clock.now = time;
            const record = await storage.increment('k', TTL, limit, TTL, 'token');
            if (!record.isBlocked) accepted.push(time);
          }
          for (const time of accepted) {
            const window = Math.floor(time / TTL);
            expect(accepted.filter((t) => Math.floor(t / TTL) === window).length).toBeLessThanOrEqual(limit);
            expect(accepted.filter((t) => t > time - TTL && t <= time).length).toBeLessThanOrEqual(2 * limit);
          }
          const underLimit = times.every(
            (time) => times.filter((t) => t > time - 2 * TTL && t <= time).length <= limit,
          );
          if (underLimit) expect(accepted).toHaveLength(times.length);
        },
      ),
    );
  });
});
