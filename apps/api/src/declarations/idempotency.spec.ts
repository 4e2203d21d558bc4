import { canonicalJson, deterministicUuid, newId, requestHash } from './idempotency';

describe('idempotency helpers', () => {
  it('canonical JSON does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('canonical JSON writes what JSON.stringify writes, undefined members left out and undefined items as null', () => {
    const value = { z: [1, 'two', null, true, { a: {}, b: [] }], y: undefined, x: 'é"\\\n' };
    expect(canonicalJson(value)).toBe(JSON.stringify({ x: value.x, z: value.z }));
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    const wide = Array.from({ length: 200_000 }, (_, index) => index);
    expect(canonicalJson(wide)).toBe(JSON.stringify(wide));
  });

  it('canonical JSON of a value nested 100,000 deep does not overflow the stack', () => {
    let arrays: unknown = [];
    let objects: unknown = 1;
    for (let level = 0; level < 100_000; level++) {
      arrays = [arrays];
      objects = { a: objects };
    }
    expect(canonicalJson(arrays)).toBe(`${'['.repeat(100_001)}${']'.repeat(100_001)}`);
    expect(canonicalJson(objects)).toBe(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
  });

  it('the request hash tells apart method, path and body', () => {
    const hash = requestHash('POST', '/api/v1/declarations', { a: 1 });
    expect(requestHash('post', '/api/v1/declarations', { a: 1 })).toBe(hash);
    expect(requestHash('POST', '/api/v1/declarations/x/closure', { a: 1 })).not.toBe(hash);
    expect(requestHash('POST', '/api/v1/declarations', { a: 2 })).not.toBe(hash);
  });

  it('derived ids are stable UUIDs for a key and a purpose, random without a key', () => {
    expect(deterministicUuid('k')).toBe(deterministicUuid('k'));
    expect(deterministicUuid('k')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(newId('sub:key', 'event/0')).toBe(newId('sub:key', 'event/0'));
    expect(newId('sub:key', 'event/0')).not.toBe(newId('sub:key', 'event/1'));
    expect(newId(null, 'event/0')).not.toBe(newId(null, 'event/0'));
  });
});
