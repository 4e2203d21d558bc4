/**
 * Logs never carry tokens or personal data (ARCHITECTURE.md rule 6). Bodies are never logged;
 * what may still slip into a message (an e-mail in an OIDC `sub`, a token pasted in a path) is
 * scrubbed here, and fields named like personal data or secrets are replaced whatever they hold.
 */
export const REDACTED = '[redacted]';

const SENSITIVE_KEYS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'password',
  'secret',
  'declarant',
  'name',
  'email',
  'phone',
  'body',
  'query',
]);

/**
 * Each pattern with what any text it matches must contain: every string of every log record is
 * scrubbed (an access log line has six), and most hold none of it, so the pattern is not run.
 * No replacement brings in what a later pattern needs.
 */
const PATTERNS: [pattern: RegExp, replacement: string, needs: (text: string) => boolean][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi, `Bearer ${REDACTED}`, (text) => /bearer/i.test(text)],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[token]', (text) => text.includes('eyJ')],
  [/[^\s@"'<>(),;:/]+@[^\s@"'<>(),;:/]+\.[A-Za-z]{2,}/g, '[email]', (text) => text.includes('@')],
  // International numbers, and French national ones written in pairs (01 23 45 67 89).
  [/\+\d[\d ().-]{6,}\d/g, '[phone]', (text) => text.includes('+')],
  [/\b0\d(?:[ .-]?\d{2}){4}\b/g, '[phone]', (text) => text.includes('0')],
];

/** The patterns see text as a reader would: percent-encoded (`leak%40x.example`) is decoded first. */
export function scrub(text: string): string {
  return PATTERNS.reduce(
    (scrubbed, [pattern, replacement, needs]) =>
      needs(scrubbed) ? scrubbed.replace(pattern, replacement) : scrubbed,
    percentDecoded(text),
  );
}

const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
/** Enough for any encoding a client would do by mistake; each round costs one pass over the text. */
const DECODING_ROUNDS = 4;

/**
 * `%40` → `@`, `%2B` → `+`, again for text encoded twice or more (`%2540`). Never throws, unlike
 * decodeURIComponent: a malformed `%` is left as is, bytes that are not UTF-8 become U+FFFD. What
 * is still encoded after the last round is hidden: something went out of its way to encode it.
 */
function percentDecoded(text: string): string {
  let decoded = text;
  for (let round = 0; decoded.includes('%'); round++) {
    const next = decoded.replace(ESCAPES, (run) =>
      Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'),
    );
    if (next === decoded) break;
    if (round === DECODING_ROUNDS) return next.replace(ESCAPES, '[encoded]');
    decoded = next;
  }
  return decoded;
}

const MAX_DEPTH = 6;

/** A copy of a log record's fields: sensitive keys replaced, every string scrubbed. */
export function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth + 1));
  // Object.fromEntries(Object.entries(…)) without its arrays: one record per request goes through here.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const scrubbed = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : scrubFields(item, depth + 1);
    // A field named `__proto__` stays a field, as fromEntries makes it (an assignment would set the prototype).
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: scrubbed,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = scrubbed;
  }
  return copy;
}
