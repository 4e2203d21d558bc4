import type { NestExpressApplication } from '@nestjs/platform-express';
import { totpCode, type LocalAccounts } from '@vigie/identity';
import { createServer } from 'node:net';
import * as client from 'openid-client';
import { LOCAL_ACCOUNTS } from '../apps/api/src/identity/identity.tokens';
import { embeddedClientSecret } from '../apps/api/src/identity/embedded-provider/embedded-client';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { TestApi, bearer } from './support/vigie-api';

const PASSWORD = 'un mot de passe assez long';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A browser, as far as the provider can tell: a cookie jar, redirects followed by hand. */
class Browser {
  private readonly cookies = new Map<string, string>();
  /** Every Set-Cookie received, as sent. */
  readonly setCookies: string[] = [];

  constructor(private readonly origin: string) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(new URL(url, this.origin), { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      this.setCookies.push(cookie);
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((attribute) => /expires=thu, 01 jan 1970/i.test(attribute.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  /** Follows redirects until a page (2xx/4xx) or the client's callback, which it returns unvisited. */
  async follow(response: Response, callback: string): Promise<{ page?: Response; callbackUrl?: URL }> {
    let current = response;
    for (let hop = 0; hop < 10; hop++) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || location === null) return { page: current };
      const next = new URL(location, this.origin);
      if (next.href.startsWith(callback)) return { callbackUrl: next };
      current = await this.request(next.href);
    }
    throw new Error('too many redirects');
  }

  post(url: string, fields: Record<string, string>, origin = this.origin): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

const formAction = (html: string): string => {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (match === null) throw new Error(`no form in\n${html.slice(0, 2000)}`);
  return match[1].replace(/&amp;/g, '&');
};

describe('the embedded OpenID provider', () => {
  let api: TestApi;
  let origin: string;
  let callback: string;
  let accounts: LocalAccounts;
  let server: client.Configuration;
  /** The accounts' clock (lock-out, TOTP) runs ahead of the real one by this much. */
  let offset = 0;
  const now = (): Date => new Date(Date.now() + offset);

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    callback = `${origin}/auth/callback`;
    api = await TestApi.start({ PORT: String(port), VIGIE_PUBLIC_URL: origin }, { clock: now });
    await (api.app as NestExpressApplication).listen(port, '127.0.0.1');
    accounts = api.app.get<LocalAccounts>(LOCAL_ACCOUNTS);
    server = await client.discovery(
      new URL(`${origin}/oidc`),
      'vigie-web',
      embeddedClientSecret(api.config),
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    await loadDocument(api);
  });
  afterAll(() => api.stop());

  /** An invited account, activated through the public route. */
  async function activatedAccount(email: string, userId: string, totpRequired: boolean): Promise<string> {
    const { accountId, token } = await accounts.create({
      email,
      displayName: 'Jeanne Martin',
      userId,
      totpRequired,
    });
    await api.http
      .post('/api/v1/local-accounts/activation')
      .send({ token, password: PASSWORD })
      .expect(204)
      .expect(conformsToDocument);
    return accountId;
  }

  interface Login {
    browser: Browser;
    page: Response;
    html: string;
    verifier: string;
    state: string;
    nonce: string;
  }

  /** Up to the login form: authorization request with PKCE S256, state and nonce. */
  async function startLogin(): Promise<Login> {
    const browser = new Browser(origin);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(server, {
      redirect_uri: callback,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const { page } = await browser.follow(await browser.request(url.href), callback);
    expect(page?.status).toBe(200);
    const html = await page!.text();
    return { browser, page: page!, html, verifier, state, nonce };
  }

  async function submit(
    login: Login,
    fields: Record<string, string>,
  ): Promise<{ html?: string; callbackUrl?: URL }> {
    const response = await login.browser.post(formAction(login.html), fields);
    const { page, callbackUrl } = await login.browser.follow(response, callback);
    if (callbackUrl !== undefined) return { callbackUrl };
    const html = await page!.text();
    login.html = html;
    return { html };
  }

  async function tokensOf(login: Login, callbackUrl: URL) {
    return client.authorizationCodeGrant(server, callbackUrl, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
  }

  it('a declarant activates the account, logs in and gets an ID token naming the account and its e-mail', async () => {
    const accountId = await activatedAccount('Declarante@CH-X.example', 'user-declarant', false);
    const login = await startLogin();
    expect(login.html).toContain('<html lang="fr"');
    expect(login.html).toContain('autocomplete="current-password"');
    expect(login.html).toContain('href="/dsfr/dsfr.min.css"');
    expect(login.html).not.toMatch(/<script|style=/);
    expect(login.page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const { callbackUrl } = await submit(login, { email: 'declarante@ch-x.example', password: PASSWORD });
    expect(callbackUrl).toBeDefined();
    const tokens = await tokensOf(login, callbackUrl!);
    expect(tokens.claims()).toMatchObject({
      sub: accountId,
      email: 'declarante@ch-x.example',
      email_verified: true,
      name: 'Jeanne Martin',
      iss: `${origin}/oidc`,
      aud: 'vigie-web',
    });
    // The provider's cookies cannot be Secure on http://127.0.0.1; the session's stays under /oidc.
    const session = login.browser.setCookies.find((cookie) => cookie.startsWith('_session='));
    expect(session).toMatch(/; path=\/oidc;.*samesite=lax; httponly/);
    for (const cookie of login.browser.setCookies) expect(cookie).not.toMatch(/; secure/i);
    const userinfo = await client.fetchUserInfo(server, tokens.access_token, accountId);
    expect(userinfo.email).toBe('declarante@ch-x.example');
  });

  it('a wrong password gets the same form back, saying neither which nor whether the e-mail exists', async () => {
    await activatedAccount('wrong@ch-x.example', 'user-wrong', false);
    const login = await startLogin();
    const wrong = await submit(login, { email: 'wrong@ch-x.example', password: 'not the right password' });
    expect(wrong.html).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(wrong.html).toContain('aria-describedby="login-error"');
    const unknown = await submit(login, { email: 'nobody@ch-x.example', password: 'not the right password' });
    expect(unknown.html).toContain('Adresse électronique ou mot de passe incorrect.');
    const right = await submit(login, { email: 'wrong@ch-x.example', password: PASSWORD });
    expect(right.callbackUrl).toBeDefined();
  });

  it('speaks English when asked, and refuses a post from another origin', async () => {
    const login = await startLogin();
    const english = await login.browser.request(`${login.page.url}?lang=en`);
    expect(await english.text()).toContain('<html lang="en"');
    const foreign = await login.browser.post(
      formAction(login.html),
      { email: 'a@b.example', password: 'x' },
      'https://evil.example',
    );
    expect(foreign.status).toBe(403);
    const large = await login.browser.post(formAction(login.html), {
      email: 'a@b.example',
      password: 'x'.repeat(5000),
    });
    expect(large.status).toBe(413);
    const json = await login.browser.request(formAction(login.html), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ email: 'a@b.example', password: 'x' }),
    });
    expect(json.status).toBe(415);
  });

  it('refuses an account not activated yet, telling to use the activation link', async () => {
    await accounts.create({
      email: 'pending@ch-x.example',
      displayName: 'P',
      userId: 'user-pending',
      totpRequired: false,
    });
    const login = await startLogin();
    const { html } = await submit(login, { email: 'pending@ch-x.example', password: PASSWORD });
    expect(html).toContain('lien d’activation');
  });

  it('an analyst enrols TOTP at the first login, then logs in with a code; a code is used once', async () => {
    const accountId = await activatedAccount('analyste@cert.example', 'user-analyst', true);
    const first = await startLogin();
    const enrol = await submit(first, { email: 'analyste@cert.example', password: PASSWORD });
    expect(enrol.html).toContain('autocomplete="one-time-code"');
    const secret = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(enrol.html!)?.[1].replace(/ /g, '');
    expect(enrol.html).toMatch(/otpauth:\/\/totp\/Vigie:analyste%40cert\.example\?/);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrongCode = await submit(first, { code: '000000' });
    expect(wrongCode.html).toContain('Code incorrect');
    const code = totpCode(secret!, now());
    const enrolled = await submit(first, { code });
    const tokens = await tokensOf(first, enrolled.callbackUrl!);
    expect(tokens.claims()).toMatchObject({
      sub: accountId,
      email: 'analyste@cert.example',
      amr: ['pwd', 'otp'],
    });

    const second = await startLogin();
    const ask = await submit(second, { email: 'analyste@cert.example', password: PASSWORD });
    expect(ask.html).toContain('Code de vérification');
    expect(ask.html).not.toContain('totp-secret');
    const replayed = await submit(second, { code });
    expect(replayed.html).toContain('Code incorrect ou déjà utilisé.');
    offset += 30_000;
    const next = await submit(second, { code: totpCode(secret!, now()) });
    expect((await tokensOf(second, next.callbackUrl!)).claims()?.sub).toBe(accountId);
  });

  it('refuses PKCE without S256, and an authorization request without PKCE', async () => {
    const browser = new Browser(origin);
    const verifier = client.randomPKCECodeVerifier();
    const cases: Record<string, string>[] = [
      { code_challenge: verifier, code_challenge_method: 'plain' },
      {},
    ];
    for (const pkce of cases) {
      const url = client.buildAuthorizationUrl(server, {
        redirect_uri: callback,
        scope: 'openid',
        state: 's',
        ...pkce,
      });
      const response = await browser.request(url.href);
      const location = new URL(response.headers.get('location') ?? '', origin);
      expect(location.href.startsWith(callback)).toBe(true);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('the token endpoint takes its form-encoded body past the API JSON parser', async () => {
    const response = await fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'unknown',
        redirect_uri: callback,
        client_id: 'vigie-web',
        client_secret: embeddedClientSecret(api.config),
        code_verifier: client.randomPKCECodeVerifier(),
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  describe('my account', () => {
    let auth: { Authorization: string };

    beforeAll(async () => {
      await activatedAccount('moi@ch-x.example', 'user-me', false);
      auth = bearer(await api.token({ role: 'declarant', sub: 'user-me' }));
    });

    it('shows the caller its account, 404 for someone without one', async () => {
      const { body } = await api.http
        .get('/api/v1/me/local-account')
        .set(auth)
        .expect(200)
        .expect(conformsToDocument);
      expect(body).toEqual({
        email: 'moi@ch-x.example',
        activated: true,
        totpRequired: false,
        totpEnrolled: false,
        lockedUntil: null,
      });
      const stranger = bearer(await api.token({ role: 'analyst', sub: 'user-nobody' }));
      await api.http.get('/api/v1/me/local-account').set(stranger).expect(404).expect(conformsToDocument);
      await api.http.get('/api/v1/me/local-account').expect(401).expect(conformsToDocument);
    });

    it('changes the password with the current one: 403 when wrong, 400 naming newPassword for the policy', async () => {
      const wrong = await api.http
        .post('/api/v1/me/password')
        .set(auth)
        .send({ currentPassword: 'not it', newPassword: 'un autre mot de passe long' })
        .expect(403)
        .expect(conformsToDocument);
      expect(wrong.body.type).toMatch(/wrong-password$/);
      const weak = await api.http
        .post('/api/v1/me/password')
        .set(auth)
        .send({ currentPassword: PASSWORD, newPassword: 'moi-court' })
        .expect(400)
        .expect(conformsToDocument);
      expect(weak.body.errors).toEqual([{ field: 'newPassword', message: expect.stringContaining('12') }]);
      const withEmail = await api.http
        .post('/api/v1/me/password')
        .set(auth)
        .send({ currentPassword: PASSWORD, newPassword: 'moi et mon mot de passe' })
        .expect(400)
        .expect(conformsToDocument);
      expect(withEmail.body.errors).toEqual([
        { field: 'newPassword', message: expect.stringContaining('e-mail') },
      ]);
      await api.http
        .post('/api/v1/me/password')
        .set(auth)
        .send({ currentPassword: PASSWORD, newPassword: 'un autre mot de passe long' })
        .expect(204)
        .expect(conformsToDocument);
      expect(await accounts.checkPassword('moi@ch-x.example', 'un autre mot de passe long')).toMatchObject({
        outcome: 'ok',
      });
      await api.http
        .post('/api/v1/me/password')
        .set(auth)
        .send({ newPassword: 1 })
        .expect(400)
        .expect(conformsToDocument);
    });

    it('enrols TOTP: a secret, then a code confirms it (400 for a wrong one)', async () => {
      const { body } = await api.http
        .post('/api/v1/me/totp')
        .set(auth)
        .expect(200)
        .expect(conformsToDocument);
      expect(body.otpauthUri).toContain(`secret=${body.secret}`);
      const wrong = await api.http
        .post('/api/v1/me/totp/confirmation')
        .set(auth)
        .send({ code: '000000' })
        .expect(400)
        .expect(conformsToDocument);
      expect(wrong.body.errors[0].field).toBe('code');
      await api.http
        .post('/api/v1/me/totp/confirmation')
        .set(auth)
        .send({ code: 'abc' })
        .expect(400)
        .expect(conformsToDocument);
      await api.http
        .post('/api/v1/me/totp/confirmation')
        .set(auth)
        .send({ code: totpCode(body.secret, now()) })
        .expect(204)
        .expect(conformsToDocument);
      const after = await api.http.get('/api/v1/me/local-account').set(auth).expect(200);
      expect(after.body.totpEnrolled).toBe(true);
    });

    it('activation: 410 for an unknown or used token, 400 naming password for the policy', async () => {
      const { token } = await accounts.create({
        email: 'nouvelle@ch-x.example',
        displayName: 'N',
        userId: 'user-new',
        totpRequired: false,
      });
      const weak = await api.http
        .post('/api/v1/local-accounts/activation')
        .send({ token, password: 'nouvelle-123456' })
        .expect(400)
        .expect(conformsToDocument);
      expect(weak.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
      await api.http
        .post('/api/v1/local-accounts/activation')
        .send({ token, password: PASSWORD })
        .expect(204);
      const used = await api.http
        .post('/api/v1/local-accounts/activation')
        .send({ token, password: PASSWORD })
        .expect(410)
        .expect(conformsToDocument);
      expect(used.body.type).toMatch(/activation-expired$/);
      await api.http
        .post('/api/v1/local-accounts/activation')
        .send({ token: 'x'.repeat(43), password: PASSWORD })
        .expect(410)
        .expect(conformsToDocument);
      await api.http
        .post('/api/v1/local-accounts/activation')
        .send({ password: PASSWORD })
        .expect(400)
        .expect(conformsToDocument);
    });
  });

  it('logs out on a confirmation page in the same look, then back to the web app', async () => {
    await activatedAccount('depart@ch-x.example', 'user-logout', false);
    const login = await startLogin();
    const { callbackUrl } = await submit(login, { email: 'depart@ch-x.example', password: PASSWORD });
    const tokens = await tokensOf(login, callbackUrl!);
    const endSession = client.buildEndSessionUrl(server, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${origin}/`,
    });
    const confirmation = await login.browser.request(endSession.href);
    expect(confirmation.status).toBe(200);
    const html = await confirmation.text();
    expect(html).toContain('Se déconnecter de Vigie ?');
    expect(html).not.toMatch(/<script|style=/);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    const done = await login.browser.post(action, { xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${origin}/`);
    // The session is gone: a new login asks for the password again.
    const again = await startLogin();
    expect(again.html).toContain('autocomplete="current-password"');
  });

  it('locks the account after 5 failures, refusing even the right password, and unlocks 15 minutes later', async () => {
    await activatedAccount('verrou@ch-x.example', 'user-lock', false);
    const login = await startLogin();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const { html } = await submit(login, {
        email: 'verrou@ch-x.example',
        password: `wrong password ${attempt}`,
      });
      expect(html).toContain('Adresse électronique ou mot de passe incorrect.');
    }
    const fifth = await submit(login, { email: 'verrou@ch-x.example', password: 'wrong password 5' });
    expect(fifth.html).toMatch(/Compte verrouillé après plusieurs échecs : réessayez après \d\d:\d\d\./);
    const right = await submit(login, { email: 'verrou@ch-x.example', password: PASSWORD });
    expect(right.html).toContain('Compte verrouillé');
    const locked = await api.http
      .get('/api/v1/me/local-account')
      .set(bearer(await api.token({ role: 'declarant', sub: 'user-lock' })))
      .expect(200)
      .expect(conformsToDocument);
    expect(locked.body.lockedUntil).toEqual(expect.any(String));
    offset += 15 * 60_000;
    const later = await submit(login, { email: 'verrou@ch-x.example', password: PASSWORD });
    expect(later.callbackUrl).toBeDefined();
  });

  it('keeps its sessions and signing key across a restart (state in the identity database)', async () => {
    await activatedAccount('reste@ch-x.example', 'user-restart', false);
    const login = await startLogin();
    const { callbackUrl } = await submit(login, { email: 'reste@ch-x.example', password: PASSWORD });
    expect(callbackUrl).toBeDefined();
    const keys: unknown = await fetch(`${origin}/oidc/jwks`).then((response) => response.json());
    const port = new URL(origin).port;
    await api.stop({ removeData: false });
    api = await TestApi.start(
      { PORT: port, VIGIE_PUBLIC_URL: origin, VIGIE_DATA_DIR: api.config.dataDir },
      { clock: now },
    );
    await (api.app as NestExpressApplication).listen(Number(port), '127.0.0.1');
    accounts = api.app.get<LocalAccounts>(LOCAL_ACCOUNTS);
    expect(await fetch(`${origin}/oidc/jwks`).then((response) => response.json())).toEqual(keys);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(server, {
      redirect_uri: callback,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'after-restart',
    });
    const resumed = await login.browser.follow(await login.browser.request(url.href), callback);
    expect(resumed.callbackUrl?.searchParams.get('code')).toEqual(expect.any(String));
  });
});

describe('with an external provider', () => {
  it('mounts no embedded provider', async () => {
    const api = await TestApi.start({
      VIGIE_LOGIN_ISSUER: 'https://idp.example/realms/vigie',
      VIGIE_LOGIN_CLIENT_ID: 'vigie',
      VIGIE_LOGIN_CLIENT_SECRET: 'a-secret-of-the-external-provider',
    });
    try {
      await api.http.get('/oidc/.well-known/openid-configuration').expect(404);
      await api.http.get('/oidc/interaction/anything').expect(404);
    } finally {
      await api.stop();
    }
  });
});
