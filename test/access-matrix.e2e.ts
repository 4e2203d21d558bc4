import { SignJWT } from 'jose';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { problemDefect } from './soak/kit/listening-api';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import {
  FINESS,
  OTHER_FINESS,
  TestApi,
  bearer,
  fixedClock,
  qualification,
  submission,
} from './support/vigie-api';

type Identity = 'none' | 'expired' | 'badSignature' | 'ownDeclarant' | 'otherDeclarant' | 'analyst' | 'admin';
const IDENTITIES: Identity[] = [
  'none',
  'expired',
  'badSignature',
  'ownDeclarant',
  'otherDeclarant',
  'analyst',
  'admin',
];

/** Per identity, in the order of IDENTITIES. */
type Row = [
  none: number,
  expired: number,
  badSignature: number,
  ownDeclarant: number,
  otherDeclarant: number,
  analyst: number,
  admin: number,
];

const PUBLIC: Row = [200, 200, 200, 200, 200, 200, 200];
/** Any valid token; a declarant naming another facility's declaration gets the 404 of a missing one. */
const OWN_FACILITY: Row = [401, 401, 401, 200, 404, 200, 200];
const ANY_TOKEN: Row = [401, 401, 401, 200, 200, 200, 200];
const DECLARANT_OR_ADMIN: Row = [401, 401, 401, 200, 404, 403, 200];
const CERT: Row = [401, 401, 401, 403, 403, 200, 200];
const CERT_CREATES: Row = [401, 401, 401, 403, 403, 201, 201];
const ADMIN_ONLY: Row = [401, 401, 401, 403, 403, 403, 200];
const ADMIN_CREATES: Row = [401, 401, 401, 403, 403, 403, 201];
const ANY_TOKEN_CREATES: Row = [401, 401, 401, 201, 201, 201, 201];
/** Another's or nobody's: whoever asks learns nothing. */
const ANY_TOKEN_NOT_FOUND: Row = [401, 401, 401, 404, 404, 404, 404];
/** The login's page navigations: redirects (to the provider, or to the login page with an error). */
const REDIRECT: Row = [303, 303, 303, 303, 303, 303, 303];
/** A page of the web application with no web build in this test's VIGIE_WEB_DIR: "run npm run build". */
const NO_WEB_BUILD: Row = [503, 503, 503, 503, 503, 503, 503];
/** Swagger UI registers it, but ships no such file. */
const MISSING: Row = [404, 404, 404, 404, 404, 404, 404];

/** What the scenario of one cell needs: a fresh declaration of FINESS, in the state the route requires. */
interface Fixture {
  declarationId: string;
  publicationId: string;
  /** A user the administrator invited as a declarant of FINESS. */
  userId: string;
}

interface Case {
  expected: Row;
  /** The submission of the cell's declaration, when the route needs one of a kind (NIS2 applies…). */
  declared?: Record<string, unknown>;
  /** Brings the fresh declaration into the state the route needs (a pending complement request, a closure…). */
  prepare?: (api: TestApi, fixture: Fixture, admin: Record<string, string>) => Promise<void>;
  path: (fixture: Fixture) => string;
  body?: Record<string, unknown>;
}

const NIS2 = submission({ structure: { ...(submission().structure as object), nis2: 'ESSENTIAL' } });

const declaration =
  (suffix = '') =>
  (fixture: Fixture) =>
    `/api/v1/declarations/${fixture.declarationId}${suffix}`;
async function post(
  api: TestApi,
  path: string,
  admin: Record<string, string>,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await api.http.post(path).set(admin).send(body);
  if (response.status >= 300) throw new Error(`preparing ${path}: ${response.status} ${response.text}`);
}

/**
 * Every route of the app × every kind of caller → the status it gets. The table is checked against
 * the routes Express actually serves: a route added without a row here fails the suite.
 */
