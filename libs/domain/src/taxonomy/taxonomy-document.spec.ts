import { CODE_LISTS, LABELS, type CodeList } from './labels';
import { TAXONOMY_VERSION } from './codes';
import { taxonomyDocument } from './taxonomy-document';

describe('taxonomyDocument', () => {
  const document = taxonomyDocument();

  it('is the current version, valid until further notice', () => {
    expect(document).toMatchObject({ version: TAXONOMY_VERSION, validFrom: '2017-10-01', validUntil: null });
  });

  it('holds every code list of labels.ts, once, with every code in its order and both labels', () => {
    const ids = document.lists.map((list) => list.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of Object.keys(CODE_LISTS) as CodeList[]) {
      const list = document.lists.find((candidate) => candidate.id === id);
      expect(list?.codes.map((entry) => entry.code)).toEqual(CODE_LISTS[id]);
      for (const entry of list!.codes) {
        expect(entry.labels).toEqual(LABELS[id][entry.code]);
        expect(entry.labels.fr.length * entry.labels.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('offers a qualification the two origins it may give, labelled as the declaration’s', () => {
    const list = document.lists.find((candidate) => candidate.id === 'qualifiedOrigin');
    expect(list?.codes).toEqual([
      { code: 'MALICIOUS', labels: LABELS.origin.MALICIOUS },
      { code: 'NON_MALICIOUS', labels: LABELS.origin.NON_MALICIOUS },
    ]);
  });

  it('starts with the form’s lists, in its order', () => {
    expect(document.lists.slice(0, 4).map((list) => list.id)).toEqual([
      'structureType',
      'nis2',
      'region',
      'origin',
    ]);
  });
});
