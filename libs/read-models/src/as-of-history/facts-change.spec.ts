import fc from 'fast-check';
import { applyChange, encodeChange, type Flat } from './facts-change';

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
const record = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'origin', 'dataImpacts', 'year'), value);

describe('a stored change of a flat record', () => {
  it('applied to the record before, gives the record after, whatever was set, changed or removed', () => {
    fc.assert(
      fc.property(record, record, (before, changes) => {
        // The folds copy what they do not change: `after` shares `before`'s values where they are equal.
        const after: Flat = { ...before, ...changes };
        for (const key of Object.keys(changes)) if (changes[key] === 'remove') delete after[key];
        const change = encodeChange(before, after);
        const rebuilt =
          change === null ? structuredClone(before) : applyChange(structuredClone(before), change);
        expect(rebuilt).toEqual(after);
        expect(Object.keys(rebuilt).sort()).toEqual(Object.keys(after).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('is nothing when nothing changed, and the whole record for the first one', () => {
    const facts = { year: 2026, origin: 'MALICIOUS' };
    expect(encodeChange(facts, facts)).toBeNull();
    expect(encodeChange(facts, { ...facts })).toBeNull();
    expect(applyChange(null, encodeChange(null, facts)!)).toEqual(facts);
    expect(JSON.parse(encodeChange(facts, { year: 2026 })!)).toEqual({ $unset: ['origin'] });
    expect(JSON.parse(encodeChange(facts, { ...facts, origin: undefined })!)).toEqual({ $unset: ['origin'] });
  });
});