const MATRIX: Record<string, Case> = {
  'GET /health/live': { expected: PUBLIC, path: () => '/health/live' },
  'GET /.*/': { expected: NO_WEB_BUILD, path: () => '/compte' },
  'GET /api/v1/site': { expected: PUBLIC, path: () => '/api/v1/site' },
  'GET /api/v1/me': { expected: ANY_TOKEN, path: () => '/api/v1/me' },
  'GET /auth/login': { expected: REDIRECT, path: () => '/auth/login?returnTo=/compte' },
  'GET /auth/callback': { expected: REDIRECT, path: () => '/auth/callback?code=x&state=y' },
  // No session to end: the answer says where to go, whoever asks.
  'POST /auth/logout': { expected: PUBLIC, path: () => '/auth/logout' },
  'GET /health/ready': { expected: PUBLIC, path: () => '/health/ready' },
  'GET /docs': { expected: PUBLIC, path: () => '/docs' },
  'GET /docs/': { expected: PUBLIC, path: () => '/docs/' },
  'GET /docs/index.html': { expected: PUBLIC, path: () => '/docs/index.html' },
  'GET /docs/LICENSE': { expected: MISSING, path: () => '/docs/LICENSE' },
  'GET /docs/swagger-ui-init.js': { expected: PUBLIC, path: () => '/docs/swagger-ui-init.js' },
  'GET /docs/docs/swagger-ui-init.js': { expected: PUBLIC, path: () => '/docs/docs/swagger-ui-init.js' },
  'GET /docs-json': { expected: PUBLIC, path: () => '/docs-json' },
  'GET /docs-yaml': { expected: PUBLIC, path: () => '/docs-yaml' },
  'GET /metrics': { expected: CERT, path: () => '/metrics' },
  'GET /api/v1/audit/reads': { expected: ADMIN_ONLY, path: () => '/api/v1/audit/reads' },
  'GET /api/v1/admin/settings/notifications': {
    expected: ADMIN_ONLY,
    path: () => '/api/v1/admin/settings/notifications',
  },
  'GET /api/v1/cert-staff': { expected: CERT, path: () => '/api/v1/cert-staff' },
  // No caller of the matrix has a local account; activation is public, and this token was never issued.
  'POST /api/v1/local-accounts/activation': {
    expected: [410, 410, 410, 410, 410, 410, 410],
    path: () => '/api/v1/local-accounts/activation',
    body: { token: 'x'.repeat(43), password: 'a long enough password' },
  },
  'GET /api/v1/me/local-account': {
    expected: [401, 401, 401, 404, 404, 404, 404],
    path: () => '/api/v1/me/local-account',
  },
  'POST /api/v1/me/password': {
    expected: [401, 401, 401, 404, 404, 404, 404],
    path: () => '/api/v1/me/password',
    body: { currentPassword: 'the current one', newPassword: 'a long enough password' },
  },
  'POST /api/v1/me/totp': { expected: [401, 401, 401, 404, 404, 404, 404], path: () => '/api/v1/me/totp' },
  'POST /api/v1/me/totp/confirmation': {
    expected: [401, 401, 401, 404, 404, 404, 404],
    path: () => '/api/v1/me/totp/confirmation',
    body: { code: '123456' },
  },
  'POST /api/v1/declarations': {
    // A declarant declares for the facilities of its token only.
    expected: [401, 401, 401, 201, 403, 201, 201],
    path: () => '/api/v1/declarations',
    body: submission(),
  },
  'GET /api/v1/declarations': { expected: ANY_TOKEN, path: () => '/api/v1/declarations' },
  'GET /api/v1/declarations/:id': { expected: OWN_FACILITY, path: declaration() },
  'GET /api/v1/declaration-counts': { expected: ANY_TOKEN, path: () => '/api/v1/declaration-counts' },
  'GET /api/v1/declaration-counts/weekly': {
    expected: ANY_TOKEN,
    path: () => '/api/v1/declaration-counts/weekly',
  },
  // The code lists for the pickers: the declaration form needs them as much as the console.
  'GET /api/v1/taxonomy': { expected: ANY_TOKEN, path: () => '/api/v1/taxonomy' },
  // The live feed, in its mode that ends; each sees its own scope.
  'GET /api/v1/declaration-changes': {
    expected: ANY_TOKEN,
    path: () => '/api/v1/declaration-changes?after=0&once=true',
  },
  'GET /api/v1/declarations/:id/history': { expected: OWN_FACILITY, path: declaration('/history') },
  'GET /api/v1/declarations/:id/receipt': { expected: OWN_FACILITY, path: declaration('/receipt') },
  'POST /api/v1/declarations/:id/amendments': {
    expected: OWN_FACILITY,
    path: declaration('/amendments'),
    body: { description: 'Amended.' },
  },
  // The exchanges: the facility's declarants and the CERT write on one thread.
  'POST /api/v1/declarations/:id/messages': {
    expected: OWN_FACILITY,
    path: declaration('/messages'),
    body: { body: 'Les sauvegardes sont-elles intactes ?' },
  },
  'POST /api/v1/declarations/:id/assignment': {
    expected: CERT,
    path: declaration('/assignment'),
    body: { assignee: null },
  },
  'POST /api/v1/declarations/:id/internal-notes': {
    expected: CERT,
    path: declaration('/internal-notes'),
    body: { body: 'Même prestataire que la semaine dernière.' },
  },
  'POST /api/v1/declarations/:id/complement-requests': {
    expected: CERT,
    path: declaration('/complement-requests'),
    body: { question: 'Which backups?' },
  },
  'POST /api/v1/declarations/:id/complements': {
    expected: DECLARANT_OR_ADMIN,
    prepare: (api, fixture, admin) =>
      post(api, declaration('/complement-requests')(fixture), admin, { question: 'Which backups?' }),
    path: declaration('/complements'),
    body: { answer: 'The tapes.' },
  },
  'POST /api/v1/declarations/:id/qualification': {
    expected: CERT,
    path: declaration('/qualification'),
    body: qualification(),
  },
  'POST /api/v1/declarations/:id/support-requests': {
    expected: DECLARANT_OR_ADMIN,
    path: declaration('/support-requests'),
    body: { reason: 'Help.' },
  },
  'POST /api/v1/declarations/:id/support-interventions': {
    expected: CERT,
    path: declaration('/support-interventions'),
    body: { kind: 'REMOTE_ADVICE', summary: 'Called.' },
  },
  'POST /api/v1/declarations/:id/resolution': {
    expected: OWN_FACILITY,
    path: declaration('/resolution'),
    body: { resolvedAt: '2026-03-02T10:00:00+01:00', summary: 'Restored.' },
  },
  'POST /api/v1/declarations/:id/closure': {
    expected: CERT,
    path: declaration('/closure'),
    body: { reason: 'Done.' },
  },
  'POST /api/v1/declarations/:id/reopening': {
    expected: CERT,
    prepare: (api, fixture, admin) => post(api, declaration('/closure')(fixture), admin, { reason: 'Done.' }),
    path: declaration('/reopening'),
    body: { reason: 'Not done.' },
  },
  'GET /api/v1/deadlines': { expected: ANY_TOKEN, path: () => '/api/v1/deadlines' },
  'GET /api/v1/declarations/:id/clocks': { expected: OWN_FACILITY, path: declaration('/clocks') },
  'POST /api/v1/declarations/:id/reports': {
    expected: DECLARANT_OR_ADMIN,
    declared: NIS2,
    path: declaration('/reports'),
    body: { stage: 'NOTIFICATION', content: 'First report.' },
  },
  'POST /api/v1/declarations/:id/intermediate-report-requests': {
    expected: CERT,
    declared: NIS2,
    path: declaration('/intermediate-report-requests'),
    body: { dueAt: '2026-04-01T10:00:00+02:00', reason: 'Where are you?' },
  },
  'POST /api/v1/declarations/:id/cnil-notification': {
    expected: DECLARANT_OR_ADMIN,
    path: declaration('/cnil-notification'),
    body: { notifiedAt: '2026-03-02T10:00:00+01:00', reference: 'CNIL-2026-1' },
  },
  'POST /api/v1/declarations/:id/authority-notices': {
    expected: CERT,
    path: declaration('/authority-notices'),
    body: { authority: 'ARS', informedAt: '2026-03-02T10:00:00+01:00', reference: 'ARS-1' },
  },
  'POST /api/v1/declarations/:id/regulatory-status': {
    expected: CERT,
    path: declaration('/regulatory-status'),
    body: { nis2: 'ESSENTIAL' },
  },
  'GET /api/v1/reports/annual/:year': { expected: CERT, path: () => '/api/v1/reports/annual/2026' },
  'POST /api/v1/reports/annual/:year/publications': {
    expected: CERT_CREATES,
    path: () => '/api/v1/reports/annual/2026/publications',
    body: { note: 'March.' },
  },
  'GET /api/v1/reports/annual/:year/publications': {
    expected: CERT,
    path: () => '/api/v1/reports/annual/2026/publications',
  },
  'GET /api/v1/reports/annual/:year/publications/:id': {
    expected: CERT,
    path: (fixture) => `/api/v1/reports/annual/2026/publications/${fixture.publicationId}`,
  },
  'GET /api/v1/users': { expected: ADMIN_ONLY, path: () => '/api/v1/users' },
  'GET /api/v1/users/:id': { expected: ADMIN_ONLY, path: (fixture) => `/api/v1/users/${fixture.userId}` },
  'POST /api/v1/users': {
    expected: ADMIN_CREATES,
    path: () => '/api/v1/users',
    body: { email: 'matrix@ch-x.example', name: 'Matrix', role: 'analyst' },
  },
  'POST /api/v1/users/:id/grants': {
    expected: ADMIN_ONLY,
    path: (fixture) => `/api/v1/users/${fixture.userId}/grants`,
    body: { role: 'analyst' },
  },
  'POST /api/v1/users/:id/revocations': {
    expected: ADMIN_ONLY,
    path: (fixture) => `/api/v1/users/${fixture.userId}/revocations`,
    body: { role: 'analyst' },
  },
  'POST /api/v1/users/:id/disable': {
    expected: ADMIN_ONLY,
    path: (fixture) => `/api/v1/users/${fixture.userId}/disable`,
    body: { reason: 'Matrix.' },
  },
  'POST /api/v1/users/:id/enable': {
    expected: ADMIN_ONLY,
    path: (fixture) => `/api/v1/users/${fixture.userId}/enable`,
  },
  // No local accounts in this app: the administrator gets the 404 of a user without one.
  'POST /api/v1/users/:id/activation-link': {
    expected: [401, 401, 401, 403, 403, 403, 200],
    path: (fixture) => `/api/v1/users/${fixture.userId}/activation-link`,
  },
  'GET /api/v1/me/tokens': { expected: ANY_TOKEN, path: () => '/api/v1/me/tokens' },
  'POST /api/v1/me/tokens': {
    expected: ANY_TOKEN_CREATES,
    path: () => '/api/v1/me/tokens',
    body: { label: 'Matrix' },
  },
  'DELETE /api/v1/me/tokens/:id': {
    expected: ANY_TOKEN_NOT_FOUND,
    path: () => '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000',
  },
  'GET /api/v1/reports/annual/:year/publications/:id/restatements': {
    expected: CERT,
    path: (fixture) => `/api/v1/reports/annual/2026/publications/${fixture.publicationId}/restatements`,
  },
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The routes Express serves, as `METHOD /path` (HEAD, which Express derives from GET, aside). */
function servedRoutes(api: TestApi): string[] {
  const express = api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack.flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
  );
}

