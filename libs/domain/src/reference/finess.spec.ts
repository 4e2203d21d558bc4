import fc from 'fast-check';
import { validateFiness } from './finess';
import { passesLuhn } from './luhn';

describe('validateFiness', () => {
  it.each(['750712184', '010000016', '970100400', '010780195', '970102018', '970113015'])(
    '%s is a valid FINESS number',
    (finess) => {
      expect(validateFiness(finess)).toBeNull();
    },
  );

  it.each(['2A0000001', '2B0000001', '2A1234567'])(
    '%s (Corsica) is accepted without the Luhn check',
    (finess) => {
      expect(validateFiness(finess)).toBeNull();
    },
  );

  it.each([
    ['750712185', 'Luhn'],
    ['75071218', '9 characters'],
    ['7507121840', '9 characters'],
    ['', '9 characters'],
    ['75 712184', 'digits'],
    ['2C0000001', 'digits'],
    ['2a0000001', 'digits'],
    ['9A0100400', 'digits'],
    ['75071218A', 'digits'],
  ])('%s is refused (%s)', (finess, reason) => {
    expect(validateFiness(finess)).toContain(reason);
  });
});

describe('passesLuhn', () => {
  const validNumber = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
    .map((digits) => {
      const body = digits.join('');
      const key = [...Array(10).keys()].find((candidate) => passesLuhn(body + candidate));
      return body + String(key);
    });

  it('every 8 digits have exactly one check digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }), (digits) => {
        const body = digits.join('');
        expect([...Array(10).keys()].filter((key) => passesLuhn(body + key))).toHaveLength(1);
      }),
    );
  });

  it('a single mistyped digit is always caught', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (finess, at, shift) => {
          const mistyped =
            finess.slice(0, at) + String((Number(finess[at]) + shift) % 10) + finess.slice(at + 1);
          expect(validateFiness(finess)).toBeNull();
          expect(validateFiness(mistyped)).toContain('Luhn');
        },
      ),
    );
  });
});
