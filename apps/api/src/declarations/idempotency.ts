import { createHash, randomUUID } from 'node:crypto';

/** Text written as is: what separates the values still to write. */
class Token {
  constructor(readonly text: string) {}
}

/**
 * JSON with object keys sorted at every depth: two bodies that mean the same hash the same. A loop
 * over a stack of what is left to write, not a recursion: the edge bounds a body's depth
 * (strict-json-body.ts), but a value nested thousands deep must still not overflow the stack here.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Popped from the end: each container pushes its closing token first and its first member last.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item instanceof Token) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      out.push('[');
      pending.push(new Token(']'));
      for (let index = item.length - 1; index >= 0; index--) {
        pending.push(item[index] as unknown);
        if (index > 0) pending.push(new Token(','));
      }
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push('{');
      pending.push(new Token('}'));
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, member] = entries[index];
        pending.push(member, new Token(`${index === 0 ? '' : ','}${JSON.stringify(key)}:`));
      }
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}

/** What makes two requests "the same" for an Idempotency-Key: method, path and body. */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');

/** Keys are per caller: two users choosing the same key never see each other's answers. */
export const namespacedKey = (sub: string, key: string): string => `${sub}:${key}`;

/** A UUID (version 5 layout) derived from a seed, so that a retried request produces the same ids. */
export function deterministicUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A new id for `purpose` (the declaration, a complement request, an event…): random, or derived
 * from the namespaced Idempotency-Key so that EventStoreDB recognises a retried append.
 */
export const newId = (key: string | null, purpose: string): string =>
  key === null ? randomUUID() : deterministicUuid(`${key}\u0000${purpose}`);
