/// <reference lib="dom" />
import type { Browser, BrowserContext } from 'playwright-core';
import { bearer, FINESS, submission } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, watchCsp } from './browser';
import { inviteUser, logIn, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

interface View {
  id: string;
  reference: string;
  revision: number;
  status: string;
  assignee: string | null;
  qualification: { type: string } | null;
  complements: { question: string; answer: string | null }[];
  interventions: { kind: string; summary: string }[];
}

/**
 * An analyst's day, end to end in one story: logged in with a password and TOTP, a declaration
 * appears live, is found by the URL, saved as a view, taken in a bulk assignment, qualified, asked
 * a complement which the facility answers in its own portal (a second browser context), supported,
 * handed to a colleague and closed; the history names each step's author.
 */
// One long story on 2 shared cores: logins, axe, the live feed.
jest.setTimeout(240_000);

describe('An analyst’s day, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let alex: TestUser;
  let zoe: TestUser;
  let facility: TestUser;
  let script: { Authorization: string };
  let cert: { Authorization: string };

  const read = async (id: string): Promise<View> =>
    (
      await web.api.http
        .get(`/api/v1/declarations/${id}`)
        .query(await web.api.caughtUp())
        .set(cert)
        .expect(200)
    ).body as View;

  /** What the API answers once the read models hold it (a command's effect is read a moment later). */
  async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<void> {
    const deadline = Date.now() + 15_000;
    let seen = await probe();
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await probe();
    }
    expect(seen).toEqual(expected);
  }

  const newContext = (): Promise<BrowserContext> =>
    browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
    script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    cert = bearer(await web.api.token({ role: 'analyst', sub: 'cert-script' }));
    [alex, zoe, facility] = await Promise.all([
      inviteUser(web, 'analyst', { name: 'Alex Analyste' }),
      inviteUser(web, 'analyst', { name: 'Zoé Collègue' }),
      inviteUser(web, 'declarant', { name: 'Rssi Alpha', finess: [FINESS] }),
    ]);
    // Yesterday's declaration, already in the queue when the day starts.
    await web.api.http
      .post('/api/v1/declarations')
      .set(script)
      .send(submission({ description: 'Panne d’imprimantes, hier soir.' }))
      .expect(201);
    await web.api.readModelsCaughtUp();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('logs in with TOTP, follows a declaration from its arrival to its closure, each step signed', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const csp = await watchCsp(page);
    let id = '';
    let reference = '';
    try {
      // 1. The login: password, then the second factor enrolled at the first login.
      await logIn(page, web, alex, '/console/declarations');
      await page.locator('main h1', { hasText: 'File des déclarations' }).waitFor();
      await page.waitForFunction(() => document.querySelector('.fr-icon-success-line') !== null);

      // 2. A facility declares meanwhile: the row comes without a reload.
      const started = Date.now();
      const created = await web.api.http
        .post('/api/v1/declarations')
        .set(script)
        .send(
          submission({
            description: 'Rançongiciel : le DPI et le PACS sont chiffrés, urgences en mode dégradé.',
            patientEndangerment: 'ACTUAL',
          }),
        )
        .expect(201);
      id = created.body.id as string;
      reference = (await read(id)).reference;
      await page.locator('main a:visible', { hasText: reference }).first().waitFor({ timeout: 20_000 });
      console.log(`analyst's day: live row ${Date.now() - started} ms after the submission was sent`);
      await expect(page.getByTestId('queue-news').textContent()).resolves.toBe('1 nouvelle déclaration');

      // 3. Found by the URL: search and sort are in it, and it is saved as a view.
      await page.goto(`${web.url}/console/declarations?q=PACS&sort=-submittedAt&patientEndangerment=ACTUAL`);
      await page.locator('main a:visible', { hasText: reference }).first().waitFor();
      await expect(page.locator('main tbody tr').count()).resolves.toBe(1);
      await page.getByLabel('Nom de la vue').fill('Patients en danger');
      await page.getByRole('button', { name: 'Enregistrer la vue actuelle' }).click();
      await page.getByRole('link', { name: 'Patients en danger' }).waitFor();

      // 4. A bulk assignment of the selection, to oneself, on the revision the queue showed.
      // With the keyboard, on the table's box (the phone's cards hold one too, hidden at this width).
      await page.locator('main table').getByLabel(`Sélectionner la déclaration ${reference}`).focus();
      await page.keyboard.press('Space');
      await page.getByText('1 déclaration sélectionnée').waitFor();
      await expect(page.getByLabel('Assigner la sélection à').inputValue()).resolves.toBe(alex.id);
      await expectNoAxeViolations(page, '/console/declarations with a selection');
      await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
      await page.getByText('1 déclaration assignée.').waitFor();
      await eventually(async () => (await read(id)).assignee, alex.id);
      await page.locator('main tbody tr', { hasText: reference }).getByText('moi').waitFor();

      // 5. The declaration: qualified, a complement asked.
      await page.locator('main a:visible', { hasText: reference }).first().click();
      await page.locator('main h1', { hasText: `Déclaration ${reference}` }).waitFor();
      await page.getByTestId('console-assignee').getByText('moi').waitFor();
      await page.getByRole('button', { name: 'Qualifier' }).first().click();
      await page.getByLabel('Origine', { exact: true }).selectOption('MALICIOUS');
      await page.getByLabel('Type', { exact: true }).selectOption('RANSOMWARE');
      await page.locator('label', { hasText: 'Hameçonnage' }).click();
      await page.locator('label', { hasText: 'Incident grave' }).click();
      await page.locator('form').getByRole('button', { name: 'Qualifier' }).click();
      await eventually(async () => (await read(id)).qualification?.type, 'RANSOMWARE');
      const question = 'Les sauvegardes hors ligne sont-elles intactes ?';
      await page.getByRole('button', { name: 'Demander un complément' }).first().click();
      await page.getByLabel('Question à l’établissement').fill(question);
      await page
        .locator('form', { has: page.getByLabel('Question à l’établissement') })
        .getByRole('button', { name: 'Demander un complément' })
        .click();
      await eventually(async () => (await read(id)).status, 'COMPLEMENT_REQUESTED');

      // 6. The facility answers in its portal, in a browser of its own.
      const theirs = await (await newContext()).newPage();
      try {
        await logIn(theirs, web, facility, `/declarations/${reference}`);
        await theirs.locator('main').getByText(question).first().waitFor();
        await theirs.getByLabel('Votre réponse au CERT').fill('Oui : la bande de dimanche est intacte.');
        await theirs.getByRole('button', { name: 'Envoyer' }).first().click();
        await theirs.getByText('C’est enregistré.').waitFor();
      } finally {
        await theirs.context().close();
      }
      await eventually(
        async () => (await read(id)).complements.map((c) => c.answer),
        ['Oui : la bande de dimanche est intacte.'],
      );

      // 7. The answer is on the analyst's page; an intervention, a colleague takes over, closure.
      await page.reload();
      await page.locator('main').getByText('Oui : la bande de dimanche est intacte.').first().waitFor();
      await page.getByRole('button', { name: 'Consigner une intervention' }).first().click();
      await page.getByLabel('Nature de l’intervention').selectOption('TECH_INTERVENTION');
      await page.getByLabel('Résumé').fill('Isolement du segment PACS, analyse des journaux du pare-feu.');
      await page
        .locator('form', { has: page.getByLabel('Résumé') })
        .getByRole('button', { name: 'Consigner une intervention' })
        .click();
      await eventually(async () => (await read(id)).interventions.length, 1);
      await page.reload();
      await page.getByLabel('Assigner à').selectOption({ label: 'Zoé Collègue' });
      await page.getByRole('button', { name: 'Assigner', exact: true }).click();
      await page.getByTestId('console-assignee').getByText('Zoé Collègue').waitFor();
      expect((await read(id)).assignee).toBe(zoe.id);
      await page.getByRole('button', { name: 'Clore la déclaration' }).first().click();
      await page.getByLabel('Motif').fill('Incident maîtrisé, systèmes restaurés.');
      await page
        .locator('form', { has: page.getByLabel('Motif') })
        .getByRole('button', { name: 'Clore la déclaration' })
        .click();
      await eventually(async () => (await read(id)).status, 'CLOSED');

      // 8. The history: every step, and who did it.
      await page.reload();
      const history = page.locator('ol[aria-label]').last();
      await history.getByText('Déclaration clôturée').waitFor();
      const steps = await history.locator(':scope > li').evaluateAll((items) =>
        items.map((item) => {
          const [what, when] = Array.from(item.querySelectorAll('p')).map((p) => p.textContent ?? '');
          return `${what} — ${when.split(' · ').slice(1).join(' · ')}`;
        }),
      );
      const signed = steps.filter((step) => !step.startsWith('E-mail envoyé'));
      expect(signed).toEqual([
        'Déclaration transmise — L’établissement',
        'Assignation modifiée — Vous',
        'Déclaration qualifiée — Vous',
        'Complément demandé par le CERT — Vous',
        'Complément fourni — L’établissement',
        'Intervention du CERT — Vous',
        'Assignation modifiée — Vous',
        'Déclaration clôturée — Vous',
      ]);
      const handover = history.locator(':scope > li', { hasText: 'Zoé Collègue' });
      await expect(handover.count()).resolves.toBe(1);
      await expectNoAxeViolations(page, '/console/declarations/:reference, closed');
      expect(await csp()).toEqual([]);
    } finally {
      await context.close();
    }
    // Seen by Zoé, the same history signs Alex's steps with Alex's name.
    const hers = await (await newContext()).newPage();
    try {
      await logIn(hers, web, zoe, `/console/declarations/${reference}`);
      const history = hers.locator('ol[aria-label]').last();
      await history.getByText('Déclaration clôturée').waitFor();
      await expect(
        history.locator(':scope > li', { hasText: 'Déclaration clôturée' }).textContent(),
      ).resolves.toContain('Alex Analyste (CERT)');
      await hers.getByTestId('console-assignee').getByText('moi').waitFor();

      // The facility writes again: Zoé reopens it with the keyboard alone, Tab by Tab from the top.
      await hers.locator('body').focus();
      let reached = false;
      for (let tab = 0; tab < 150 && !reached; tab++) {
        await hers.keyboard.press('Tab');
        reached = await hers.evaluate(
          () => document.activeElement?.textContent?.trim() === 'Rouvrir la déclaration',
        );
      }
      expect(reached).toBe(true);
      await hers.keyboard.press('Enter');
      await hers.keyboard.press('Tab');
      await hers.keyboard.type('L’établissement signale une nouvelle alerte sur le PACS.');
      await hers.keyboard.press('Tab');
      await hers.keyboard.press('Enter');
      await eventually(async () => (await read(id)).status, 'QUALIFIED');
      await hers.locator('ol[aria-label]').last().getByText('Déclaration rouverte').waitFor();
    } finally {
      await hers.context().close();
    }
  });
});
