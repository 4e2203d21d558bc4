/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { mockIdentityRoutes, type ContractMocks } from './contract-mocks';
import type { Role } from './login';
import { startWebApi, type WebApi } from './web-api';

/**
 * The logged-in pages against the identity routes' contract (answered by request interception,
 * test/web/contract-mocks.ts). Once the login is merged, the same checks belong on real sessions
 * through `loginAs` (test/web/login.ts).
 */
describe('The logged-in pages, against the identity contract, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  async function open(
    path: string,
    role: Role,
    viewport = DESKTOP,
  ): Promise<{ page: Page; mocks: ContractMocks; csp: () => Promise<string[]> }> {
    const page = await (await browser.newContext({ viewport, locale: 'fr-FR' })).newPage();
    const csp = await watchCsp(page);
    const mocks = await mockIdentityRoutes(page, role);
    await page.goto(`${web.url}${path}`);
    await page.waitForLoadState('networkidle');
    return { page, mocks, csp };
  }

  const PAGES: [name: string, path: string, role: Role, heading: RegExp][] = [
    ['espace-declarant', '/', 'declarant', /Bonjour Camille Martin/],
    ['espace-admin', '/', 'admin', /Bonjour Camille Martin/],
    ['compte', '/compte', 'declarant', /Mon compte/],
    ['admin-utilisateurs', '/admin/utilisateurs', 'admin', /Administration des utilisateurs/],
  ];

  describe.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])('at %s', (width, viewport) => {
    it.each(PAGES)(
      '%s (%s as %s) shows its heading, passes axe and breaks no CSP rule',
      async (name, path, role, heading) => {
        const { page, csp } = await open(path, role, viewport);
        try {
          await expect(page.locator('main h1').first().textContent()).resolves.toMatch(heading);
          await expectNoAxeViolations(page, `${path} as ${role} at ${width}`);
          expect(await csp()).toEqual([]);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          await screenshot(page, `${name}-${viewport.width}`);
        } finally {
          await page.context().close();
        }
      },
    );
  });

  it('a declarant’s space lists their facilities by FINESS', async () => {
    const { page } = await open('/', 'declarant');
    try {
      await expect(page.locator('main').textContent()).resolves.toMatch(
        /Mes établissements.*750712184.*010000016/,
      );
    } finally {
      await page.context().close();
    }
  });

  it('creates an API token with the CSRF header, and shows it once with a copy button', async () => {
    const { page, mocks } = await open('/compte', 'declarant');
    try {
      await page.getByLabel('Libellé').fill('mon script');
      await page.getByRole('button', { name: 'Créer un jeton' }).click();
      await page.getByText('vig_cd34_secret-shown-once').waitFor();
      await expect(page.getByText('il ne sera plus jamais affiché', { exact: false }).count()).resolves.toBe(
        1,
      );
      await expect(page.getByRole('button', { name: 'Copier' }).count()).resolves.toBe(1);
      const post = mocks.calls.find((call) => call.method === 'POST' && call.path === '/api/v1/me/tokens');
      expect(post).toMatchObject({ csrf: 'csrf-123', body: { label: 'mon script' } });
      await expectNoAxeViolations(page, '/compte after creating a token');
    } finally {
      await page.context().close();
    }
  });

  it('shows a field error next to its field, in French', async () => {
    const { page } = await open('/admin/utilisateurs', 'admin');
    try {
      await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
      await page.getByRole('button', { name: 'Inviter' }).click();
      const message = page.locator('.fr-input-group--error', {
        has: page.getByLabel('Adresse électronique'),
      });
      await message.waitFor();
      await expect(message.textContent()).resolves.toContain('Saisissez une adresse électronique valide');
      await expectNoAxeViolations(page, '/admin/utilisateurs with a field error');
    } finally {
      await page.context().close();
    }
  });

  it('invites a user with several FINESS numbers and shows the activation link once', async () => {
    const { page, mocks } = await open('/admin/utilisateurs', 'admin');
    try {
      await page.getByLabel('Adresse électronique').fill('nouvelle@chu-exemple.fr');
      await page.getByLabel('Nom et prénom').fill('Nouvelle Personne');
      await page.getByLabel('Rôle').first().selectOption('declarant');
      await page.getByLabel('Numéros FINESS').first().fill('750712184, 010000016\n970100400');
      await page.getByRole('button', { name: 'Inviter' }).click();
      await page.getByText('http://127.0.0.1/activer#tok-once').waitFor();
      const post = mocks.calls.find((call) => call.method === 'POST' && call.path === '/api/v1/users');
      expect(post?.body).toEqual({
        email: 'nouvelle@chu-exemple.fr',
        name: 'Nouvelle Personne',
        role: 'declarant',
        finess: ['750712184', '010000016', '970100400'],
      });
      expect(post?.csrf).toBe('csrf-123');
    } finally {
      await page.context().close();
    }
  });

  it('says the session expired on a 401, and offers to log in again back to this page', async () => {
    const { page, mocks } = await open('/compte', 'declarant');
    try {
      mocks.endSession();
      await page.getByLabel('Libellé').fill('après expiration');
      await page.getByRole('button', { name: 'Créer un jeton' }).click();
      await page.getByText('Votre session a expiré').waitFor();
      const again = page.locator('main a', { hasText: 'Se reconnecter' });
      await expect(again.getAttribute('href')).resolves.toBe('/auth/login?returnTo=%2Fcompte');
      await expectNoAxeViolations(page, '/compte with the session expired');
    } finally {
      await page.context().close();
    }
  });
});
