import { TAXONOMY_VERSION } from './codes';

/** A version of the code lists (codes.ts, form-codes.ts), as `TAXONOMY_VERSION` names it: `2026.1`. */
export type TaxonomyVersion = string;

export interface TaxonomyValidity {
  version: TaxonomyVersion;
  /** The first day (Paris) declarations are coded with it. */
  validFrom: string;
  /** The last day, once a later version replaced it; null for the current one. */
  validUntil: string | null;
}

/**
 * Every version that ever existed, oldest first; the last is `TAXONOMY_VERSION`. 2026.1 is the
 * first: it codes every declaration since the French obligation began (1 October 2017), the
 * whole history Vigie holds, as the ANS observatory's categories do. docs/taxonomy.md says how a
 * new version is added.
 */
export const TAXONOMY_VERSIONS: readonly TaxonomyValidity[] = [
  { version: '2026.1', validFrom: '2017-10-01', validUntil: null },
];

/**
 * The version events written before events carried one were coded with: the only version that
 * existed then (codes.ts has said 2026.1 since its first commit). A literal, not
 * `TAXONOMY_VERSION`: when that moves on, those events stay coded as they were.
 */
export const UNSTATED_TAXONOMY_VERSION: TaxonomyVersion = '2026.1';

export const currentTaxonomy = (): TaxonomyValidity => {
  const current = TAXONOMY_VERSIONS[TAXONOMY_VERSIONS.length - 1];
  if (current.version !== TAXONOMY_VERSION)
    throw new Error('TAXONOMY_VERSIONS must end with TAXONOMY_VERSION');
  return current;
};
