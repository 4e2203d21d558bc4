import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLang } from '../i18n/i18n';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type Taxonomy = components['schemas']['TaxonomyDto'];
export type TaxonomyListId = components['schemas']['TaxonomyListDto']['id'];

/** `GET /api/v1/taxonomy`: static for a deployment (the API sends an ETag); read once per page load. */
export const useTaxonomy = () =>
  useQuery({
    queryKey: ['taxonomy'],
    staleTime: Infinity,
    queryFn: async (): Promise<Taxonomy> => unwrap(await api.GET('/api/v1/taxonomy')),
  });

/**
 * One list's codes with their labels in the reader's language, as the API serves the taxonomy in
 * force; `fallback` (the codes this build was made with) while it loads or if it cannot be read,
 * labelled by `label`: a picker never stays empty.
 */
export function useTaxonomyList(
  id: TaxonomyListId,
  fallback: readonly string[],
  label: (code: string) => string,
): { code: string; label: string }[] {
  const lang = useLang();
  const taxonomy = useTaxonomy();
  const list = taxonomy.data?.lists.find((candidate) => candidate.id === id);
  const labelled = useCallback(
    (code: string, labels?: { fr: string; en: string }) => labels?.[lang] ?? label(code),
    [lang, label],
  );
  return list === undefined
    ? fallback.map((code) => ({ code, label: labelled(code) }))
    : list.codes.map(({ code, labels }) => ({ code, label: labelled(code, labels) }));
}
