import fc from 'fast-check';
import { scrub, scrubFields } from './redaction';

describe('scrub', () => {
  it.each([
    ['an e-mail encoded once', '/declarations/leak%40x.example', '/declarations/[email]'],
    ['an e-mail encoded twice', '/declarations/leak%2540x.example', '/declarations/[email]'],
    ['a phone with an encoded +', '/declarations/%2B33612345678', '/declarations/[phone]'],
    ['a phone with encoded spaces', '/d/06%2012%2034%2056%2078', '/d/[phone]'],
    ['bytes that are not UTF-8 next to an e-mail', '/d/leak%FF%40x.example', '/d/[email]'],
    ['a cut escape after an e-mail', '/d/leak%40x.example%E0%A4%A', '/d/[email]\uFFFD%A'],
    ['a lone %', 'paid 50% in 100%', 'paid 50% in 100%'],
    ['text encoded more than five times', '/d/%25252525252540x', '/d/[encoded]40x'],
  ])('sees through percent-encoding: %s', (_name, text, scrubbed) => {
    expect(scrub(text)).toBe(scrubbed);
  });
});

/** The scrubbing as it was before its patterns were guarded (B5, issue 16): the reference. */
const REFERENCE_PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[token]'],
  [/[^\s@"'<>(),;:/]+@[^\s@"'<>(),;:/]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\+\d[\d ().-]{6,}\d/g, '[phone]'],
  [/\b0\d(?:[ .-]?\d{2}){4}\b/g, '[phone]'],
];
const referenceScrub = (text: string): string =>
  REFERENCE_PATTERNS.reduce(
    (scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement),
    text,
  );

function referenceFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 6) return '[…]';
  if (Array.isArray(value)) return value.map((item) => referenceFields(item, depth + 1));
  const sensitive = new Set(['authorization', 'cookie', 'token', 'name', 'email', 'body']);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      sensitive.has(key.toLowerCase()) ? '[redacted]' : referenceFields(item, depth + 1),
    ]),
  );
}

describe('scrub and scrubFields, guarded, replace exactly what the unguarded patterns replaced', () => {
  it('random texts made of the characters the patterns look for', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Bearer ',
            'bearer\t',
            'eyJ',
            'abc',
            '.',
            'x.example',
            '@',
            '+33',
            '+',
            ' ',
            '0',
            '06 12 34 56 78',
            '1',
            '23',
            '-',
            '(',
            ')',
            '/',
            'é',
            'eyJhbGciOi.eyJzdWIi.c2ln',
            'user@ch.example',
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const text = parts.join('');
          expect(scrub(text)).toBe(referenceScrub(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('records: keys kept in order, sensitive ones replaced, `__proto__` kept as a field', () => {
    const record = JSON.parse(
      '{"request":{"id":"a","path":"/d/user@ch.example","__proto__":{"x":"+33 6 12 34 56 78"}},"Authorization":"Bearer abc","list":["eyJa.eyJb.c"],"n":3,"ok":null}',
    ) as unknown;
    const scrubbed = scrubFields(record);
    expect(scrubbed).toEqual(referenceFields(record));
    expect(JSON.stringify(scrubbed)).toBe(JSON.stringify(referenceFields(record)));
    expect(Object.getPrototypeOf((scrubbed as { request: object }).request)).toBe(Object.prototype);
  });
});
