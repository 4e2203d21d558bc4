import { INCIDENT_TYPES, MALICIOUS_TYPES, NON_MALICIOUS_TYPES } from './codes';
import { originOfType, typeMatchesOrigin, typesOfOrigin } from './typology';

describe('typology', () => {
  it('the malicious and non-malicious typologies share no code', () => {
    const shared = MALICIOUS_TYPES.filter((type) =>
      (NON_MALICIOUS_TYPES as readonly string[]).includes(type),
    );
    expect(shared).toEqual([]);
  });

  it.each(INCIDENT_TYPES.map((type) => [type]))('%s belongs to exactly one origin', (type) => {
    const origin = originOfType(type);
    expect(typeMatchesOrigin(type, origin)).toBe(true);
    expect(typeMatchesOrigin(type, origin === 'MALICIOUS' ? 'NON_MALICIOUS' : 'MALICIOUS')).toBe(false);
    expect(typeMatchesOrigin(type, 'UNKNOWN')).toBe(false);
  });

  it('no type at all goes with any origin', () => {
    expect(typeMatchesOrigin(null, 'MALICIOUS')).toBe(true);
    expect(typeMatchesOrigin(null, 'UNKNOWN')).toBe(true);
  });

  it('an unknown origin has no typology', () => {
    expect(typesOfOrigin('UNKNOWN')).toEqual([]);
    expect(typesOfOrigin('NON_MALICIOUS')).toEqual(NON_MALICIOUS_TYPES);
  });
});
