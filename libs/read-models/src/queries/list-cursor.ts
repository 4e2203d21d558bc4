import { InvalidListQuery } from './list-query-error';

/** The columns the list sorts on: never null, so that a page boundary is a plain comparison. */
export const LIST_SORT_KEYS = [
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
export type ListSortKey = (typeof LIST_SORT_KEYS)[number];

/** `-submittedAt` (the default): newest first. `status`: ascending. Ties are broken by id, same way. */
export interface ListSort {
  key: ListSortKey;
  descending: boolean;
}

export const DEFAULT_SORT: ListSort = { key: 'submittedAt', descending: true };

export function parseSort(text: string | undefined): ListSort {
  if (text === undefined || text === '') return DEFAULT_SORT;
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  if (!(LIST_SORT_KEYS as readonly string[]).includes(key))
    throw new InvalidListQuery('sort', `sort must be one of ${LIST_SORT_KEYS.join(', ')}, - for descending`);
  return { key: key as ListSortKey, descending };
}

export const sortText = (sort: ListSort): string => `${sort.descending ? '-' : ''}${sort.key}`;

/** Where a page ended in the list's order: the sort key's value and the id. Opaque to clients. */
export interface ListCursor {
  sort: ListSort;
  value: string;
  id: string;
}

const isDefault = (sort: ListSort): boolean =>
  sort.key === DEFAULT_SORT.key && sort.descending === DEFAULT_SORT.descending;

/** The default order keeps the cursors it always had (`[submittedAt, id]`); the others name their sort. */
export const encodeCursor = (cursor: ListCursor): string =>
  Buffer.from(
    JSON.stringify(
      isDefault(cursor.sort) ? [cursor.value, cursor.id] : [sortText(cursor.sort), cursor.value, cursor.id],
    ),
    'utf8',
  ).toString('base64url');

/** A cursor of another order than the one asked for is refused: its boundary means nothing here. */
export function decodeCursor(text: string, sort: ListSort = DEFAULT_SORT): ListCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) {
    if (parts.length === 2 && isDefault(sort)) return { sort, value: parts[0], id: parts[1] };
    if (parts.length === 3 && parts[0] === sortText(sort)) return { sort, value: parts[1], id: parts[2] };
  }
  throw new InvalidListQuery('cursor', 'cursor is not one this server returned for this sort');
}
