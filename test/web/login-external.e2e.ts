/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { FINESS, freePort } from '../support/vigie-api';
import { startExternalProvider, type ExternalProvider } from '../support/external-provider';
import { DESKTOP, expectNoAxeViolations, launchBrowser, screenshot } from './browser';
import { startWebApi, type WebApi } from './web-api';

const CAMILLE = {
  sub: 'pc-agent-41c2',
  email: 'camille.martin@ch-exemple.fr',
  given_name: 'Camille',
  usual_name: 'Martin',
  uid: '41c2',
  siret: '26750045200011',
};

/**
 * An invited facility officer logging in through a second, real OpenID provider started by the
 * test (panva's oidc-provider, ProConnect's claims: no role, no FINESS), and a person nobody invited.
 */
describe('Logging in through an external provider (ProConnect-style), in Chromium', () => {
  let provider: ExternalProvider;
  let web: WebApi;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startExternalProvider(
      [CAMILLE, { ...CAMILLE, sub: 'pc-stranger', email: 'inconnu@ailleurs.example' }],
      `http://127.0.0.1:${port}`,
    );
    [web, browser] = await Promise.all([
      startWebApi({
        PORT: String(port),
        VIGIE_LOGIN_ISSUER: provider.issuer,
        VIGIE_LOGIN_CLIENT_ID: provider.clientId,
        VIGIE_LOGIN_CLIENT_SECRET: provider.clientSecret,
        VIGIE_LOGIN_SCOPES: 'openid email profile uid siret',
      }),
      launchBrowser(),
    ]);
    const admin = `Bearer ${await web.api.token({ role: 'admin', sub: 'test-admin' })}`;
    const invited = await fetch(`${web.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: CAMILLE.email,
        name: 'Camille Martin',
        role: 'declarant',
        finess: [FINESS],
      }),
    });
    expect(invited.status).toBe(201);
    expect((await invited.json()).activationUrl).toBeNull();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await provider?.close();
  });

  /** The provider's development login (any login name is the account's `sub`) and its consent. */
  async function throughProvider(page: Page, sub: string): Promise<void> {
    await page.goto(`${web.url}/connexion`);
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('link', { name: /Se connecter/ })
      .first()
      .click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(sub);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').first().click();
    await page.waitForLoadState('networkidle');
    if (new URL(page.url()).origin === provider.issuer) {
      await page.locator('button[type="submit"]').first().click();
    }
    await page.waitForURL((url) => url.origin === web.url);
    await page.waitForLoadState('networkidle');
  }

  it('binds an invited e-mail at the first login and shows the facility', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' })).newPage();
    await throughProvider(page, CAMILLE.sub);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(FINESS).first().waitFor({ state: 'visible', timeout: 10_000 });
    const me = await page.evaluate(() => fetch('/api/v1/me').then((answer) => answer.json()));
    expect(me).toMatchObject({ roles: ['declarant'], finess: [FINESS], localAccount: false });
    await expectNoAxeViolations(page, 'the declarant’s home after an external login');
  });

  it('sends a person nobody invited to the "ask your CERT" page, with no session', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' })).newPage();
    await throughProvider(page, 'pc-stranger');
    expect(new URL(page.url()).pathname).toBe('/acces-refuse');
    await page.getByText(/CERT/).first().waitFor({ state: 'visible', timeout: 10_000 });
    await expectNoAxeViolations(page, 'the access refused page');
    await screenshot(page, 'acces-refuse');
    expect(await page.evaluate(() => fetch('/api/v1/me').then((answer) => answer.status))).toBe(401);
  });
});
