import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { sessionLost } from './session-state';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;

/** The session's CSRF token, from `GET /api/v1/me`: every state-changing request sends it. */
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

const csrf: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken !== undefined) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** A 401 while logged in: the session ended (idle, absolute limit, logout elsewhere). */
const expiry: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) sessionLost();
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});
api.use(csrf, expiry);

/** `POST /auth/logout`, then where the API says (the provider's end-session page, or home). */
export async function logout(): Promise<void> {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken === undefined ? {} : { 'X-CSRF-Token': csrfToken },
  });
  const body = response.ok ? ((await response.json()) as { redirectTo?: string }) : {};
  window.location.assign(body.redirectTo ?? '/');
}

/** The login is a browser navigation (302s to the provider and back), never a fetch. */
export const loginUrl = (returnTo: string): string => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
