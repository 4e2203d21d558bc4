import { QUALIFIED_ORIGINS } from './codes';
import { CODE_LISTS, LABELS, type CodeList, type Label } from './labels';
import { currentTaxonomy, type TaxonomyValidity } from './versions';

/** One picker's codes, as `GET /api/v1/taxonomy` serves them. */
export interface TaxonomyList {
  /** The list's name, as labels.ts keys it (`qualifiedOrigin`: the origins a qualification may give). */
  id: CodeList | 'qualifiedOrigin';
  /** The fields of the API's bodies that take the list's codes, dotted (`structure.type`). */
  fields: string[];
  codes: { code: string; labels: Label }[];
}

export interface TaxonomyDocument extends TaxonomyValidity {
  lists: TaxonomyList[];
}

/**
 * The lists in the order the declaration form asks them, then the CERT's (qualification,
 * support); the codes in each list in the form's order, which is codes.ts's.
 */
const LISTS: readonly { id: TaxonomyList['id']; fields: string[] }[] = [
  { id: 'structureType', fields: ['structure.type'] },
  { id: 'nis2', fields: ['structure.nis2', 'nis2'] },
  { id: 'region', fields: ['structure.region'] },
  { id: 'origin', fields: ['suspectedOrigin'] },
  { id: 'operationalImpact', fields: ['operationalImpact'] },
  { id: 'patientEndangerment', fields: ['patientEndangerment'] },
  { id: 'dataImpact', fields: ['dataImpacts'] },
  { id: 'affectedSystem', fields: ['systemsConcerned'] },
  { id: 'handlingState', fields: ['handlingState'] },
  { id: 'maliciousType', fields: ['suspectedType', 'type'] },
  { id: 'nonMaliciousType', fields: ['suspectedType', 'type'] },
  { id: 'supplierInvolvement', fields: ['supplierInvolved'] },
  { id: 'otherNotification', fields: ['otherNotifications'] },
  { id: 'qualifiedOrigin', fields: ['origin'] },
  { id: 'attackVector', fields: ['attackVectors'] },
  { id: 'regulatoryQualification', fields: ['regulatoryQualification'] },
  { id: 'interventionKind', fields: ['kind'] },
];

const codesOf = (id: TaxonomyList['id']): readonly string[] =>
  id === 'qualifiedOrigin' ? QUALIFIED_ORIGINS : CODE_LISTS[id];

const labelsOf = (id: TaxonomyList['id']): Readonly<Record<string, Label>> =>
  LABELS[id === 'qualifiedOrigin' ? 'origin' : id];

/** Every code list of the current taxonomy version with its labels: what the console's pickers offer. */
export function taxonomyDocument(): TaxonomyDocument {
  return {
    ...currentTaxonomy(),
    lists: LISTS.map(({ id, fields }) => ({
      id,
      fields,
      codes: codesOf(id).map((code) => ({ code, labels: labelsOf(id)[code] })),
    })),
  };
}
