import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Clock, DeclarationStatus, TimelineEntry } from './declaration-types';

/** Every query of the declarant's follow-up starts with this key: a command invalidates them all. */
export const DECLARATIONS = ['declarations'] as const;

export interface ListFilters {
  finess?: string;
  status?: DeclarationStatus;
  q?: string;
}

const PAGE_SIZE = '50';

/** `GET /api/v1/declarations`, newest first, a page at a time (the API keeps a declarant to their facilities). */
export const useDeclarationList = (filters: ListFilters) =>
  useInfiniteQuery({
    queryKey: [...DECLARATIONS, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const query = {
        limit: PAGE_SIZE,
        ...(filters.finess ? { finess: filters.finess } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.q ? { q: filters.q } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      };
      return unwrap(await api.GET('/api/v1/declarations', { params: { query } }));
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface DeadlinesByDeclaration {
  /** The server's clock minus this browser's, for the countdowns. */
  skewMs: number;
  open: Map<string, Clock[]>;
}

const skewOf = (serverAt: string): number => Date.parse(serverAt) - Date.now();

/** Enough for any facility's running clocks (200 a page), bounded so that a huge backlog cannot loop on. */
const MAX_DEADLINE_PAGES = 5;

/** The clocks still running (due or overdue) of my facilities' declarations, by declaration. */
export const useOpenDeadlines = () =>
  useQuery({
    queryKey: [...DECLARATIONS, 'deadlines'],
    queryFn: async (): Promise<DeadlinesByDeclaration> => {
      const open = new Map<string, Clock[]>();
      let cursor: string | undefined;
      let skewMs = 0;
      for (let pages = 0; pages < MAX_DEADLINE_PAGES; pages++) {
        const page = unwrap(
          await api.GET('/api/v1/deadlines', {
            params: { query: { status: 'due,overdue', limit: '200', ...(cursor ? { cursor } : {}) } },
          }),
        );
        skewMs = skewOf(page.at);
        for (const item of page.items)
          open.set(item.declarationId, [...(open.get(item.declarationId) ?? []), item]);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      return { skewMs, open };
    },
  });

/** `GET /api/v1/declarations/{reference}`, or by id for a declaration that predates references. */
export const useDeclaration = (key: string, minPosition: string | undefined) =>
  useQuery({
    queryKey: [...DECLARATIONS, 'detail', key, minPosition],
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const result = await api.GET('/api/v1/declarations/{id}', {
        params: { path: { id: key }, query: minPosition ? { minPosition } : {} },
      });
      return unwrap(result);
    },
  });

export const useHistory = (id: string | undefined, minPosition: string | undefined) =>
  useQuery({
    queryKey: [...DECLARATIONS, 'history', id, minPosition],
    enabled: id !== undefined,
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<TimelineEntry[]> =>
      unwrap(
        await api.GET('/api/v1/declarations/{id}/history', {
          params: { path: { id: id as string }, query: minPosition ? { minPosition } : {} },
        }),
      ).items,
  });

export const useClocks = (id: string | undefined, minPosition: string | undefined) =>
  useQuery({
    queryKey: [...DECLARATIONS, 'clocks', id, minPosition],
    enabled: id !== undefined,
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const answer = unwrap(
        await api.GET('/api/v1/declarations/{id}/clocks', {
          params: { path: { id: id as string }, query: minPosition ? { minPosition } : {} },
        }),
      );
      return { items: answer.items, skewMs: skewOf(answer.at) };
    },
  });
