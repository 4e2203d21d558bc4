/// <reference lib="dom" />
import { totpCode } from '@vigie/identity';
import type { Browser, Page } from 'playwright-core';
import { FINESS } from '../support/vigie-api';
import { runVigie } from '../support/vigie-cli';
import { DESKTOP, PHONE, expectNoAxeViolations, launchBrowser, screenshot } from './browser';
import { PASSWORD, typeCredentials } from './login';
import { startWebApi, type WebApi } from './web-api';

/**
 * The README's walk-through, as a new user does it on a fresh data dir: the first administrator
 * made with `vigie users add`, their activation link opened in the browser, their login (with the
 * second factor), the invitation of a declarant for a FINESS from the administration page, the
 * declarant's activation on a phone and their login, which shows their facility. The screenshots
 * of the README come from here (`VIGIE_SCREENSHOTS=1`).
 */
describe('From a fresh data dir to a declarant who sees their facility, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  async function setPassword(page: Page, link: string): Promise<void> {
    await page.goto(link);
    await page.waitForLoadState('networkidle');
    // The token left the address bar as soon as the page read it.
    expect(new URL(page.url()).hash).toBe('');
    // The two password fields, in the order the page asks them (their labels hold a hint as well).
    const fields = page.locator('input[type="password"]');
    await fields.nth(0).fill(PASSWORD);
    await fields.nth(1).fill(PASSWORD);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByText('Votre compte est activé').waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('walks through it, every page passing axe', async () => {
    const { out } = await runVigie(
      ['users', 'add', '--email', 'admin@cert-sante.example', '--name', 'Alex Admin', '--role', 'admin'],
      { ...web.api.storeEnv, VIGIE_PUBLIC_URL: web.url },
    );
    const adminLink = /(http:\/\/\S+\/activer#[A-Za-z0-9_-]{43})/.exec(out)?.[1];
    expect(adminLink).toBeDefined();
    await web.api.readModelsCaughtUp();

    const admin = await (await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' })).newPage();
    await setPassword(admin, adminLink!);
    await screenshot(admin, 'walkthrough-1-activation');
    await expectNoAxeViolations(admin, 'the activation page');
    await admin.goto(`${web.url}/auth/login?returnTo=/admin/utilisateurs`);
    await typeCredentials(admin, 'admin@cert-sante.example', PASSWORD);
    await screenshot(admin, 'walkthrough-2-totp-enrolment');
    const secret = (await admin.locator('#totp-secret').innerText()).replace(/\s+/g, '');
    await admin.locator('#code').fill(totpCode(secret, new Date()));
    await admin.locator('#code').press('Enter');
    await admin.waitForURL(`${web.url}/admin/utilisateurs`);
    await admin.waitForLoadState('networkidle');

    const form = admin.getByRole('region', { name: 'Inviter un utilisateur' });
    await form.getByLabel('Adresse électronique').fill('rssi@ch-exemple.fr');
    await form.getByLabel('Nom et prénom').fill('Camille Martin');
    await form.getByLabel('Rôle').selectOption('declarant');
    await form.getByLabel(/Numéros FINESS/).fill(FINESS);
    await form.getByRole('button', { name: 'Inviter' }).click();
    await admin.getByText('rssi@ch-exemple.fr est invité.').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(admin, 'walkthrough-3-invitation');
    await expectNoAxeViolations(admin, 'the administration page after an invitation');
    const declarantLink = /(http:\/\/\S+\/activer#[A-Za-z0-9_-]{43})/.exec(await admin.content())?.[1];
    expect(declarantLink).toBeDefined();

    const declarant = await (await browser.newContext({ viewport: PHONE, locale: 'fr-FR' })).newPage();
    await setPassword(declarant, declarantLink!);
    await declarant.goto(`${web.url}/auth/login`);
    await screenshot(declarant, 'walkthrough-4-login-phone');
    await typeCredentials(declarant, 'rssi@ch-exemple.fr', PASSWORD);
    await declarant.waitForURL(`${web.url}/`);
    await declarant.waitForLoadState('networkidle');
    await declarant.getByText('Mes établissements').first().waitFor({ state: 'visible', timeout: 10_000 });
    await declarant.getByText(FINESS).first().waitFor({ state: 'visible' });
    await screenshot(declarant, 'walkthrough-5-declarant-home-phone');
    await expectNoAxeViolations(declarant, 'the declarant’s home on a phone');
  }, 120_000);
});
