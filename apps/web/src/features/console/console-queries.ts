import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { DECLARATIONS } from '../declarations/declaration-queries';
import type { Clock } from '../declarations/declaration-types';
import { apiQueryOf, type QueueState } from './queue-params';

/** Under the declarations' key: a command of the console invalidates the queue as well. */
export const QUEUE = [...DECLARATIONS, 'console-queue'] as const;

export const useQueue = (state: QueueState) =>
  useInfiniteQuery({
    queryKey: [...QUEUE, state],
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/declarations', {
          params: {
            query: { limit: '50', ...apiQueryOf(state), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/**
 * `GET /api/v1/declaration-counts`: the queue's filters (not its status, which the tabs split,
 * nor its sort) counted by status. Under the queue's key: the live feed refreshes it too.
 */
export const useQueueCounts = (state: QueueState) =>
  useQuery({
    queryKey: [...QUEUE, 'counts', { ...state, status: undefined, sort: undefined }],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/declaration-counts', {
          params: { query: apiQueryOf({ ...state, status: undefined, sort: undefined }) },
        }),
      ),
  });

export interface Change {
  id: string;
  reference: string | null;
  status: string;
  submittedAt: string;
  updatedAt: string;
  position: string;
}

/** How long changes gather before the queue is read again: a burst of events is one request. */
const DEBOUNCE_MS = 400;

/**
 * The live feed (`GET /api/v1/declaration-changes`, server-sent events, the session cookie):
 * each burst of changes re-reads the queue, and hands the changes over (to tell new ones).
 * EventSource reconnects by itself, resuming after the last event id.
 */
export function useDeclarationChanges(onChanges: (changes: Change[]) => void) {
  const queryClient = useQueryClient();
  const handler = useRef(onChanges);
  handler.current = onChanges;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/v1/declaration-changes');
    let pending: Change[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('declaration', (event) => {
      try {
        pending.push(JSON.parse((event as MessageEvent<string>).data) as Change);
      } catch {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        const changes = pending;
        pending = [];
        void queryClient.invalidateQueries({ queryKey: QUEUE });
        handler.current(changes);
      }, DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
  return connected;
}

export interface ConsoleDeadlines {
  skewMs: number;
  overdue: Clock[];
  soon: Clock[];
}

const DAY_MS = 24 * 3_600_000;
const MAX_PAGES = 10;

/** Every running clock (due, overdue), split into overdue and due within 24 h, soonest first. */
export const useConsoleDeadlines = () =>
  useQuery({
    queryKey: [...DECLARATIONS, 'console-deadlines'],
    refetchInterval: 60_000,
    queryFn: async (): Promise<ConsoleDeadlines> => {
      const items: Clock[] = [];
      let cursor: string | undefined;
      let at = new Date().toISOString();
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = unwrap(
          await api.GET('/api/v1/deadlines', {
            params: { query: { status: 'due,overdue', limit: '200', ...(cursor ? { cursor } : {}) } },
          }),
        );
        at = answer.at;
        items.push(...answer.items.filter((clock) => !clock.declarationClosed));
        if (answer.nextCursor === null) break;
        cursor = answer.nextCursor;
      }
      const now = Date.parse(at);
      const sorted = items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      return {
        skewMs: now - Date.now(),
        overdue: sorted.filter((clock) => Date.parse(clock.dueAt) < now),
        soon: sorted.filter(
          (clock) => Date.parse(clock.dueAt) >= now && Date.parse(clock.dueAt) < now + DAY_MS,
        ),
      };
    },
  });
