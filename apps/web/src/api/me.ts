import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import type { Me } from './pending-routes';
import { unwrap } from './problem';
import { sessionStarted } from './session-state';

export const ME_KEY = ['me'] as const;

/** Who is logged in, or null: `GET /api/v1/me` answers 401 to a logged-out browser. */
async function fetchMe(): Promise<Me | null> {
  const result = await api.GET('/api/v1/me');
  if (result.response.status === 401) {
    setCsrfToken(undefined);
    return null;
  }
  const me = unwrap(result);
  setCsrfToken(me.csrfToken);
  sessionStarted();
  return me;
}

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
