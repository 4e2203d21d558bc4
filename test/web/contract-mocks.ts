/// <reference lib="dom" />
import type { Page, Route } from 'playwright-core';
import type { Role } from './login';

/**
 * The identity routes' answers as the agreed contract shapes them, for the logged-in pages until
 * `loginAs` gives real sessions: the API under test still serves the app, `/api/v1/site` and
 * everything else; only these routes are answered by the browser's request interception.
 */
export interface ContractMocks {
  /** The requests the page made to the mocked routes: method, path, X-CSRF-Token, body. */
  calls: { method: string; path: string; csrf: string | null; body: unknown }[];
  /** From now on every mocked route answers 401, as when the session ends. */
  endSession(): void;
}

const PROBLEM_BASE = 'https://vigie.example/problems/';

const user = (id: string, role: Role, extra: Record<string, unknown> = {}) => ({
  id,
  email: `${id}@chu-exemple.fr`,
  name: `Personne ${id}`,
  roles: [role],
  grants: [{ role, finess: role === 'declarant' ? ['750712184'] : [] }],
  disabled: false,
  logins: 3,
  localAccount: { activated: true, lockedUntil: null },
  ...extra,
});

export async function mockIdentityRoutes(page: Page, role: Role): Promise<ContractMocks> {
  const calls: ContractMocks['calls'] = [];
  let ended = false;
  const json = (route: Route, status: number, body?: unknown) =>
    route.fulfill({
      status,
      contentType: status >= 400 ? 'application/problem+json' : 'application/json',
      body: body === undefined ? '' : JSON.stringify(body),
    });
  const problem = (
    route: Route,
    status: number,
    code: string,
    errors?: { field: string; message: string }[],
  ) =>
    json(route, status, {
      type: `${PROBLEM_BASE}${code}`,
      title: code,
      status,
      detail: code,
      ...(errors ? { errors } : {}),
    });
  const tokens = [
    {
      id: 't1',
      label: 'export hebdomadaire',
      prefix: 'vig_ab12',
      createdAt: '2026-11-02T09:00:00.000Z',
      expiresAt: '2027-02-02T09:00:00.000Z',
      lastUsedAt: null,
    },
  ];
  await page.route(/\/api\/v1\/(me|users|local-accounts)(\/|$|\?)/, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const method = request.method();
    calls.push({
      method,
      path,
      csrf: request.headers()['x-csrf-token'] ?? null,
      body: request.postDataJSON(),
    });
    if (ended) return problem(route, 401, 'unauthenticated');
    if (path === '/api/v1/me')
      return json(route, 200, {
        user: { id: 'u1', name: 'Camille Martin', email: 'camille.martin@chu-exemple.fr' },
        roles: [role],
        finess: role === 'declarant' ? ['750712184', '010000016'] : [],
        csrfToken: 'csrf-123',
        expiresAt: '2026-12-02T20:00:00.000Z',
        idleExpiresAt: '2026-12-02T12:30:00.000Z',
        localAccount: true,
      });
    if (path === '/api/v1/me/tokens' && method === 'GET') return json(route, 200, { items: tokens });
    if (path === '/api/v1/me/tokens' && method === 'POST') {
      const body = request.postDataJSON() as { label: string };
      if (body.label === '')
        return problem(route, 400, 'validation-failed', [
          { field: 'label', message: 'label should not be empty' },
        ]);
      return json(route, 201, {
        ...tokens[0],
        id: 't2',
        label: body.label,
        token: 'vig_cd34_secret-shown-once',
      });
    }
    if (path === '/api/v1/me/local-account')
      return json(route, 200, {
        email: 'camille.martin@chu-exemple.fr',
        activated: true,
        totpRequired: false,
        totpEnrolled: false,
        lockedUntil: null,
      });
    if (path === '/api/v1/users' && method === 'GET')
      return json(route, 200, {
        items: [
          user('a1', 'admin'),
          user('d1', 'declarant', { localAccount: { activated: false, lockedUntil: null } }),
          user('x1', 'analyst', { disabled: true, localAccount: null }),
        ],
      });
    if (path === '/api/v1/users' && method === 'POST') {
      const body = request.postDataJSON() as { email: string; finess?: string[] };
      if (!body.email.includes('@'))
        return problem(route, 400, 'validation-failed', [
          { field: 'email', message: 'email must be an email' },
        ]);
      return json(route, 201, {
        user: user('n1', 'declarant', { email: body.email }),
        activationUrl: 'http://127.0.0.1/activer#tok-once',
      });
    }
    return problem(route, 404, 'not-found');
  });
  return { calls, endSession: () => (ended = true) };
}
