import { toDeclarationEvent } from './declaration/declaration-upcast';
import { declarationQualified, declarationSubmitted, supportRequested } from './testing/fixtures';
import { upcasting } from './upcasting';

type Renamed = { type: 'ThingNamedV2'; data: { name: string; label: string } };

describe('upcasting', () => {
  const read = upcasting<Renamed>({
    ThingNamed: (data) => ({
      type: 'ThingNamedV2',
      data: { name: String((data as { name: unknown }).name), label: '' },
    }),
  });

  it('reads a superseded type through its upcaster, as an event of today’s model', () => {
    expect(read({ type: 'ThingNamed', data: { name: 'a' } })).toEqual({
      type: 'ThingNamedV2',
      data: { name: 'a', label: '' },
    });
  });

  it('takes a type without an upcaster as written', () => {
    const data = { name: 'b', label: 'B' };
    expect(read({ type: 'ThingNamedV2', data })).toEqual({ type: 'ThingNamedV2', data });
  });

  it('finds no upcaster in a type named like a member of every object', () => {
    expect(read({ type: 'constructor', data: {} })).toEqual({ type: 'constructor', data: {} });
  });
});

describe('toDeclarationEvent', () => {
  it('reads every declaration event, once stored as JSON, as it was decided (no upcaster yet)', () => {
    for (const event of [declarationSubmitted(), declarationQualified(), supportRequested()]) {
      const stored = JSON.parse(JSON.stringify({ type: event.type, data: event.data }));
      expect(toDeclarationEvent(stored)).toEqual(event);
    }
  });
});
