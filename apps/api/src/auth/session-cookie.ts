import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VigieConfig } from '@vigie/config';
import type { CookieOptions, Request } from 'express';

/**
 * The session cookie: HttpOnly, SameSite=Lax (the provider's redirect back is a top-level
 * navigation from another site), Secure and `__Host-` prefixed on https. Plain http is allowed
 * only for a public URL on 127.0.0.1/localhost (config refuses it elsewhere), where a browser
 * would drop a Secure cookie.
 */
export const sessionCookieName = (config: VigieConfig): string =>
  isHttps(config) ? '__Host-vigie_session' : 'vigie_session';

/** The browser's binding for a login in flight: sent back only to /auth. */
export const loginCookieName = (config: VigieConfig): string =>
  isHttps(config) ? '__Secure-vigie_login' : 'vigie_login';

export const sessionCookieOptions = (config: VigieConfig, maxAgeMs: number): CookieOptions => ({
  httpOnly: true,
  secure: isHttps(config),
  sameSite: 'lax',
  path: '/',
  maxAge: maxAgeMs,
});

export const loginCookieOptions = (config: VigieConfig, maxAgeMs: number): CookieOptions => ({
  ...sessionCookieOptions(config, maxAgeMs),
  path: '/auth',
});

const isHttps = (config: VigieConfig): boolean => config.publicUrl.startsWith('https:');

/** One cookie of the request's Cookie header; no parser middleware for two cookies. */
export function cookieOf(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index > 0 && pair.slice(0, index).trim() === name) {
      const value = pair.slice(index + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}

/**
 * The CSRF token of a session: derived from its id's hash under the service secret, so it needs
 * no storage, differs per session and cannot be computed from what the browser shows.
 */
export const csrfTokenOf = (config: VigieConfig, sessionIdHash: string): string =>
  createHmac('sha256', config.jwtSecret).update(`csrf\u0000${sessionIdHash}`).digest('base64url');

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
