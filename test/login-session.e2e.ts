import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CookieJar, navigate, submitForm, type Step } from './support/browserless-login';
import { startExternalProvider, type ExternalProvider } from './support/external-provider';
import { FINESS, OTHER_FINESS, ON_SQLITE, TestApi, bearer, freePort, submission } from './support/vigie-api';

const CAMILLE = {
  sub: 'proconnect-7f3a9c',
  email: 'Camille.Martin@ch-exemple.fr',
  given_name: 'Camille',
  usual_name: 'Martin',
  uid: '7f3a9c',
  siret: '26750045200011',
};
const STRANGER = { ...CAMILLE, sub: 'proconnect-unknown', email: 'someone@else.example', uid: 'x' };

/** A clock the test moves: sessions end by it. */
const clock = { now: Date.now() };

describe('Browser login through an external OpenID provider (ProConnect-style), sessions and CSRF', () => {
  let api: TestApi & { url: string };
  let provider: ExternalProvider;
  let admin: Record<string, string>;
  let camilleId: string;

  const session = (jar: CookieJar): string | undefined => jar.get(new URL(api.url).host, 'vigie_session');

  /** The whole login: Vigie's redirect, the provider's form and consent, the callback. */
  async function logIn(sub: string, returnTo = '/compte'): Promise<{ jar: CookieJar; landing: Step }> {
    const jar = new CookieJar();
    const form = await navigate(
      jar,
      new URL(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, api.url),
    );
    const consent = await submitForm(jar, form, { login: sub, password: 'any' });
    const landing = await submitForm(jar, consent, {});
    return { jar, landing };
  }

  const withSession = (jar: CookieJar): Record<string, string> => ({ cookie: jar.header(new URL(api.url)) });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers checked field by field
  type Json = any;
  const json = (response: Response): Promise<Json> => response.json();
  async function me(jar: CookieJar): Promise<Response> {
    return fetch(new URL('/api/v1/me', api.url), { headers: withSession(jar) });
  }

  beforeAll(async () => {
    // The provider must know Vigie's callback before Vigie knows the provider: the port is chosen first.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    provider = await startExternalProvider([CAMILLE, STRANGER], url);
    api = await TestApi.listening(
      {
        ...ON_SQLITE,
        PORT: String(port),
        VIGIE_PUBLIC_URL: url,
        VIGIE_LOGIN_ISSUER: provider.issuer,
        VIGIE_LOGIN_CLIENT_ID: provider.clientId,
        VIGIE_LOGIN_CLIENT_SECRET: provider.clientSecret,
        VIGIE_LOGIN_SCOPES: 'openid email profile uid siret',
        VIGIE_SESSION_IDLE_MINUTES: '30',
      },
      { clock: () => new Date(clock.now) },
    );
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-alain' }));
    const invited = await api.http
      .post('/api/v1/users')
      .set(admin)
      .send({ email: CAMILLE.email, name: 'Camille Martin', role: 'declarant', finess: [FINESS] })
      .expect(201);
    camilleId = invited.body.user.id;
  });

  afterAll(async () => {
    await api?.stop();
    await provider?.close();
  });

  it('binds the first login of an invited e-mail to the user, and the session acts with their grants only', async () => {
    const { jar, landing } = await logIn(CAMILLE.sub);
    expect(landing.url.pathname).toBe('/compte');
    expect(session(jar)).toBeDefined();
    const answer = await me(jar);
    expect(answer.status).toBe(200);
    const body = await json(answer);
    expect(body).toMatchObject({
      user: { id: camilleId, name: 'Camille Martin' },
      roles: ['declarant'],
      finess: [FINESS],
    });
    expect(body.user.email).toBe(CAMILLE.email);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The log names nobody: the provider's sub and the e-mail appear nowhere in clear.
    const events = new Database(join(api.config.dataDir, 'events.sqlite'), { readonly: true });
    const raw = events
      .prepare('SELECT * FROM events')
      .all()
      .map((row) => JSON.stringify(row))
      .join('\n');
    events.close();
    expect(raw).toContain('LoginBound');
    expect(raw).not.toContain(CAMILLE.sub);
    expect(raw.toLowerCase()).not.toContain(CAMILLE.email.toLowerCase());
  });

  it('finds the same user at the next login, without binding again', async () => {
    await logIn(CAMILLE.sub);
    const { jar } = await logIn(CAMILLE.sub);
    expect((await json(await me(jar))).user.id).toBe(camilleId);
    const history = await api.http.get(`/api/v1/users/${camilleId}`).set(admin).expect(200);
    expect(history.body.logins).toBe(1);
  });

  it('sends a person nobody invited to the "ask your CERT" page, with no session and no role', async () => {
    const { jar, landing } = await logIn(STRANGER.sub);
    expect(landing.url.pathname).toBe('/acces-refuse');
    expect(session(jar)).toBeUndefined();
  });

  it('refuses a callback whose state was not started in this browser', async () => {
    const jar = new CookieJar();
    const form = await navigate(jar, new URL('/auth/login', api.url));
    const consent = await submitForm(jar, form, { login: CAMILLE.sub, password: 'any' });
    const callback = await submitForm(
      jar,
      consent,
      {},
      { stopAt: (url) => url.pathname === '/auth/callback' },
    );
    expect(callback.url.searchParams.get('state')).not.toBeNull();
    // The same callback URL opened by another browser, which never started this login.
    const elsewhere = await navigate(new CookieJar(), callback.url);
    expect(elsewhere.url.pathname).toBe('/connexion');
    expect(elsewhere.url.searchParams.get('erreur')).toBe('connexion-expiree');
    // Nor does it work afterwards in the browser that started it: a state is used once.
    const replayed = await navigate(jar, callback.url);
    expect(replayed.url.searchParams.get('erreur')).toBe('connexion-expiree');
  });

  describe('a state-changing request with the session cookie', () => {
    let jar: CookieJar;
    let csrfToken: string;
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/api/v1/declarations', api.url), {
        method: 'POST',
        headers: { ...withSession(jar), 'content-type': 'application/json', ...headers },
        body: JSON.stringify(submission()),
      });

    beforeAll(async () => {
      jar = (await logIn(CAMILLE.sub)).jar;
      csrfToken = (await json(await me(jar))).csrfToken;
    });

    it('is refused without the CSRF token, with a wrong one, from another origin or another site', async () => {
      const origin = new URL(api.url).origin;
      const attempts: Record<string, string>[] = [
        { origin },
        { origin, 'x-csrf-token': 'A'.repeat(43) },
        { origin: 'https://evil.example', 'x-csrf-token': csrfToken },
        { 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrfToken },
        { 'sec-fetch-site': 'same-site', 'x-csrf-token': csrfToken },
      ];
      for (const headers of attempts) {
        const answer = await post(headers);
        expect([answer.status, headers]).toEqual([403, headers]);
        expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
      expect(
        (
          await api.http
            .get('/api/v1/declarations')
            .set(admin)
            .query(await api.caughtUp())
        ).body.items,
      ).toEqual([]);
    });

    it('passes from this site with its token, and records the user id as the actor', async () => {
      const answer = await post({
        origin: new URL(api.url).origin,
        'sec-fetch-site': 'same-origin',
        'x-csrf-token': csrfToken,
      });
      expect(answer.status).toBe(201);
      const { id } = await json(answer);
      const history = await api.http
        .get(`/api/v1/declarations/${id}/history`)
        .set(admin)
        .query(await api.caughtUp());
      expect(JSON.stringify(history.body)).toContain(camilleId);
      expect(JSON.stringify(history.body)).not.toContain(CAMILLE.sub);
    });

    it('feels a revoked grant on the very next request', async () => {
      await api.http
        .post(`/api/v1/users/${camilleId}/grants`)
        .set(admin)
        .send({ role: 'declarant', finess: [OTHER_FINESS] })
        .expect(200);
      await api.readModelsCaughtUp();
      expect((await json(await me(jar))).finess).toEqual([FINESS, OTHER_FINESS].sort());
      await api.http
        .post(`/api/v1/users/${camilleId}/revocations`)
        .set(admin)
        .send({ role: 'declarant', finess: [FINESS, OTHER_FINESS] })
        .expect(200);
      await api.readModelsCaughtUp();
      // "What may I do": nothing; everything else answers 403.
      expect(await json(await me(jar))).toMatchObject({ roles: [], finess: [] });
      const list = await fetch(new URL('/api/v1/declarations', api.url), { headers: withSession(jar) });
      expect([list.status, (await json(list)).type]).toEqual([
        403,
        'https://vigie.example/problems/no-access',
      ]);
      await api.http
        .post(`/api/v1/users/${camilleId}/grants`)
        .set(admin)
        .send({ role: 'declarant', finess: [FINESS] })
        .expect(200);
      await api.readModelsCaughtUp();
      expect((await me(jar)).status).toBe(200);
    });
  });

  it('ends a session left unused past the idle timeout, and one past its absolute limit', async () => {
    const { jar } = await logIn(CAMILLE.sub);
    clock.now += 29 * 60_000;
    expect((await me(jar)).status).toBe(200);
    clock.now += 31 * 60_000;
    const ended = await me(jar);
    expect(ended.status).toBe(401);
    expect((await json(ended)).detail).toMatch(/session has ended/);
    const second = await logIn(CAMILLE.sub);
    // Used every 29 minutes: never idle, but 12 hours after the login it ends all the same.
    for (let step = 0; step < 24; step++) {
      clock.now += 29 * 60_000;
      expect((await me(second.jar)).status).toBe(200);
    }
    clock.now += 25 * 60_000;
    expect((await me(second.jar)).status).toBe(401);
  });

  it('logs out here and at the provider: the cookie no longer opens anything', async () => {
    const { jar } = await logIn(CAMILLE.sub);
    const { csrfToken } = await json(await me(jar));
    const refused = await fetch(new URL('/auth/logout', api.url), {
      method: 'POST',
      headers: { ...withSession(jar), origin: 'https://evil.example', 'x-csrf-token': csrfToken },
    });
    expect(refused.status).toBe(403);
    expect((await me(jar)).status).toBe(200);
    const cookie = withSession(jar);
    const answer = await fetch(new URL('/auth/logout', api.url), {
      method: 'POST',
      headers: { ...cookie, origin: new URL(api.url).origin, 'x-csrf-token': csrfToken },
    });
    expect(answer.status).toBe(200);
    const { redirectTo } = await json(answer);
    expect(redirectTo.startsWith(`${provider.issuer}/session/end`)).toBe(true);
    expect(new URL(redirectTo).searchParams.get('post_logout_redirect_uri')).toBe(`${api.url}/`);
    expect((await fetch(new URL('/api/v1/me', api.url), { headers: cookie })).status).toBe(401);
  });
});
