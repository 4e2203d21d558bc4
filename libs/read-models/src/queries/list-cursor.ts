import { InvalidListQuery } from './list-query-error';

/** Where a page ended in the list's order (submittedAt desc, id desc). Opaque to clients. */
export interface ListCursor {
  submittedAt: string;
  id: string;
}

export const encodeCursor = (cursor: ListCursor): string =>
  Buffer.from(JSON.stringify([cursor.submittedAt, cursor.id]), 'utf8').toString('base64url');

export function decodeCursor(text: string): ListCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { submittedAt: value[0], id: value[1] };
    }
  } catch {
    // reported below
  }
  throw new InvalidListQuery('cursor', 'cursor is not one this server returned');
}
