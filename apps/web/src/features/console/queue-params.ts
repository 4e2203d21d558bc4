import { DECLARATION_STATUSES, type DeclarationStatus } from '../declarations/declaration-types';

/**
 * The queue's whole state lives in the URL's query, under the API's own names (a view is a
 * bookmark, a saved view its query string, the CSV export the same filters). `from` and `to` are
 * days in the URL, sent as the instants that start them in the browser's zone.
 */
export const FILTER_KEYS = [
  'q',
  'status',
  'year',
  'from',
  'to',
  'region',
  'structureType',
  'finess',
  'origin',
  'type',
  'patientEndangerment',
  'assignee',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type QueueState = Partial<Record<FilterKey | 'sort', string>>;

export const SORT_KEYS = [
  'submittedAt',
  'updatedAt',
  'status',
  'structureName',
  'finess',
  'region',
  'origin',
  'patientEndangerment',
  'operationalImpact',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT = '-submittedAt';

export function stateOf(params: URLSearchParams): QueueState {
  const state: QueueState = {};
  for (const key of [...FILTER_KEYS, 'sort'] as const) {
    const value = params.get(key)?.trim();
    if (value) state[key] = value;
  }
  return state;
}

export const statusOf = (state: QueueState): DeclarationStatus | undefined =>
  DECLARATION_STATUSES.find((status) => status === state.status);

/** What the URL holds, in a stable order: the same view is the same address. */
export function queryOf(state: QueueState): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'sort'] as const) {
    const value = state[key];
    if (value) query.set(key, value);
  }
  return query;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const startOfDay = (day: string): string => (DAY.test(day) ? new Date(`${day}T00:00:00`).toISOString() : day);

/** The API's query for this state (every value a string, as the API reads them). */
export function apiQueryOf(state: QueueState): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of queryOf(state))
    query[key] = key === 'from' || key === 'to' ? startOfDay(value) : value;
  return query;
}

/** The sort of a column header: its key, and the direction it has now (null when it sorts on another). */
export function sortOf(state: QueueState): { key: string; descending: boolean } {
  const sort = state.sort ?? DEFAULT_SORT;
  return { key: sort.replace(/^-/, ''), descending: sort.startsWith('-') };
}

/** Clicking a header: its key ascending, or the other way round when it already sorts. */
export function toggledSort(state: QueueState, key: SortKey): string {
  const current = sortOf(state);
  if (current.key !== key) return key === 'submittedAt' || key === 'updatedAt' ? `-${key}` : key;
  return current.descending ? key : `-${key}`;
}
