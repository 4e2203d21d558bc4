import { createHash } from 'node:crypto';

/** Enough for every user of a busy day; beyond it the oldest entry goes, and costs one verification. */
export const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Tokens already verified, with what they carry, until their `exp`: a client sends the
 * same token with every request, and verifying its signature and claims again each time is most
 * of what authentication costs. Keyed by the token's digest: the token itself is not kept, even in
 * memory. Only successes are kept: a refused token is verified (and refused) again each time.
 */
export class VerifiedTokens<Verified extends object> {
  private readonly entries = new Map<string, { verified: Verified; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = MAX_VERIFIED_TOKENS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Verified | null {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.verified;
  }

  /** `exp`: the token's claim, in seconds since the epoch; a token without one is not kept. */
  set(token: string, verified: Verified, exp: unknown): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    const expiresAt = exp * 1000;
    if (expiresAt <= this.now()) return;
    if (this.entries.size >= this.capacity) this.evict();
    // Shared by every request of the token: frozen, so that no request can change another's.
    this.entries.set(digest(token), { verified: deepFreeze(verified), expiresAt });
  }

  /** The expired entries, or else the oldest one (a Map iterates in insertion order). */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

const digest = (token: string): string => createHash('sha256').update(token).digest('base64url');

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value))
    if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}
