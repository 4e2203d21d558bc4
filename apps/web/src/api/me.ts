import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { ApiProblem, unwrap } from './problem';
import { sessionStarted } from './session-state';
import type { Me } from './types';

export const ME_KEY = ['me'] as const;

/**
 * Who is logged in, or null: `GET /api/v1/me` answers 401 to a logged-out browser (or a session
 * that ended). Someone logged in with no access left (every grant revoked, disabled) gets 200
 * with no role, and the CSRF token that lets them log out: `hasNoAccess` recognises them.
 */
async function fetchMe(): Promise<Me | null> {
  const result = await api.GET('/api/v1/me');
  if (result.response.status === 401) {
    setCsrfToken(undefined);
    return null;
  }
  const me = unwrap(result);
  setCsrfToken(me.csrfToken ?? undefined);
  sessionStarted();
  return me;
}

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });

/** A session, but no access to Vigie any more: no role left (or, from a token, the API's 403). */
export const hasNoAccess = (me: Me | null | undefined, error: unknown): boolean =>
  (me !== null && me !== undefined && me.roles.length === 0) ||
  (error instanceof ApiProblem && error.status === 403);
