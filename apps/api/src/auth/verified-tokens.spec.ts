import type { Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

const declarant = (): Principal => ({ sub: 'camille', role: 'declarant', finess: ['750712184'] });

describe('VerifiedTokens', () => {
  it('answers a verified token until its exp, then no longer', () => {
    const clock = { now: 1_000_000 };
    const tokens = new VerifiedTokens<Principal>(() => clock.now);
    tokens.set('a.b.c', declarant(), 1_060);
    expect(tokens.get('a.b.c')).toEqual(declarant());
    expect(tokens.get('a.b.d')).toBeNull();
    clock.now = 1_060_000;
    expect(tokens.get('a.b.c')).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it('keeps no token without a usable exp, nor one already expired', () => {
    const tokens = new VerifiedTokens<Principal>(() => 1_000_000);
    tokens.set('none', declarant(), undefined);
    tokens.set('text', declarant(), '2000');
    tokens.set('past', declarant(), 999);
    expect(tokens.size).toBe(0);
  });

  it('holds at most its capacity: expired entries go first, then the oldest', () => {
    const clock = { now: 1_000_000 };
    const tokens = new VerifiedTokens<Principal>(() => clock.now, 3);
    tokens.set('short', declarant(), 1_001);
    tokens.set('one', declarant(), 2_000);
    tokens.set('two', declarant(), 2_000);
    clock.now = 1_001_000;
    tokens.set('three', declarant(), 2_000);
    expect(['short', 'one', 'two', 'three'].map((token) => tokens.get(token) !== null)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    tokens.set('four', declarant(), 2_000);
    expect(tokens.size).toBe(3);
    expect(tokens.get('one')).toBeNull();
    expect(tokens.get('four')).not.toBeNull();
  });

  it('shares a frozen principal: one request cannot change another’s', () => {
    const tokens = new VerifiedTokens<Principal>(() => 0);
    tokens.set('a.b.c', declarant(), 60);
    const principal = tokens.get('a.b.c');
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal?.finess)).toBe(true);
  });
});
