/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { startWebApi, type WebApi } from './web-api';

/** Every page a logged-out visitor can reach, with the heading it must show. */
const PAGES: [name: string, path: string, heading: RegExp][] = [
  ['accueil', '/', /^Vigie$/],
  ['connexion', '/connexion', /Connexion à Vigie/],
  ['connexion-erreur', '/connexion?erreur=connexion-expiree', /Connexion à Vigie/],
  ['acces-refuse', '/acces-refuse', /Accès refusé/],
  ['activer', '/activer#jeton-d-essai', /Activer mon compte/],
  ['activer-sans-jeton', '/activer', /Activer mon compte/],
  ['accessibilite', '/accessibilite', /Déclaration d’accessibilité/],
  ['mentions-legales', '/mentions-legales', /Mentions légales/],
  ['page-introuvable', '/nulle-part', /Page non trouvée/],
  // Logged out, my account sends to the login page.
  ['compte-deconnecte', '/compte', /Connexion à Vigie/],
  ['admin-deconnecte', '/admin/utilisateurs', /Administration des utilisateurs/],
];

describe('The web application’s pages, logged out, in Chromium', () => {
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
    viewport = DESKTOP,
  ): Promise<{ page: Page; csp: () => Promise<string[]> }> {
    const page = await (await browser.newContext({ viewport, locale: 'fr-FR' })).newPage();
    const csp = await watchCsp(page);
    await page.goto(`${web.url}${path}`);
    await page.waitForLoadState('networkidle');
    return { page, csp };
  }

  describe.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])('at %s', (width, viewport) => {
    it.each(PAGES)(
      '%s (%s) shows its heading, passes axe (WCAG 2.1 AA) and breaks no CSP rule',
      async (name, path, heading) => {
        const { page, csp } = await open(path, viewport);
        try {
          await expect(page.locator('main h1').first().textContent()).resolves.toMatch(heading);
          await expectNoAxeViolations(page, `${path} at ${width}`);
          expect(await csp()).toEqual([]);
          // Nothing sticks out sideways on a phone.
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

  it('takes the activation token out of the address bar at once: it is a one-time secret', async () => {
    const { page } = await open('/activer#un-jeton-secret');
    try {
      expect(new URL(page.url()).hash).toBe('');
      // The page's own chunk may still be on its way (each page loads lazily).
      await page.locator('input[autocomplete="new-password"]').nth(1).waitFor();
      await expect(page.locator('input[autocomplete="new-password"]').count()).resolves.toBe(2);
    } finally {
      await page.context().close();
    }
  });

  // The codes apps/api/src/identity/login/login.controller.ts sends to /connexion?erreur=.
  it.each([
    ['refus', 'Vous avez refusé ou annulé la connexion chez le fournisseur d’identité.'],
    ['connexion-expiree', 'La connexion a pris trop de temps, ou a été commencée dans un autre onglet'],
    ['echec', 'La connexion n’a pas pu être vérifiée auprès du fournisseur d’identité. Recommencez.'],
    ['fournisseur-indisponible', 'Le fournisseur d’identité ne répond pas. Réessayez dans quelques minutes.'],
  ])('explains the login error %s in French', async (code, message) => {
    const { page } = await open(`/connexion?erreur=${code}`);
    try {
      await expect(page.getByText(message).count()).resolves.toBe(1);
      await expect(page.getByText('Une erreur est survenue pendant la connexion').count()).resolves.toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('switches to English from the header, and remembers it', async () => {
    const { page } = await open('/');
    try {
      await page.locator('header .fr-header__tools .fr-translate__btn').click();
      await page.locator('header .fr-header__tools button[lang="en"]').click();
      await expect(page.locator('main a', { hasText: 'Log in' }).count()).resolves.toBe(1);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
      await page.reload();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main h1').textContent()).resolves.toBe('Vigie');
      await expect(page.locator('main a', { hasText: 'Log in' }).count()).resolves.toBe(1);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    } finally {
      await page.context().close();
    }
  });

  it.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])(
    'at %s, the keyboard alone reaches the login button, past a skip link, with a visible focus',
    async (_width, viewport) => {
      const { page } = await open('/connexion?returnTo=%2Fcompte', viewport);
      try {
        await page.keyboard.press('Tab');
        await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
          'Contenu',
        );
        let found: { href: string | null; outline: string } | null = null;
        for (let presses = 0; presses < 40 && found === null; presses++) {
          await page.keyboard.press('Tab');
          found = await page.evaluate(() => {
            const element = document.activeElement as HTMLElement | null;
            if (
              element === null ||
              !element.closest('main') ||
              element.textContent?.trim() !== 'Se connecter'
            )
              return null;
            const style = getComputedStyle(element);
            return {
              href: element.getAttribute('href'),
              outline: `${style.outlineStyle} ${style.outlineWidth}`,
            };
          });
        }
        expect(found).not.toBeNull();
        expect(found?.href).toBe('/auth/login?returnTo=%2Fcompte');
        expect(found?.outline).not.toMatch(/^none|\b0px/);
      } finally {
        await page.context().close();
      }
    },
  );

  it('moves the focus to the new page’s content after a navigation inside the app', async () => {
    const { page } = await open('/');
    try {
      await page.locator('main a', { hasText: 'Se connecter' }).click();
      await page.locator('main h1', { hasText: 'Connexion à Vigie' }).waitFor();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');
      await expect(page.title()).resolves.toBe('Connexion à Vigie — Vigie');
    } finally {
      await page.context().close();
    }
  });

  it('the header offers to log in and come back to the current page', async () => {
    const { page } = await open('/accessibilite');
    try {
      const href = await page.locator('header a', { hasText: 'Se connecter' }).first().getAttribute('href');
      expect(href).toBe('/auth/login?returnTo=%2Faccessibilite');
    } finally {
      await page.context().close();
    }
  });

  it('the home page offers to log in, and links the accessibility statement from the footer', async () => {
    const { page } = await open('/');
    try {
      await expect(page.locator('main a', { hasText: 'Se connecter' }).getAttribute('href')).resolves.toBe(
        '/connexion',
      );
      await expect(
        page.locator('footer').getByText('Accessibilité : partiellement conforme').count(),
      ).resolves.toBe(1);
      await expect(page.locator('footer a[href="/accessibilite"]').count()).resolves.toBeGreaterThan(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('A deployment that is not a State service (VIGIE_BRAND_TOP without a line)', () => {
  let web: WebApi;
  let browser: Browser;
  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebApi({ VIGIE_BRAND_TOP: '|', VIGIE_OPERATOR_NAME: 'CERT Exemple' }),
      launchBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('shows no Marianne brand block, and names its operator', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    try {
      await page.goto(`${web.url}/`);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.fr-header__logo').isVisible()).resolves.toBe(false);
      await expect(page.locator('.fr-header__service-tagline').textContent()).resolves.toContain(
        'CERT Exemple',
      );
      await expectNoAxeViolations(page, 'home without brand block');
    } finally {
      await page.context().close();
    }
  });
});
