/// <reference lib="dom" />
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink';
import { bearer, FINESS, submission } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const REFERENCE = /^\d{4}-\d{6}$/;

/**
 * The declaration wizard on a real session, nothing intercepted: a declarant invited through the
 * admin route logs in on the embedded provider's page, the browser speaks to the real API (SQLite
 * files), drafts and the outbox live in the browser's real IndexedDB, and "offline" is Chromium's
 * own (`context.setOffline`).
 */
// Logins, axe runs and a web build on 2 shared cores.
jest.setTimeout(90_000);

describe('Declaring an incident in Chromium: the wizard, drafts, the offline outbox, the receipt', () => {
  let web: WebApi;
  let sink: SmtpSink;
  let browser: Browser;
  let declarant: TestUser;
  let state: StorageState;
  let runs = 0;

  beforeAll(async () => {
    // A real SMTP server: the e-mail receipt of a declaration made in the browser arrives there.
    sink = await SmtpSink.start();
    [web, browser] = await Promise.all([
      startWebApi({
        VIGIE_EMERGENCY_PHONE: '09 72 43 91 25',
        VIGIE_MAIL: 'on',
        VIGIE_SMTP_URL: sink.url,
        VIGIE_MAIL_POLL_MS: '50',
      }),
      launchBrowser(),
    ]);
    declarant = await inviteUser(web, 'declarant', { name: 'Jeanne Martin', finess: [FINESS] });
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    await logIn(await context.newPage(), web, declarant);
    state = await context.storageState();
    await context.close();
    // An earlier declaration of the facility: the wizard prefills its name, type and region from it.
    const script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    await web.api.http.post('/api/v1/declarations').set(script).send(submission()).expect(201);
    await web.api.readModelsCaughtUp();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await sink?.stop();
  });

  /** The mail whose subject names `reference`, once the SMTP server has it (15 s at most). */
  async function mailAbout(reference: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = sink.mails.find((mail) => mail.parsed.subject?.includes(reference));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no mail about ${reference} reached the SMTP server`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  interface Opened {
    page: Page;
    context: BrowserContext;
    csp: () => Promise<string[]>;
    /** The submissions the page sent (observed, never intercepted). */
    posts: Request[];
  }

  /** A fresh context (its own, empty IndexedDB) on the declarant's session, at /declarer. */
  async function openWizard(viewport = DESKTOP): Promise<Opened> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', storageState: state });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    const posts: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/declarations')
        posts.push(request);
    });
    await page.goto(`${web.url}/declarer`);
    await page.locator('main h1', { hasText: 'Déclarer un incident' }).waitFor();
    // The facility's structure arrives from its last declaration.
    await page.waitForFunction(
      () => (document.getElementById('declare-structure-name') as HTMLInputElement | null)?.value !== '',
    );
    return { page, context, csp, posts };
  }

  /** A description no other test uses: how the analyst finds this test's declaration. */
  const uniqueDescription = () =>
    `Serveurs chiffrés, dossier patient indisponible (essai ${++runs}-${Date.now()})`;

  async function fillEssentials(page: Page, description: string, email?: string): Promise<void> {
    await page.locator('#declare-declarant-role').fill('RSSI');
    if (email !== undefined) await page.locator('#declare-declarant-email').fill(email);
    await page.locator('#declare-description').fill(description);
    // DSFR's labels cover their inputs: click the label, as a person does.
    for (const id of ['suspectedOrigin-0', 'operationalImpact-1', 'patientEndangerment-1', 'dataImpacts-0'])
      await page.locator(`label[for="declare-${id}"]`).click();
  }

  /** Tab (forwards) until `selector` has the focus: the keyboard alone reaches it, or the test fails. */
  async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
    for (let presses = 0; presses < max; presses++) {
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} was not reached with ${max} presses of Tab`);
  }

  /** The Idempotency-Keys waiting in the page's IndexedDB outbox. */
  const outboxKeys = (page: Page): Promise<string[]> =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('vigie-declare');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const keys = open.result.transaction('outbox').objectStore('outbox').getAllKeys();
            keys.onsuccess = () => resolve(keys.result as string[]);
          };
        }),
    );

  async function declarationsWith(description: string): Promise<{ id: string; reference?: string | null }[]> {
    await web.api.readModelsCaughtUp();
    const analyst = bearer(await web.api.token({ role: 'analyst', sub: 'analyst-declare-e2e' }));
    const page = await web.api.http
      .get('/api/v1/declarations')
      .query({ finess: FINESS, limit: '200' })
      .set(analyst)
      .expect(200);
    return (
      page.body as { items: { id: string; description: string; reference?: string | null }[] }
    ).items.filter((item) => item.description === description);
  }

  const receiptReference = async (page: Page): Promise<string> => {
    await page.waitForURL((url) => url.pathname.endsWith('/accuse'));
    const shown = page.locator('#receipt-reference');
    await shown.waitFor();
    return (await shown.innerText()).trim();
  };

  it('a declarant completes the wizard with the keyboard alone: the receipt shows the reference, the e-mail receipt reaches the SMTP server, the declaration is in "Mes déclarations"', async () => {
    const started = Date.now();
    const { page, context, posts } = await openWizard();
    try {
      const keyboard = page.keyboard;
      // The essentials: name, e-mail, facility and its structure are prefilled; the rest typed.
      await tabTo(page, '#declare-declarant-role');
      await keyboard.type('Directeur des systèmes d’information');
      await tabTo(page, '#declare-declarant-phone');
      await keyboard.type('01 23 45 67 89');
      const description = uniqueDescription();
      await tabTo(page, '#declare-description');
      await keyboard.type(description);
      // A radio group: Tab enters it on its first option, Space picks it, arrows move the choice.
      await tabTo(page, '#declare-suspectedOrigin-0');
      await keyboard.press('Space');
      await tabTo(page, '#declare-operationalImpact-0');
      await keyboard.press('ArrowDown');
      await tabTo(page, '#declare-patientEndangerment-0');
      await keyboard.press('ArrowDown');
      await tabTo(page, '#declare-dataImpacts-0');
      await keyboard.press('Space');
      await tabTo(page, '#declare-next');
      await keyboard.press('Enter');
      await page.locator('.fr-stepper__title', { hasText: 'Le constat' }).waitFor();

      await tabTo(page, '#declare-systemsConcerned-0');
      await keyboard.press('Space');
      await tabTo(page, '#declare-suspected-type');
      // A closed select: the arrows change its value.
      await keyboard.press('ArrowDown');
      await keyboard.press('ArrowDown');
      await tabTo(page, '#declare-next');
      await keyboard.press('Enter');
      await page.locator('.fr-stepper__title', { hasText: 'Mesures et soutien' }).waitFor();

      await tabTo(page, '#declare-measures-taken');
      await keyboard.type('Réseau isolé, mode dégradé activé.');
      await tabTo(page, '#declare-supportRequested-0');
      await keyboard.press('Space');
      await tabTo(page, '#declare-next');
      await keyboard.press('Enter');
      await page.locator('.fr-stepper__title', { hasText: 'Vérifier et envoyer' }).waitFor();
      await page.locator('main dd', { hasText: description }).waitFor();

      await tabTo(page, '#declare-send');
      await keyboard.press('Enter');
      const shown = await receiptReference(page);
      process.stdout.write(`declare.e2e: first page to receipt in ${Date.now() - started} ms\n`);

      expect(posts).toHaveLength(1);
      const answer = (await (await posts[0].response())?.json()) as { id: string; reference?: string };
      const body = posts[0].postDataJSON() as Record<string, unknown>;
      expect(body).toMatchObject({
        structure: {
          finess: FINESS,
          name: 'Centre hospitalier X',
          type: 'ES',
          region: '11',
          isOse: false,
          nis2: 'NONE',
        },
        declarant: {
          name: 'Jeanne Martin',
          role: 'Directeur des systèmes d’information',
          email: declarant.email,
        },
        description,
        suspectedOrigin: 'MALICIOUS',
        suspectedType: 'RANSOMWARE',
        operationalImpact: 'DEGRADED',
        patientEndangerment: 'POTENTIAL',
        dataImpacts: ['AVAILABILITY'],
        systemsConcerned: ['PATIENT_RECORD'],
        supportRequested: true,
        measuresTaken: 'Réseau isolé, mode dégradé activé.',
      });
      // What was left unanswered is not sent: the API's defaults ("Je ne sais pas", none) stand.
      expect(body).not.toHaveProperty('handlingState');
      expect(body).not.toHaveProperty('supplierInvolved');
      expect(posts[0].headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.reference).toMatch(REFERENCE);
      expect(shown).toBe(answer.reference);
      await expect(page.locator('main').textContent()).resolves.toContain(description);
      const pdf = page.getByRole('link', { name: 'Télécharger l’accusé de réception (PDF)' });
      const href = await pdf.getAttribute('href');
      expect(href).toBe(`/api/v1/declarations/${answer.id}/receipt?format=pdf&lang=fr`);
      // The link works with the session, as the browser follows it.
      const served = await page.evaluate(async (url) => {
        const response = await fetch(url ?? '');
        const head = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5));
        return { status: response.status, type: response.headers.get('content-type'), head };
      }, href);
      expect(served).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      await expect(page.getByRole('button', { name: 'Imprimer' }).count()).resolves.toBe(1);
      // The e-mail receipt, through the real SMTP server, to the declarant who declared.
      const mail = await mailAbout(answer.reference ?? '');
      expect(mail.envelopeTo).toEqual([declarant.email]);
      expect(mail.parsed.subject).toBe(
        `[Vigie] Accusé de réception de votre déclaration ${answer.reference}`,
      );
      // And in "Mes déclarations", with its reference.
      await page.goto(`${web.url}/declarations`);
      await page
        .getByRole('link', { name: answer.reference ?? '' })
        .first()
        .waitFor();
      // Opened by its id (as a declaration older than references is), the same receipt.
      await page.goto(`${web.url}/declarations/${answer.id}/accuse`);
      await expect(receiptReference(page)).resolves.toBe(answer.reference);
      // The draft went with the sending.
      await page.goto(`${web.url}/declarer`);
      await page.locator('#declare-declarant-role').waitFor();
      await expect(page.getByText('Reprendre le brouillon', { exact: false }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  it('offline, the declaration waits on the device, then is sent once with its key when the network returns', async () => {
    const { page, context, posts } = await openWizard();
    try {
      const description = uniqueDescription();
      await fillEssentials(page, description);
      await context.setOffline(true);
      await page.locator('#declare-send').click();
      await page
        .getByText(
          'Pas de connexion : votre déclaration est enregistrée sur cet appareil et sera envoyée dès le retour du réseau',
          { exact: false },
        )
        .waitFor();
      await expect(page.getByText('En attente d’envoi').count()).resolves.toBe(1);
      expect(await declarationsWith(description)).toHaveLength(0);

      await context.setOffline(false);
      const shown = await receiptReference(page);
      const found = await declarationsWith(description);
      expect(found).toHaveLength(1);
      expect(found[0].reference).toMatch(REFERENCE);
      expect(shown).toBe(found[0].reference);
      // Every attempt carried the same key; exactly one was answered 201.
      const keys = new Set(posts.map((request) => request.headers()['idempotency-key']));
      expect(keys.size).toBe(1);
      const statuses = await Promise.all(posts.map(async (request) => (await request.response())?.status()));
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      // Nothing left waiting on the device.
      await expect(outboxKeys(page)).resolves.toEqual([]);
      // From the receipt to the declaration's page.
      await page.getByRole('link', { name: 'Voir la déclaration' }).click();
      await page.waitForURL((url) => url.pathname === `/declarations/${shown}`);
    } finally {
      await context.close();
    }
  });

  it('a declaration left waiting when the page closed is sent at the next start of the app, on any page', async () => {
    const { page, context, posts } = await openWizard();
    try {
      const description = uniqueDescription();
      await fillEssentials(page, description);
      await context.setOffline(true);
      await page.locator('#declare-send').click();
      await page.getByText('En attente d’envoi').waitFor();
      expect(posts).toHaveLength(0);
      const stored = await outboxKeys(page);
      expect(stored).toHaveLength(1);
      await page.close();
      await context.setOffline(false);
      expect(await declarationsWith(description)).toHaveLength(0);

      // The home page this time: the outbox is the app's, not the wizard's.
      const later = await context.newPage();
      const sent = later.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/v1/declarations',
      );
      await later.goto(`${web.url}/`);
      expect((await sent).status()).toBe(201);
      expect((await sent).request().headers()['idempotency-key']).toBe(stored[0]);
      expect(await declarationsWith(description)).toHaveLength(1);
      // Nothing is sent twice: a visit to the wizard finds neither the entry nor the draft.
      await later.goto(`${web.url}/declarer`);
      await later.locator('#declare-declarant-role').waitFor();
      await expect(later.getByText('Reprendre le brouillon', { exact: false }).count()).resolves.toBe(0);
      expect(await declarationsWith(description)).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('a double click sends one request', async () => {
    const { page, context, posts } = await openWizard();
    try {
      const description = uniqueDescription();
      await fillEssentials(page, description);
      await page.locator('#declare-send').dblclick();
      await receiptReference(page);
      expect(posts).toHaveLength(1);
      expect(await declarationsWith(description)).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('a reload in the middle of the wizard offers the draft again, kept in IndexedDB only', async () => {
    const { page, context } = await openWizard();
    try {
      const description = uniqueDescription();
      await fillEssentials(page, description);
      await page.locator('#declare-next').click();
      await page.locator('label[for="declare-handlingState-0"]').click();
      // Past the ~300 ms debounce.
      await page.waitForTimeout(800);
      await page.reload();
      const resume = page.getByRole('button', { name: /^Reprendre le brouillon du / });
      await resume.waitFor();
      await expect(page.getByRole('button', { name: 'Recommencer' }).count()).resolves.toBe(1);
      const storages = await page.evaluate(() =>
        JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
      );
      expect(storages).not.toContain('Serveurs chiffrés');
      await resume.click();
      await page.locator('.fr-stepper__title', { hasText: 'Le constat' }).waitFor();
      await expect(page.locator('#declare-handlingState-0').isChecked()).resolves.toBe(true);
      await page.locator('#declare-previous').click();
      await expect(page.locator('#declare-description').inputValue()).resolves.toBe(description);
      await expect(page.locator('#declare-declarant-role').inputValue()).resolves.toBe('RSSI');
      await expect(page.locator('#declare-suspectedOrigin-0').isChecked()).resolves.toBe(true);

      // "Recommencer" forgets it.
      await page.reload();
      await page.getByRole('button', { name: 'Recommencer' }).click();
      await expect(page.locator('#declare-description').inputValue()).resolves.toBe('');
    } finally {
      await context.close();
    }
  });

  it('a 400 of the API shows its message in French next to its field, back on its step, with the focus on it', async () => {
    const { page, context, posts } = await openWizard();
    try {
      await fillEssentials(page, uniqueDescription(), 'jeanne.martin@');
      for (let step = 0; step < 3; step++) await page.locator('#declare-next').click();
      await page.locator('.fr-stepper__title', { hasText: 'Vérifier et envoyer' }).waitFor();
      await page.locator('#declare-send').click();
      const message = page.locator('#declare-declarant-email-desc-error');
      await message.waitFor();
      await expect(message.innerText()).resolves.toContain(
        'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.',
      );
      await page.locator('.fr-stepper__title', { hasText: 'Les essentiels' }).waitFor();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('declare-declarant-email');
      const answer = await posts[0].response();
      expect(answer?.status()).toBe(400);
      expect(
        ((await answer?.json()) as { errors: { field: string }[] }).errors.map((error) => error.field),
      ).toContain('declarant.email');
      await expectNoAxeViolations(page, '/declarer with a field in error');
    } finally {
      await context.close();
    }
  });

  it('a region that is not the FINESS number’s is refused, told in French next to both fields', async () => {
    const { page, context, posts } = await openWizard();
    try {
      await fillEssentials(page, uniqueDescription());
      // The facility's FINESS is a Paris number (Île-de-France, 11): Auvergne-Rhône-Alpes contradicts it.
      await page.locator('#declare-region').selectOption('84');
      for (let step = 0; step < 3; step++) await page.locator('#declare-next').click();
      await page.locator('.fr-stepper__title', { hasText: 'Vérifier et envoyer' }).waitFor();
      await page.locator('#declare-send').click();
      // DSFR's select says its error in its messages group, named after the select.
      const region = page.locator('#declare-region-messages-group p');
      await region.waitFor();
      await expect(region.innerText()).resolves.toContain('celle du département de son numéro FINESS');
      const answer = await posts[0].response();
      expect(answer?.status()).toBe(400);
      expect(
        ((await answer?.json()) as { errors: { field: string }[] }).errors.map((error) => error.field).sort(),
      ).toEqual(['structure.finess', 'structure.region']);
      await expectNoAxeViolations(page, '/declarer with the region contradicting the FINESS');
    } finally {
      await context.close();
    }
  });

  it('sending with an essential left empty says so next to it, sends nothing, and the message goes once it is typed', async () => {
    const { page, context, posts } = await openWizard();
    try {
      await page.locator('#declare-declarant-role').fill('RSSI');
      await page.locator('#declare-send').click();
      const message = page.locator('#declare-description-desc-error');
      await expect(message.innerText()).resolves.toContain('Ce champ est obligatoire.');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('declare-description');
      await expect(page.locator('#declare-suspectedOrigin-messages').innerText()).resolves.toContain(
        'Ce champ est obligatoire.',
      );
      expect(posts).toHaveLength(0);
      await page.keyboard.type('Messagerie indisponible');
      await message.waitFor({ state: 'detached' });
      await expectNoAxeViolations(page, '/declarer with essentials missing');
    } finally {
      await context.close();
    }
  });

  describe.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])('at %s', (width, viewport) => {
    it('each step and the receipt pass axe, overflow nothing and break no CSP rule', async () => {
      const { page, context, csp } = await openWizard(viewport);
      const check = async (what: string) => {
        await expectNoAxeViolations(page, `${what} at ${width}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ what, overflow: Math.max(overflow, 0) }).toEqual({ what, overflow: 0 });
      };
      try {
        await page.getByText('Appelez aussi le CERT 24 h/24 au 09 72 43 91 25', { exact: false }).waitFor();
        await check('step 1');
        if (viewport === PHONE) await screenshot(page, 'declare-phone');
        await fillEssentials(page, uniqueDescription());
        for (const title of ['Le constat', 'Mesures et soutien', 'Vérifier et envoyer']) {
          await page.locator('#declare-next').click();
          await page.locator('.fr-stepper__title', { hasText: title }).waitFor();
          await check(title);
        }
        await page.locator('#declare-send').click();
        await receiptReference(page);
        // The clocks have arrived.
        await page.waitForFunction(
          () =>
            !document.getElementById('receipt-deadlines')?.parentElement?.textContent?.includes('Chargement'),
        );
        await check('the receipt');
        if (viewport === DESKTOP) await screenshot(page, 'receipt');
        expect(await csp()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
