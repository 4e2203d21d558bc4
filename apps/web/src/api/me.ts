import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { ApiProblem, unwrap } from './problem';
import { sessionStarted } from './session-state';
import type { Me } from './types';

export const ME_KEY = ['me'] as const;

/**
 * Who is logged in, or null: `GET /api/v1/me` answers 401 to a logged-out browser (or a session
 * that ended), and 403 to someone logged in with no access left (every grant revoked, disabled):
 * that one is thrown as an ApiProblem, which `hasNoAccess` recognises.
 */
async function fetchMe(): Promise<Me | null> {
  const result = await api.GET('/api/v1/me');
  if (result.response.status === 401) {
    setCsrfToken(undefined);
    return null;
  }
  if (result.response.status === 403) setCsrfToken(undefined);
  const me = unwrap(result);
  setCsrfToken(me.csrfToken ?? undefined);
  sessionStarted();
  return me;
}

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });

/** `/api/v1/me`'s 403: a session, but no access to Vigie any more. */
export const hasNoAccess = (error: unknown): boolean => error instanceof ApiProblem && error.status === 403;
