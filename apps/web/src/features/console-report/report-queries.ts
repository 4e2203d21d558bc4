import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { AnnualReport } from './report-model';

const REPORTS = ['reports'] as const;

export interface ReportView {
  year: number;
  /** The instant the report stands at, as the API reads it; undefined: now. */
  asOf?: string;
  public: boolean;
}

const reportQuery = ({ asOf, public: isPublic }: ReportView) => ({
  ...(asOf ? { asOf } : {}),
  ...(isPublic ? { public: 'true' as const } : {}),
});

/** `GET /api/v1/reports/annual/{year}` as JSON: now (the read models) or as it stood at `asOf` (replayed). */
export const useAnnualReport = (view: ReportView) =>
  useQuery({
    queryKey: [...REPORTS, 'annual', view],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<AnnualReport> =>
      unwrap(
        await api.GET('/api/v1/reports/annual/{year}', {
          params: { path: { year: String(view.year) }, query: reportQuery(view) },
        }),
      ) as AnnualReport,
  });

export const usePublications = (year: number) =>
  useQuery({
    queryKey: [...REPORTS, 'publications', year],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reports/annual/{year}/publications', {
          params: { path: { year: String(year) } },
        }),
      ).items,
  });

/** `POST …/publications`: freezes the report now, with a note; the list of editions is read again. */
export function usePublish(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (note: string) =>
      unwrap(
        await api.POST('/api/v1/reports/annual/{year}/publications', {
          params: { path: { year: String(year) } },
          body: note.trim() === '' ? {} : { note: note.trim() },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...REPORTS, 'publications', year] }),
  });
}

export interface Comparison {
  year: number;
  publicationId: string;
  /** The other side: an instant (another edition's), or undefined for now. */
  asOf?: string;
}

export const useRestatements = (comparison: Comparison | null) =>
  useQuery({
    queryKey: [...REPORTS, 'restatements', comparison],
    enabled: comparison !== null,
    queryFn: async () => {
      const { year, publicationId, asOf } = comparison as Comparison;
      return unwrap(
        await api.GET('/api/v1/reports/annual/{year}/publications/{id}/restatements', {
          params: { path: { year: String(year), id: publicationId }, query: asOf ? { asOf } : {} },
        }),
      );
    },
  });

export const FORMATS = ['pdf', 'csv', 'md', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** A download: the API's own address (the session cookie authenticates it), opened by the browser. */
export function reportUrl(view: ReportView, format: Format, lang: 'fr' | 'en'): string {
  const query = new URLSearchParams({ format, lang, ...reportQuery(view) });
  return `/api/v1/reports/annual/${view.year}?${query}`;
}

export function publicationUrl(
  year: number,
  id: string,
  format: Format,
  isPublic: boolean,
  lang: 'fr' | 'en',
): string {
  const query = new URLSearchParams({ format, lang, ...(isPublic ? { public: 'true' } : {}) });
  return `/api/v1/reports/annual/${year}/publications/${id}?${query}`;
}
