/// <reference lib="dom" />
import { totpCode } from '@vigie/identity';
import type { Browser, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DESKTOP, PHONE, expectNoAxeViolations, launchBrowser, screenshot } from './browser';
import { PASSWORD, inviteUser, logIn, typeCredentials } from './login';
import { startWebApi, type WebApi } from './web-api';

/** The clock of the API under test: sessions and lock-outs end by it. */
const clock = { offsetMs: 0 };

describe('Logging in with a local account of the embedded provider, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebApi({}, undefined, { clock: () => new Date(Date.now() + clock.offsetMs) }),
      launchBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });
  afterEach(() => {
    clock.offsetMs = 0;
  });

  const newPage = async (viewport = DESKTOP): Promise<Page> =>
    (await browser.newContext({ viewport, locale: 'fr-FR' })).newPage();

  /** The page's one `<h1>`, once the page has loaded. */
  const heading = async (page: Page): Promise<string> => {
    await page.waitForLoadState('networkidle');
    return (await page.locator('h1').innerText()).trim();
  };

  const me = (page: Page) => page.evaluate(() => fetch('/api/v1/me').then((answer) => answer.status));

  it('logs a declarant in with the password: the provider’s page passes axe at both widths, the home shows the facility', async () => {
    const user = await inviteUser(web, 'declarant');
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(viewport);
      await page.goto(`${web.url}/auth/login`);
      await page.waitForLoadState('networkidle');
      expect(await heading(page)).toBe('Connexion à Vigie');
      await expectNoAxeViolations(page, `the login page at ${viewport.width} px`);
      await page.context().close();
    }
    const page = await newPage();
    await page.goto(`${web.url}/`);
    await page
      .getByRole('link', { name: /Se connecter/ })
      .first()
      .click();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'login-page');
    await typeCredentials(page, user.email, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    await page.getByText('750712184').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await me(page)).toBe(200);
  });

  it('asks an analyst to enrol a second factor at the first login, then for a code at each', async () => {
    const user = await inviteUser(web, 'analyst');
    const page = await newPage();
    await page.goto(`${web.url}/auth/login`);
    await typeCredentials(page, user.email, PASSWORD);
    expect(await heading(page)).toBe('Activer la double authentification');
    await expectNoAxeViolations(page, 'the TOTP enrolment page');
    await screenshot(page, 'login-totp-enrolment');
    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
    await page.locator('#code').fill('000000');
    await page.locator('#code').press('Enter');
    await page.getByText('Code incorrect ou déjà utilisé.').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('#code').fill(totpCode(secret, new Date()));
    await page.locator('#code').press('Enter');
    await page.waitForURL(`${web.url}/`);
    expect(await me(page)).toBe(200);

    const second = await newPage();
    await second.goto(`${web.url}/auth/login`);
    await typeCredentials(second, user.email, PASSWORD);
    expect(await heading(second)).toBe('Code de vérification');
    expect(await second.locator('#totp-secret').count()).toBe(0);
    await expectNoAxeViolations(second, 'the TOTP code page');
    // The next time step: the code of the enrolment's step was used once and is refused now.
    await second.locator('#code').fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await second.locator('#code').press('Enter');
    await second.waitForURL(`${web.url}/`);
    expect(await me(second)).toBe(200);
  });

  it('says a wrong password is wrong without saying which part, in French, next to the fields', async () => {
    const user = await inviteUser(web, 'declarant');
    const page = await newPage();
    await page.goto(`${web.url}/auth/login`);
    await typeCredentials(page, user.email, 'not the password at all');
    await page
      .getByText('Adresse électronique ou mot de passe incorrect.')
      .waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#password').getAttribute('aria-describedby')).toMatch(/.+/);
    await expectNoAxeViolations(page, 'the login page with its error');
    await screenshot(page, 'login-wrong-password');
    await typeCredentials(page, 'nobody@nowhere.example', PASSWORD);
    await page
      .getByText('Adresse électronique ou mot de passe incorrect.')
      .waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('locks an account after five failures, even against the right password, until the lock lapses', async () => {
    const user = await inviteUser(web, 'declarant');
    const page = await newPage();
    await page.goto(`${web.url}/auth/login`);
    for (let attempt = 0; attempt < 5; attempt++)
      await typeCredentials(page, user.email, `wrong guess ${attempt}`);
    await typeCredentials(page, user.email, PASSWORD);
    await page
      .getByText(/Compte verrouillé après plusieurs échecs/)
      .waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'login-locked');
    // 15 minutes later (the login in flight lapsed with them: a new one starts).
    clock.offsetMs = 16 * 60_000;
    await page.goto(`${web.url}/auth/login`);
    await typeCredentials(page, user.email, PASSWORD);
    await page.waitForURL(`${web.url}/`);
  }, 90_000);

  it('ends a session left idle: the page says so and offers to log in again', async () => {
    const user = await inviteUser(web, 'declarant');
    const page = await newPage();
    await logIn(page, web, user, '/compte');
    clock.offsetMs = 31 * 60_000;
    expect(await me(page)).toBe(401);
    await page.goto(`${web.url}/compte`);
    await page.waitForLoadState('networkidle');
    await page.waitForURL(/\/connexion/);
  });

  it('logs out here and at the provider, and the session no longer opens anything', async () => {
    const user = await inviteUser(web, 'declarant');
    const page = await newPage();
    await logIn(page, web, user);
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    // The provider's page, once the navigation has left ours (networkidle alone can resolve before it starts).
    await page
      .getByRole('heading', { level: 1, name: 'Se déconnecter de Vigie ?' })
      .waitFor({ timeout: 10_000 });
    expect(await heading(page)).toBe('Se déconnecter de Vigie ?');
    await expectNoAxeViolations(page, 'the provider’s logout page');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${web.url}/`);
    expect(await me(page)).toBe(401);
    // The provider's session went too: logging in again asks for the password.
    await page.goto(`${web.url}/auth/login`);
    await page.locator('#password').waitFor({ state: 'visible', timeout: 10_000 });
  });

  describe('CSRF', () => {
    let other: Server;
    beforeAll(async () => {
      // Another origin of the same site (127.0.0.1, another port): its pages try to act with the cookie.
      other = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><html lang="fr"><title>x</title>
<form id="f" method="post" action="${web.url}/api/v1/me/tokens" enctype="text/plain"><input name='{"label":"x","a":"' value='"}'></form></html>`);
      });
      await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    });
    afterAll(() => new Promise<void>((done) => other.close(() => done())));

    it('refuses a state-changing call without the token, and a form posted from another origin', async () => {
      const user = await inviteUser(web, 'declarant');
      const page = await newPage();
      await logIn(page, web, user);
      const withoutToken = await page.evaluate(() =>
        fetch('/api/v1/me/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ label: 'sans jeton CSRF' }),
        }).then(async (answer) => ({ status: answer.status, type: answer.headers.get('content-type') })),
      );
      expect(withoutToken).toEqual({ status: 403, type: expect.stringMatching(/problem\+json/) });
      const evil = await page.context().newPage();
      await evil.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      await Promise.all([
        evil.waitForLoadState('load'),
        evil.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
      ]);
      await evil.waitForLoadState('networkidle');
      const tokens = await page.evaluate(() => fetch('/api/v1/me/tokens').then((answer) => answer.json()));
      expect(tokens).toEqual({ items: [] });
    });
  });

  it('feels a revoked grant on the next request, and a restored one', async () => {
    const user = await inviteUser(web, 'declarant');
    const page = await newPage();
    await logIn(page, web, user);
    const admin = {
      authorization: `Bearer ${await web.api.token({ role: 'admin', sub: 'test-admin' })}`,
      'content-type': 'application/json',
    };
    const change = async (route: 'grants' | 'revocations') => {
      const answer = await fetch(`${web.url}/api/v1/users/${user.id}/${route}`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ role: 'declarant', finess: ['750712184'] }),
      });
      expect(answer.status).toBe(200);
      await web.api.readModelsCaughtUp();
    };
    await change('revocations');
    expect(await page.evaluate(() => fetch('/api/v1/declarations').then((answer) => answer.status))).toBe(
      403,
    );
    await page.reload();
    await page.waitForLoadState('networkidle');
    await page
      .getByText(/pas accès/)
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
    await change('grants');
    expect(await me(page)).toBe(200);
  });
});
