import fc from 'fast-check';
import { REGION_CODES } from '../taxonomy/codes';
import { REGION_OF_DEPARTEMENT } from './departements';
import { finessDepartement, finessPlace, regionContradictingFiness, validateFiness } from './finess';
import { passesLuhn } from './luhn';

describe('the region of a FINESS number', () => {
  // Real numbers of the FINESS extraction (DOMAIN.md §4.1 and the extraction's overseas rows).
  it.each([
    ['010000024', '01', '84'], // CH de Bourg-en-Bresse, Ain
    ['750712184', '75', '11'],
    ['970100400', '971', '01'], // CH Louis Constant Fleming, Saint-Martin: filed under Guadeloupe
    ['970102018', '971', '01'], // PMI de Saint-Barthélemy: filed under Guadeloupe
    ['970210126', '972', '02'], // CMPP, Ducos, Martinique
    ['970300026', '973', '03'], // CH de Cayenne, Guyane
    ['970400024', '974', '04'], // CHU Félix Guyon, La Réunion
    ['980502199', '976', '06'], // Mayotte, under its former code 985
  ])('%s is in département %s, region %s', (finess, departement, region) => {
    expect(validateFiness(finess)).toBeNull();
    expect(finessDepartement(finess)).toBe(departement);
    expect(finessPlace(finess)).toEqual({ kind: 'region', departement, region });
    expect(regionContradictingFiness(finess, region)).toBeNull();
  });

  it.each([
    ['2A0000001', '2A'],
    ['2B1234567', '2B'],
  ])('%s (Corsica) is in region 94', (finess, departement) => {
    expect(finessPlace(finess)).toEqual({ kind: 'region', departement, region: '94' });
  });

  it('reads numbers written with the INSEE code overseas as the seeds write them', () => {
    expect(finessDepartement('971234567')).toBe('971');
    expect(finessDepartement('976000016')).toBe('976');
    expect(finessPlace('977000000')).toMatchObject({ kind: 'region', region: '01' });
    expect(finessPlace('978000000')).toMatchObject({ kind: 'region', region: '01' });
  });

  it('knows the territories no region covers', () => {
    expect(finessPlace('980600027')).toEqual({
      kind: 'territory-without-region',
      departement: '986',
      territory: 'Wallis-et-Futuna',
    });
    expect(finessPlace('975000000')).toMatchObject({ territory: 'Saint-Pierre-et-Miquelon' });
    expect(regionContradictingFiness('980600027', '01')).toContain('Wallis-et-Futuna');
  });

  it.each(['000000000', '200000000', '960000000', '990000000', '970012345', '980012345'])(
    '%s names no département',
    (finess) => {
      expect(finessPlace(finess).kind).toBe('unknown');
      expect(regionContradictingFiness(finess, '11')).toContain('no département');
    },
  );

  it('says which region a contradicted number is in', () => {
    expect(regionContradictingFiness('750712184', '84')).toBe(
      "the FINESS number's département 75 is in region 11, not 84",
    );
  });

  it('covers the 96 metropolitan départements and the 5 overseas ones, every region at least once', () => {
    const metropolitan = Object.keys(REGION_OF_DEPARTEMENT).filter((code) => code.length === 2);
    expect(metropolitan).toHaveLength(96);
    expect(metropolitan).not.toContain('20');
    expect(new Set(Object.values(REGION_OF_DEPARTEMENT))).toEqual(new Set(REGION_CODES));
  });

  it('every valid number of a département is in exactly one region: the one of its table entry', () => {
    const departements = Object.keys(REGION_OF_DEPARTEMENT).filter((code) => /^\d+$/.test(code));
    fc.assert(
      fc.property(
        fc.constantFrom(...departements),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        (departement, digits) => {
          // The FINESS way overseas (9701…) and the INSEE way (971…) must agree.
          const prefix =
            departement.length === 3 ? `${departement.slice(0, 2)}0${departement[2]}` : departement;
          const body = (prefix + digits.join('')).slice(0, 8);
          const finess = body + [...'0123456789'].find((key) => passesLuhn(body + key));
          const region = REGION_OF_DEPARTEMENT[departement];
          expect(regionContradictingFiness(finess, region!)).toBeNull();
          const others = REGION_CODES.filter((code) => code !== region);
          expect(others.every((other) => regionContradictingFiness(finess, other) !== null)).toBe(true);
        },
      ),
    );
  });
});
