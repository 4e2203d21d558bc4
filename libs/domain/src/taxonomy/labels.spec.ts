import { REGION_CODES } from './codes';
import { CODE_LISTS, LABELS, labelOf, type CodeList, type Lang } from './labels';

const lists = Object.keys(CODE_LISTS) as CodeList[];
const everyCode = lists.flatMap((list) => CODE_LISTS[list].map((code) => [list, code] as const));

describe('labels', () => {
  it('cover the sixteen code lists', () => {
    expect(lists.sort()).toEqual(Object.keys(LABELS).sort());
    expect(lists).toHaveLength(16);
  });

  it.each(everyCode)('%s %s has a French and an English label', (list, code) => {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const label = labelOf(list, code, lang);
      expect(label.trim()).not.toBe('');
      expect(label).not.toBe(code);
    }
  });

  it('name the 18 regions', () => {
    expect(REGION_CODES).toHaveLength(18);
    expect(labelOf('region', '11', 'fr')).toBe('Île-de-France');
    expect(labelOf('region', '53', 'en')).toBe('Brittany');
    expect(labelOf('region', '94', 'fr')).toBe('Corse');
  });

  it('follow DOMAIN.md in French and translate in English', () => {
    expect(labelOf('maliciousType', 'RANSOMWARE', 'fr')).toBe('Rançongiciel');
    expect(labelOf('maliciousType', 'RANSOMWARE', 'en')).toBe('Ransomware');
    expect(labelOf('regulatoryQualification', 'SIGNIFICATIF', 'en')).toBe('Significant incident');
  });

  it('name the report’s UNSPECIFIED row of both type tables', () => {
    expect(labelOf('maliciousType', 'UNSPECIFIED', 'fr')).toBe('Non précisé');
    expect(labelOf('nonMaliciousType', 'UNSPECIFIED', 'en')).toBe('Unspecified');
  });

  it('an unknown code is shown as itself, never thrown', () => {
    expect(labelOf('structureType', 'CABINET', 'fr')).toBe('CABINET');
    expect(labelOf('structureType', 'constructor', 'en')).toBe('constructor');
    expect(labelOf('nope' as CodeList, 'ES', 'en')).toBe('ES');
  });
});
