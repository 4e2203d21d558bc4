import fc from 'fast-check';
import { BodyShapePipe } from './body-shape.pipe';
import { scanJsonText } from './json-text-scan';
import { firstInvalidUtf8, strictJsonBody } from './strict-json-body';

const decodes = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** What BodyShapePipe says of a parsed body: its refusal's field and message, or null. */
function pipeRefusal(value: unknown): { field: string; message: string } | null {
  try {
    new BodyShapePipe().transform(value, { type: 'body' });
    return null;
  } catch (error) {
    return (error as { errors: { field: string; message: string }[] }).errors[0];
  }
}

const verify = (text: string | Buffer) =>
  strictJsonBody(undefined as never, undefined as never, Buffer.from(text), 'utf-8');

describe('strict JSON bodies', () => {
  it('finds the first byte that is not UTF-8 exactly where a strict decoder fails', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 12 }),
          fc.string({ unit: 'binary' }).map((text) => new TextEncoder().encode(text)),
        ),
        (bytes) => {
          const offset = firstInvalidUtf8(bytes);
          expect(offset === bytes.length).toBe(decodes(bytes));
          expect(decodes(bytes.subarray(0, offset))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses what nests deeper than BodyShapePipe allows, naming the same field, before parsing', () => {
    const nested = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(1, 'x', '[{"', null),
        fc.array(tie('value'), { maxLength: 2 }),
        fc.dictionary(fc.constantFrom('a', 'b.c', 'é', '"q"'), tie('value'), { maxKeys: 2 }),
      ),
    })).value;
    // Around half of them nest deeper than 8 levels somewhere.
    const wrapped = fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        nested,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      )
      .map(([depth, value, arrays]) =>
        arrays.slice(0, depth).reduce<unknown>((inner, array) => (array ? [0, inner] : { k: inner }), value),
      );
    let deep = 0;
    fc.assert(
      fc.property(fc.record({ a: nested, b: wrapped, c: nested }, { requiredKeys: ['b'] }), (body) => {
        const pipe = pipeRefusal(body);
        const expected = pipe !== null && /deeper/.test(pipe.message) ? pipe.field : null;
        if (expected !== null) deep += 1;
        expect(scanJsonText(JSON.stringify(body), 8).tooDeepAt).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    expect(deep).toBeGreaterThan(200);
  });

  it('answers a 400 naming the field for bad bytes and deep nesting, and lets well-formed bodies through', () => {
    expect(() => verify('{"description":"chiffré 🔒 \\u0000 [[[[[[[[[[ \\" "}')).not.toThrow();
    expect(() => verify(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [{ field: 'a.0.0.0.0.0.0.0', message: 'nests deeper than 8 levels' }],
      }),
    );
    const bad = Buffer.concat([
      Buffer.from('{"s":{"list":["ok","x'),
      Buffer.from([0xc3]),
      Buffer.from('"]}}'),
    ]);
    expect(() => verify(bad)).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [{ field: 's.list.1', message: 'is not valid UTF-8' }],
      }),
    );
    expect(() =>
      strictJsonBody(undefined as never, undefined as never, Buffer.from('{}'), 'utf-16le'),
    ).toThrow(expect.objectContaining({ status: 415 }));
  });
});