describe('the access-control matrix', () => {
  let api: TestApi;
  let tokens: Record<Identity, Record<string, string>>;
  let admin: Record<string, string>;
  let publicationId: string;
  let userId: string;
  const seen: string[] = [];

  beforeAll(async () => {
    // The web application's pages, without a build: the same answer on every machine.
    process.env.VIGIE_WEB_DIR = join(tmpdir(), 'vigie-no-web-build');
    try {
      api = await TestApi.start({}, { clock: fixedClock() });
    } finally {
      delete process.env.VIGIE_WEB_DIR;
    }
    await loadDocument(api);
    const secret = new TextEncoder().encode(api.config.jwtSecret);
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ role: 'admin', finess: [] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('admin-expired')
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(secret);
    const forged = await new SignJWT({ role: 'admin', finess: [] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('admin-forged')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-that-is-not-the-servers-one-at-all'));
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
    tokens = {
      none: {},
      expired: bearer(expired),
      badSignature: bearer(forged),
      ownDeclarant: bearer(await api.token({ role: 'declarant', sub: 'rssi-own', finess: [FINESS] })),
      otherDeclarant: bearer(
        await api.token({ role: 'declarant', sub: 'rssi-other', finess: [OTHER_FINESS] }),
      ),
      analyst: bearer(await api.token({ role: 'analyst', sub: 'analyst-1' })),
      admin,
    };
    publicationId = (
      await api.http.post('/api/v1/reports/annual/2026/publications').set(admin).send({}).expect(201)
    ).body.id;
    userId = (
      await api.http
        .post('/api/v1/users')
        .set(admin)
        .send({ email: 'declarant@ch-x.example', name: 'Declarant', role: 'declarant', finess: [FINESS] })
        .expect(201)
    ).body.user.id;
  });
  afterAll(async () => {
    console.log(`access matrix: ${seen.length} route × identity cells checked`);
    await api.stop();
  });

  it('lists every route the app serves, and only those', () => {
    expect(servedRoutes(api).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  describe.each(Object.entries(MATRIX))('%s', (route, scenario) => {
    it.each(IDENTITIES.map((identity, index) => [identity, index] as const))(
      '%s',
      async (identity, index) => {
        const fixture: Fixture = {
          declarationId: (
            await api.http
              .post('/api/v1/declarations')
              .set(admin)
              .send(scenario.declared ?? submission())
              .expect(201)
          ).body.id,
          publicationId,
          userId,
        };
        await scenario.prepare?.(api, fixture, admin);
        // Reads below pass no minPosition; on PostgreSQL the projector is not always there yet.
        await api.readModelsCaughtUp();
        const [method] = route.split(' ');
        const path = scenario.path(fixture);
        const call =
          method === 'POST'
            ? api.http.post(path)
            : method === 'DELETE'
              ? api.http.delete(path)
              : api.http.get(path);
        const response: Response = await (scenario.body === undefined
          ? call.set(tokens[identity])
          : call.set(tokens[identity]).send(scenario.body));
        seen.push(`${route} ${identity}`);
        expect({ identity, status: response.status }).toEqual({ identity, status: scenario.expected[index] });
        // Whatever the identity, the answer is one the OpenAPI document describes for this route
        // (the document's own routes, /docs…, and the web application's pages are served beside it).
        const page = route === 'GET /.*/';
        if (!route.startsWith('GET /docs') && !page) conformsToDocument(response);
        // A page answers HTML, even "no build yet"; everything else answers problem+json.
        if (response.status >= 400 && !page) {
          expect(
            problemDefect({
              status: response.status,
              headers: new Headers(response.headers as Record<string, string>),
              text: response.text,
              json: response.body,
            }),
          ).toBeNull();
        }
        if (response.status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
      },
    );
  });
});
