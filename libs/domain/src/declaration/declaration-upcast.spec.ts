import { UNSTATED_TAXONOMY_VERSION } from '../taxonomy/versions';
import { unstatedFormFields } from './declaration-form';
import { toDeclarationEvent } from './declaration-upcast';

/** The upcast as it was first written (a spread), which the faster `Object.assign` must equal. */
const bySpread = (data: unknown): object => ({
  ...unstatedFormFields(),
  reference: null,
  ...{ taxonomyVersion: UNSTATED_TAXONOMY_VERSION, ...(data as object) },
});

describe('DeclarationSubmitted upcast', () => {
  const cases: [string, unknown][] = [
    ['an old submission', { declarationId: 'd1', description: 'x', submittedAt: '2024-01-01T00:00:00.000Z' }],
    [
      'a submission that states everything',
      {
        taxonomyVersion: 2,
        reference: '2026-000001',
        handlingState: 'CONTAINED',
        systemsConcerned: ['DPI'],
        supplierName: 'ACME',
        extra: { nested: [1, 2] },
      },
    ],
    ['no data', null],
    ['odd data: a string', 'abc'],
    ['odd data: an array', ['a', 'b']],
    ['a JSON own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "handlingState": "X"}')],
  ];

  it.each(cases)('%s: the same data, keys in the same order, as the spread', (_, data) => {
    const { type, data: upcast } = toDeclarationEvent({ type: 'DeclarationSubmitted', data });
    const expected = bySpread(data);
    expect(type).toBe('DeclarationSubmitted');
    expect(upcast).toEqual(expected);
    expect(Object.keys(upcast)).toEqual(Object.keys(expected));
    expect(JSON.stringify(upcast)).toBe(JSON.stringify(expected));
    expect(Object.getPrototypeOf(upcast)).toBe(Object.prototype);
  });
});
