/// <reference lib="dom" />
import { totpCode } from '@vigie/identity';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { bearer as bearerHeader, FINESS, OTHER_FINESS, submission, THIRD_FINESS } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn, loginAs, PASSWORD, typeCredentials, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

/** Waits (10 s at most) until `read()` passes `test`: what the page shows after a refetch. */
async function until(
  read: () => Promise<string>,
  test: (text: string) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await read().catch(() => '')).trim();
    if (test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: the page still shows "${last}"`);
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Beyond VIGIE_SESSION_IDLE_MINUTES (30 by default). */
const IDLE_LIMIT_PASSED_MS = 31 * 60_000;

/**
 * The logged-in pages on real sessions: each person is invited through the admin route, activates
 * a local account, and logs in on the embedded provider's page (TOTP for an admin), by `loginAs` /
 * `logIn` (test/web/login.ts). Nothing is intercepted: the browser speaks to the real API. One
 * login per role for the whole file (the context's storage state is reused); the tests that
 * change a person (password, grants, disabling) log in a person of their own.
 */
// Logins, axe runs and refetches on 2 shared cores.
jest.setTimeout(60_000);

describe('The logged-in pages, on real sessions, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  /** The API's clock runs `offsetMs` ahead of the real one: the session-expiry test moves it. */
  let offsetMs = 0;
  let admin: TestUser;
  const states: Record<'declarant' | 'admin', StorageState | undefined> = {
    declarant: undefined,
    admin: undefined,
  };

  /** A browser context in French, at 1280 px unless told. */
  const newContext = (options: { viewport?: typeof DESKTOP; storageState?: StorageState } = {}) =>
    browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', ...options });

  async function stateOf(user: TestUser | 'admin'): Promise<{ user: TestUser; state: StorageState }> {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const logged = user === 'admin' ? await loginAs(page, web, 'admin') : user;
      if (user !== 'admin') await logIn(page, web, user);
      return { user: logged, state: await context.storageState() };
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebApi({}, undefined, { clock: () => new Date(Date.now() + offsetMs) }),
      launchBrowser(),
    ]);
    // A declarant of two facilities, and an admin (who enrols a TOTP at this first login).
    const invited = await inviteUser(web, 'declarant', { finess: [FINESS, OTHER_FINESS] });
    const [d, a] = await Promise.all([stateOf(invited), stateOf('admin')]);
    // One declaration for the first facility: its name is then known to the home page.
    const script = bearerHeader(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    await web.api.http.post('/api/v1/declarations').set(script).send(submission()).expect(201);
    await web.api.readModelsCaughtUp();
    states.declarant = d.state;
    [admin, states.admin] = [a.user, a.state];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  interface Opened {
    page: Page;
    csp: () => Promise<string[]>;
    /** Every request the page sent to the API (observed, never intercepted). */
    requests: Request[];
  }

  async function openAs(
    path: string,
    who: 'declarant' | 'admin' | StorageState,
    viewport = DESKTOP,
  ): Promise<Opened> {
    const storageState = typeof who === 'string' ? states[who] : who;
    const page = await (await newContext({ viewport, storageState })).newPage();
    const csp = await watchCsp(page);
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request);
    });
    await page.goto(`${web.url}${path}`);
    await page.waitForLoadState('networkidle');
    return { page, csp, requests };
  }

  /** A fresh person of `role` logged in in a context of their own (for the tests that change them). */
  async function freshSession(
    role: 'declarant' | 'admin',
    options: { name?: string } = {},
  ): Promise<{ user: TestUser; state: StorageState }> {
    const user = await inviteUser(web, role, options);
    const { state } = await stateOf(user);
    return { user, state };
  }

  /** The session's CSRF token as the app reads it. */
  const csrfOf = (page: Page): Promise<string> =>
    page.evaluate(
      async () => ((await (await fetch('/api/v1/me')).json()) as { csrfToken: string }).csrfToken,
    );

  const bearer = (token: string) =>
    fetch(`${web.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  const PAGES: [name: string, path: string, role: 'declarant' | 'admin', heading: RegExp][] = [
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
        const { page, csp } = await openAs(path, role, viewport);
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

  it('a declarant’s home lists their facilities by FINESS, with the name their declarations give', async () => {
    const { page } = await openAs('/', 'declarant');
    try {
      const facilities = page.locator('main section', {
        has: page.locator('h2', { hasText: 'Mes établissements' }),
      });
      await facilities.getByText('Centre hospitalier X').waitFor();
      const rows = await facilities
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())),
        );
      expect(rows.sort()).toEqual(
        [
          [FINESS, 'Centre hospitalier X'],
          [OTHER_FINESS, 'Nom connu à sa première déclaration'],
        ].sort(),
      );
      await expect(
        page.locator('header').getByRole('button', { name: 'Se déconnecter' }).count(),
      ).resolves.toBe(1);
    } finally {
      await page.context().close();
    }
  });

  it('creates an API token with the CSRF header, shows it once with a copy button, and revokes it', async () => {
    const { page, requests } = await openAs('/compte', 'declarant');
    try {
      await page.getByLabel('Libellé').fill('mon script');
      await page.getByRole('button', { name: 'Créer un jeton' }).click();
      const shown = page.locator('main code[aria-label="mon script"]');
      await shown.waitFor();
      const token = (await shown.innerText()).trim();
      await expect(page.getByText('il ne sera plus jamais affiché', { exact: false }).count()).resolves.toBe(
        1,
      );
      await expect(page.getByRole('button', { name: 'Copier' }).count()).resolves.toBe(1);
      const post = requests.find(
        (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/me/tokens',
      );
      expect(post?.headers()['x-csrf-token']).toBe(await csrfOf(page));
      expect(post?.postDataJSON()).toEqual({ label: 'mon script' });
      await expectNoAxeViolations(page, '/compte after creating a token');
      // The token works, as a script would use it.
      expect((await bearer(token)).status).toBe(200);

      // Listed by its prefix only: the secret is never shown again.
      await page.reload();
      await page.waitForLoadState('networkidle');
      const row = page.locator('main tr', { hasText: 'mon script' });
      await row.waitFor();
      await expect(page.locator('main').textContent()).resolves.not.toContain(token);

      await page.locator('button[title="Révoquer le jeton « mon script »"]').click();
      await row.waitFor({ state: 'detached' });
      expect((await bearer(token)).status).toBe(401);
    } finally {
      await page.context().close();
    }
  });

  it('changes the password of a local account, refusing a wrong current one', async () => {
    const { user, state } = await freshSession('declarant');
    const { page } = await openAs('/compte', state);
    const NEW_PASSWORD = 'un tout autre mot de passe 2027';
    try {
      await page.getByRole('tab', { name: 'Mot de passe' }).click();
      const fill = async (current: string) => {
        // The labels carry their hints: the fields by their autocomplete (current, new, confirmation).
        await page.locator('input[autocomplete="current-password"]').fill(current);
        await page.locator('input[autocomplete="new-password"]').nth(0).fill(NEW_PASSWORD);
        await page.locator('input[autocomplete="new-password"]').nth(1).fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      };
      await fill('pas le bon mot de passe');
      await page.getByText('Le mot de passe actuel est incorrect.').waitFor();
      await fill(PASSWORD);
      await page.getByText('Votre mot de passe a été changé.').waitFor();
      await expectNoAxeViolations(page, '/compte after changing the password');
    } finally {
      await page.context().close();
    }
    // The new password opens a session on the provider's page.
    const context = await newContext();
    try {
      const again = await context.newPage();
      await again.goto(`${web.url}/auth/login?returnTo=%2Fcompte`);
      await typeCredentials(again, user.email, NEW_PASSWORD);
      await again.waitForURL((url) => url.origin === web.url && url.pathname === '/compte');
      await again.locator('main h1', { hasText: 'Mon compte' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('moves an admin’s second factor to a new authenticator app', async () => {
    const { page } = await openAs('/compte', 'admin');
    try {
      await page.getByRole('tab', { name: 'Double authentification' }).click();
      await page.getByText('La double authentification est activée sur votre compte.').waitFor();
      await page
        .getByRole('button', { name: 'Passer à une nouvelle application d’authentification' })
        .click();
      const secret = page.locator(
        'code[aria-label="Clé à saisir dans votre application d’authentification"]',
      );
      await secret.waitFor();
      const value = (await secret.innerText()).replace(/\s+/g, '');
      expect(value).not.toBe(admin.totpSecret);
      await expectNoAxeViolations(page, '/compte during the TOTP enrolment');
      // The login used this 30 s step's code: a code is accepted once, so the next step's (the window allows it).
      await page.getByLabel('Code à 6 chiffres').fill(totpCode(value, new Date(Date.now() + 30_000)));
      await page.getByRole('button', { name: 'Confirmer' }).click();
      await page.getByText('La double authentification est activée.', { exact: true }).waitFor();
      admin.totpSecret = value;
    } finally {
      await page.context().close();
    }
  });

  it('shows a field error next to its field, in French', async () => {
    const { page } = await openAs('/admin/utilisateurs', 'admin');
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

  it('invites a declarant for several FINESS numbers, shows the activation link once, and lists them', async () => {
    const { page, requests } = await openAs('/admin/utilisateurs', 'admin');
    const email = `nouvelle-${Date.now()}@chu-exemple.fr`;
    try {
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Nom et prénom').fill('Nouvelle Personne');
      await page.getByLabel('Rôle').first().selectOption('declarant');
      await page.getByLabel('Numéros FINESS').first().fill(`${FINESS}, ${OTHER_FINESS}\n${THIRD_FINESS}`);
      await page.getByRole('button', { name: 'Inviter' }).click();
      const link = page.locator('main code', { hasText: `${web.url}/activer#` });
      await link.waitFor();
      const activationUrl = (await link.innerText()).trim();
      await page.getByText(`${email} est invité.`).waitFor();
      const post = requests.find(
        (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/users',
      );
      expect(post?.postDataJSON()).toEqual({
        email,
        name: 'Nouvelle Personne',
        role: 'declarant',
        finess: [FINESS, OTHER_FINESS, THIRD_FINESS],
      });
      expect(post?.headers()['x-csrf-token']).toBe(await csrfOf(page));

      const row = page.locator('main tr', { hasText: email });
      await until(
        async () => (await row.locator('td').nth(2).textContent()) ?? '',
        (text) => text === `Déclarant (${[FINESS, OTHER_FINESS, THIRD_FINESS].sort().join(', ')})`,
        'the new user in the list',
      );
      await expect(row.locator('td').nth(3).textContent()).resolves.toBe('Activation en attente');
      await expectNoAxeViolations(page, '/admin/utilisateurs after an invitation');
      // Shown once: not after a reload.
      await page.reload();
      await page.waitForLoadState('networkidle');
      await page.locator('main tr', { hasText: email }).waitFor();
      await expect(page.locator('main').textContent()).resolves.not.toContain(activationUrl);
    } finally {
      await page.context().close();
    }
  });

  it('grants, revokes and disables from the users page: the person feels each on their next request', async () => {
    const name = `Personne Ciblée ${Date.now()}`;
    const target = await freshSession('declarant', { name });
    const { page } = await openAs('/admin/utilisateurs', 'admin');
    const theirs = await openAs('/', target.state);
    try {
      await theirs.page.getByText(FINESS).first().waitFor();
      const row = page.locator('main tr', { hasText: name });
      const grants = async () => (await row.locator('td').nth(2).textContent()) ?? '';
      const status = async () => (await row.locator('td').nth(3).textContent()) ?? '';
      const manage = async () => {
        if ((await row.locator('details[open]').count()) === 0) await row.getByText(`Gérer ${name}`).click();
      };
      const act = async (role: string, finess: string, button: 'Accorder' | 'Retirer') => {
        await manage();
        await row.getByLabel('Rôle').selectOption(role);
        await row.getByLabel('Numéros FINESS').fill(finess);
        await row.getByRole('button', { name: button }).click();
      };

      await act('declarant', OTHER_FINESS, 'Accorder');
      const both = `Déclarant (${[FINESS, OTHER_FINESS].sort().join(', ')})`;
      await until(grants, (text) => text === both, 'the grant');
      await theirs.page.reload();
      await theirs.page.getByText(OTHER_FINESS).first().waitFor();

      // Every grant withdrawn: logged in, but no access left (403 on /api/v1/me).
      await act('declarant', `${FINESS} ${OTHER_FINESS}`, 'Retirer');
      await until(grants, (text) => text === '', 'the revocation');
      await theirs.page.reload();
      await theirs.page.waitForLoadState('networkidle');
      await theirs.page.getByText('Vous n’avez pas accès à Vigie').waitFor();
      await expect(theirs.page.locator('main h1').textContent()).resolves.toBe('Accès refusé');
      await expect(
        theirs.page.locator('main').getByRole('button', { name: 'Se déconnecter' }).count(),
      ).resolves.toBe(1);
      await expect(theirs.page.getByText('Votre session a expiré').count()).resolves.toBe(0);
      await expectNoAxeViolations(theirs.page, '/ with no access left');

      // Disabled: their sessions end; enabled again.
      await manage();
      await row.getByLabel('Motif de la désactivation').fill('départ de l’établissement');
      await row.getByRole('button', { name: 'Désactiver' }).click();
      await until(status, (text) => text === 'Désactivé', 'the disabling');
      await theirs.page.reload();
      await theirs.page.waitForLoadState('networkidle');
      await theirs.page.locator('main a', { hasText: 'Se connecter' }).waitFor();
      await manage();
      await row.getByRole('button', { name: 'Réactiver' }).click();
      await until(status, (text) => text !== 'Désactivé', 'the enabling');
    } finally {
      await page.context().close();
      await theirs.page.context().close();
    }
  });

  // Every grant revoked: the page says so, and the session can still log out (its CSRF token
  // comes with /api/v1/me's answer, which has no role).
  it('logs out someone who has no access left', async () => {
    const target = await freshSession('declarant');
    const adminToken = `Bearer ${await web.api.token({ role: 'admin', sub: 'test-admin' })}`;
    const revoked = await fetch(`${web.url}/api/v1/users/${target.user.id}/revocations`, {
      method: 'POST',
      headers: { authorization: adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'declarant', finess: [FINESS] }),
    });
    expect(revoked.status).toBe(200);
    await web.api.readModelsCaughtUp();
    const { page } = await openAs('/compte', target.state);
    try {
      await page.getByText('Vous n’avez pas accès à Vigie').waitFor();
      const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/logout');
      await page.locator('main').getByRole('button', { name: 'Se déconnecter' }).click();
      expect((await answer).status()).toBe(200);
      // Then the provider's own logout page: its session ends too.
      await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.locator('main a', { hasText: 'Se connecter' }).waitFor({ timeout: 5_000 });
    } finally {
      await page.context().close();
    }
  });

  // Last: the API's clock goes past the idle limit (and comes back for whatever would follow).
  it('says the session expired on a 401, and offers to log in again back to this page', async () => {
    const { page } = await openAs('/compte', 'declarant');
    try {
      await page.getByLabel('Libellé').waitFor();
      offsetMs = IDLE_LIMIT_PASSED_MS;
      await page.getByLabel('Libellé').fill('après expiration');
      await page.getByRole('button', { name: 'Créer un jeton' }).click();
      await page.getByText('Votre session a expiré').waitFor();
      const again = page.locator('main a', { hasText: 'Se reconnecter' });
      await expect(again.getAttribute('href')).resolves.toBe('/auth/login?returnTo=%2Fcompte');
      await expectNoAxeViolations(page, '/compte with the session expired');
    } finally {
      offsetMs = 0;
      await page.context().close();
    }
  });
});
