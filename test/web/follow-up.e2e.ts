/// <reference lib="dom" />
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { bearer, FINESS, submission, THIRD_FINESS } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface View {
  id: string;
  revision: number;
  status: string;
  description: string;
  reference?: string | null;
  complements: { question: string; answer: string | null }[];
}

/**
 * The declarant's follow-up on real sessions: "Mes déclarations" and a declaration's page, the
 * CERT acting through the API meanwhile (a complement request, a concurrent amendment). Nothing
 * is intercepted; requests are only observed, to check their headers.
 */
// Logins, axe runs and refetches on 2 shared cores.
jest.setTimeout(90_000);

describe('The declarant follows their declarations up, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let declarant: StorageState;
  let stranger: StorageState;
  let script: { Authorization: string };
  let analyst: { Authorization: string };

  const newContext = (storageState: StorageState, viewport = DESKTOP) =>
    browser.newContext({ viewport, locale: 'fr-FR', storageState });

  async function sessionOf(user: TestUser): Promise<StorageState> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    try {
      await logIn(await context.newPage(), web, user);
      return await context.storageState();
    } finally {
      await context.close();
    }
  }

  /** A declaration of FINESS submitted by a script, its clocks started an hour ago (NIS2: an essential entity). */
  async function declare(overrides: Record<string, unknown> = {}): Promise<View> {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const base = submission();
    const created = await web.api.http
      .post('/api/v1/declarations')
      .set(script)
      .send({
        ...base,
        structure: { ...(base.structure as object), nis2: 'ESSENTIAL' },
        occurredAt: hourAgo,
        detectedAt: hourAgo,
        ...overrides,
      })
      .expect(201);
    return read((created.body as { id: string }).id, created.body.position as string);
  }

  async function read(id: string, minPosition?: string): Promise<View> {
    const answer = await web.api.http
      .get(`/api/v1/declarations/${id}`)
      .query(minPosition ? { minPosition } : await web.api.caughtUp())
      .set(analyst)
      .expect(200);
    return answer.body as View;
  }

  interface Opened {
    page: Page;
    csp: () => Promise<string[]>;
    requests: Request[];
  }

  async function open(path: string, who: StorageState, viewport = DESKTOP): Promise<Opened> {
    const page = await (await newContext(who, viewport)).newPage();
    const csp = await watchCsp(page);
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request);
    });
    await page.goto(`${web.url}${path}`);
    await page.waitForLoadState('networkidle');
    return { page, csp, requests };
  }

  const pathOf = (view: View) => `/declarations/${view.reference ?? view.id}`;
  const shortRef = (view: View) => view.reference ?? view.id.slice(0, 8);

  const noOverflow = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  let first: View;
  let second: View;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
    script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    analyst = bearer(await web.api.token({ role: 'analyst', sub: 'analyst-cert' }));
    const [mine, other] = await Promise.all([
      inviteUser(web, 'declarant', { finess: [FINESS] }),
      inviteUser(web, 'declarant', { finess: [THIRD_FINESS] }),
    ]);
    [declarant, stranger] = await Promise.all([sessionOf(mine), sessionOf(other)]);
    first = await declare();
    second = await declare({ description: 'Messagerie indisponible depuis ce matin.' });
    await web.api.readModelsCaughtUp();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  describe.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])('at %s', (width, viewport) => {
    it('Mes déclarations lists my facility’s declarations with their status and what waits for me, and passes axe', async () => {
      const { page, csp } = await open('/declarations', declarant, viewport);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe('Mes déclarations');
        for (const view of [first, second])
          await page
            .locator('main a:visible', { hasText: shortRef(view) })
            .first()
            .waitFor();
        // Newest first.
        const shown = await page.locator('main a:visible').allTextContents();
        const order = [second, first].map((view) => shown.findIndex((text) => text.includes(shortRef(view))));
        expect(order[0]).toBeLessThan(order[1]);
        const main = await page.locator('main').innerText();
        expect(main).toContain('Transmise');
        // NIS2's notification is due in 71 hours: the countdown runs.
        expect(main).toMatch(
          /Directive NIS2 — Notification d’incident \(72 h\) à transmettre : Reste 2 j 2[23] h/,
        );
        await expectNoAxeViolations(page, `/declarations at ${width}`);
        expect(await csp()).toEqual([]);
        await noOverflow(page);
        await screenshot(
          page,
          viewport === DESKTOP ? 'my-declarations' : `my-declarations-${viewport.width}`,
        );
      } finally {
        await page.context().close();
      }
    });

    it('a declaration’s page shows where it stands, its clocks, its timeline and passes axe', async () => {
      const { page, csp } = await open(pathOf(first), declarant, viewport);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe(`Déclaration ${shortRef(first)}`);
        const main = page.locator('main');
        await main.getByText('Délais réglementaires').waitFor();
        await main.getByText('Déclaration transmise').first().waitFor();
        // textContent: the badges' labels as written, not upper-cased by the DSFR's CSS.
        const text = (await main.textContent()) ?? '';
        expect(text).toContain('Obligation française (Code de la santé publique) — Déclaration sans délai');
        expect(text).toContain('Respecté');
        expect(text).toMatch(/Notification d’incident \(72 h\)[\s\S]*Reste 2 j 2[23] h/);
        expect(text).toContain('Ransom note on several servers');
        await expectNoAxeViolations(page, `${pathOf(first)} at ${width}`);
        expect(await csp()).toEqual([]);
        await noOverflow(page);
        await screenshot(
          page,
          viewport === DESKTOP ? 'declaration-page' : `declaration-page-${viewport.width}`,
        );
      } finally {
        await page.context().close();
      }
    });
  });

  it('the declarant’s home links to Mes déclarations', async () => {
    const { page } = await open('/', declarant);
    try {
      await page.getByRole('link', { name: 'Mes déclarations' }).click();
      await page.waitForURL((url) => url.pathname === '/declarations');
      await page.locator('main h1', { hasText: 'Mes déclarations' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('filters by status and finds a reference, both kept in the URL; words of the description are searched outside it', async () => {
    const { page } = await open('/declarations', declarant);
    try {
      await page.getByLabel('Statut').selectOption('CLOSED');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL((url) => url.searchParams.get('statut') === 'CLOSED');
      await page.getByText('Aucune déclaration ne correspond.').waitFor();
      // The view is the URL's: a reload keeps it.
      await page.reload();
      await page.getByText('Aucune déclaration ne correspond.').waitFor();
      await expect(page.getByLabel('Statut').inputValue()).resolves.toBe('CLOSED');
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await page
        .locator('main a:visible', { hasText: shortRef(first) })
        .first()
        .waitFor();

      // q= matches the reference.
      expect(first.reference).toMatch(/^\d{4}-\d{6}$/);
      await page.getByLabel('Rechercher une déclaration').fill(first.reference as string);
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === first.reference);
      await page.getByText('1 déclaration affichée').waitFor();
      await expect(page.locator('main').innerText()).resolves.not.toContain(shortRef(second));

      // Words of the description are searched too, but stay out of the address (they may name someone).
      await page.getByLabel('Rechercher une déclaration').fill('Messagerie indisponible');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.getByText('1 déclaration affichée').waitFor();
      await page
        .locator('main a:visible', { hasText: shortRef(second) })
        .first()
        .waitFor();
      expect(new URL(page.url()).search).toBe('');
    } finally {
      await page.context().close();
    }
  });

  it('a complement the CERT requests through the API is answered on the page (a blank answer refused next to its field)', async () => {
    const view = await declare();
    const question = 'Quels serveurs sont chiffrés ?';
    await web.api.http
      .post(`/api/v1/declarations/${view.id}/complement-requests`)
      .set(analyst)
      .send({ question })
      .expect(200);
    await web.api.readModelsCaughtUp();

    const { page, requests } = await open('/declarations', declarant);
    try {
      const row = page.locator('main tr', { hasText: shortRef(view) });
      await expect(row.textContent()).resolves.toContain('Un complément à fournir au CERT');
      await expect(row.textContent()).resolves.toContain('Complément demandé');
      await row.getByRole('link').click();
      await page.waitForURL((url) => url.pathname === pathOf(view));
      await page.locator('main').getByText(question).first().waitFor();

      const answer = page.getByLabel('Votre réponse au CERT');
      await page.getByRole('button', { name: 'Envoyer' }).first().click();
      const group = page.locator('.fr-input-group--error', { has: answer });
      await group.waitFor();
      await expect(group.textContent()).resolves.toContain('Saisissez votre réponse');
      await expectNoAxeViolations(page, `${pathOf(view)} with a field error`);

      await answer.fill('Les serveurs de fichiers et le PACS.');
      await page.getByRole('button', { name: 'Envoyer' }).first().click();
      await page.getByText('C’est enregistré.').waitFor();
      const posts = requests.filter(
        (request) =>
          request.method() === 'POST' &&
          request.url().endsWith(`/api/v1/declarations/${view.id}/complements`),
      );
      expect(posts.length).toBe(2);
      for (const post of posts) {
        expect(post.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
        expect(post.headers()['x-csrf-token']).toBeTruthy();
      }
      // A new body, a new key (the API refuses a key reused for another body).
      expect(posts[0].headers()['idempotency-key']).not.toBe(posts[1].headers()['idempotency-key']);

      const after = await read(view.id);
      expect(after.status).toBe('SUBMITTED');
      expect(after.complements).toEqual([
        expect.objectContaining({ question, answer: 'Les serveurs de fichiers et le PACS.' }),
      ]);
      // The page shows the new status and the answer in the thread.
      await page.locator('[data-testid="declaration-status"]', { hasText: 'Transmise' }).waitFor();
      await page.locator('main').getByText('Les serveurs de fichiers et le PACS.').first().waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the exchanges: a message of the CERT shows in the thread, the declarant answers from the page', async () => {
    const view = await declare();
    await web.api.http
      .post(`/api/v1/declarations/${view.id}/messages`)
      .set(analyst)
      .send({ body: 'Pouvez-vous nous transmettre la note de rançon ?' })
      .expect(200);
    await web.api.readModelsCaughtUp();
    const { page } = await open(pathOf(view), declarant);
    try {
      const thread = page.locator('section', {
        has: page.locator('h2', { hasText: 'Échanges avec le CERT' }),
      });
      await thread.getByText('Pouvez-vous nous transmettre la note de rançon ?').waitFor();
      await expect(thread.textContent()).resolves.toContain('CERT');
      await page.getByRole('button', { name: 'Écrire au CERT' }).click();
      await page.getByLabel('Votre message').fill('Note jointe au dossier : « Your files are encrypted ».');
      await page.locator('form:visible').getByRole('button', { name: 'Envoyer' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await thread.getByText('Note jointe au dossier', { exact: false }).waitFor();
      const after = (await read(view.id)) as View & { messages: { author: string; body: string }[] };
      expect(after.messages.map((message) => [message.author, message.body])).toEqual([
        ['CERT', 'Pouvez-vous nous transmettre la note de rançon ?'],
        ['FACILITY', 'Note jointe au dossier : « Your files are encrypted ».'],
      ]);
      // In the history too, each message with its side.
      const history = page.locator('section', { has: page.locator('h2', { hasText: 'Historique' }) });
      await expect(history.locator('li', { hasText: 'Message' }).count()).resolves.toBeGreaterThanOrEqual(2);
    } finally {
      await page.context().close();
    }
  });

  it('a conflicting amendment gets 412: the page says so, shows what changed, keeps the input and re-applies it', async () => {
    const view = await declare();
    const { page, requests } = await open(pathOf(view), declarant);
    try {
      await page.getByRole('button', { name: 'Compléter ou corriger la déclaration' }).click();
      const description = page.getByLabel('Description');
      await description.waitFor();
      const mine = 'Rançongiciel sur 3 serveurs ; dossier patient indisponible ; plan de continuité activé.';
      await description.fill(mine);

      // Meanwhile, the CERT corrects the description through the API.
      const theirs = 'Rançongiciel confirmé par le CERT.';
      await web.api.http
        .post(`/api/v1/declarations/${view.id}/amendments`)
        .set(analyst)
        .set('If-Match', `"${view.revision}"`)
        .send({ description: theirs })
        .expect(200);

      await page.getByRole('button', { name: 'Envoyer' }).click();
      const panel = page.locator('.fr-alert--warning', {
        hasText: 'Quelqu’un a modifié cette déclaration avant vous',
      });
      await panel.waitFor();
      await panel.locator('[data-testid="conflict-fields"]').waitFor();
      const said = await panel.innerText();
      expect(said).toContain('Description');
      expect(said).toContain(theirs);
      // Someone else than me (the history names no one: actors are opaque ids).
      expect(said).toContain('Une autre personne');
      // The user's input is kept.
      await expect(description.inputValue()).resolves.toBe(mine);
      await expectNoAxeViolations(page, `${pathOf(view)} with a conflict`);
      await screenshot(page, 'declaration-conflict');

      await panel.getByRole('button', { name: 'Réappliquer ma modification' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      const amendments = requests.filter(
        (request) => request.method() === 'POST' && request.url().endsWith('/amendments'),
      );
      expect(amendments.map((request) => request.headers()['if-match'])).toEqual([
        `"${view.revision}"`,
        `"${view.revision + 1}"`,
      ]);
      expect(amendments.map((request) => request.postDataJSON())).toEqual([
        { description: mine },
        { description: mine },
      ]);
      const after = await read(view.id);
      expect(after.description).toBe(mine);
      expect(after.revision).toBe(view.revision + 2);
    } finally {
      await page.context().close();
    }
  });

  /** Presses Tab until the focused element passes `test` (60 presses at most). */
  async function tabTo(page: Page, test: (element: Element) => boolean, what: string): Promise<void> {
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(test, undefined as never).catch(() => false)) return;
    }
    throw new Error(`${what} was not reached with the Tab key`);
  }

  it('works with the keyboard alone: a declaration opened from the list, support requested from its page', async () => {
    const view = await declare();
    await web.api.readModelsCaughtUp();
    const { page } = await open('/declarations', declarant);
    try {
      const ref = shortRef(view);
      await page.locator('main a:visible', { hasText: ref }).first().waitFor();
      await page.evaluate((text) => ((window as unknown as { __ref: string }).__ref = text), ref);
      await tabTo(
        page,
        () =>
          document.activeElement?.textContent?.includes((window as unknown as { __ref: string }).__ref) ??
          false,
        'the declaration’s link',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === pathOf(view));
      await page.locator('main h1', { hasText: ref }).waitFor();

      await tabTo(
        page,
        () => document.activeElement?.textContent?.trim() === 'Demander l’accompagnement du CERT',
        'the support accordion',
      );
      await page.keyboard.press('Enter');
      await tabTo(page, () => document.activeElement?.tagName === 'TEXTAREA', 'the reason');
      await page.keyboard.type('Aide à la restauration des sauvegardes.');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Envoyer');
      await page.keyboard.press('Enter');
      await page.getByText('C’est enregistré.').waitFor();
      const after = (await read(view.id)) as View & { supportRequests: { reason: string }[] };
      expect(after.supportRequests.map((request) => request.reason)).toContain(
        'Aide à la restauration des sauvegardes.',
      );
    } finally {
      await page.context().close();
    }
  });

  it('submits the NIS2 notification and reports the resolution from the page', async () => {
    const view = await declare();
    const { page } = await open(pathOf(view), declarant);
    try {
      await page.getByRole('button', { name: 'Transmettre un rapport NIS2' }).click();
      await page.getByLabel('Étape du rapport').selectOption('NOTIFICATION');
      await page
        .getByLabel('Contenu du rapport')
        .fill('Notification : rançongiciel, 3 serveurs, pas d’exfiltration constatée.');
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      // The clock is met: the page re-reads its clocks.
      await page
        .locator('main li', { hasText: 'Directive NIS2 — Notification d’incident (72 h)' })
        .filter({ hasText: 'Fait le' })
        .first()
        .waitFor();

      await page.getByRole('button', { name: 'Transmettre un rapport NIS2' }).click();
      await page.getByRole('button', { name: 'Signaler la résolution' }).click();
      // Half an hour after it occurred, in the browser's (and this process's) time zone.
      const resolved = new Date(Date.now() - 30 * 60_000);
      const local = new Date(resolved.getTime() - resolved.getTimezoneOffset() * 60_000)
        .toISOString()
        .slice(0, 16);
      await page.getByLabel('Date et heure de la résolution').fill(local);
      await page
        .getByLabel('Comment l’incident a été résolu')
        .fill('Serveurs restaurés depuis les sauvegardes.');
      await page.locator('form:visible').getByRole('button', { name: 'Envoyer' }).click();
      await page.locator('[data-testid="declaration-status"]', { hasText: 'Résolue' }).waitFor();
      const after = (await read(view.id)) as View & {
        reports: { stage: string }[];
        resolution: { summary: string } | null;
      };
      expect(after.reports.map((report) => report.stage)).toEqual(['NOTIFICATION']);
      expect(after.resolution?.summary).toBe('Serveurs restaurés depuis les sauvegardes.');
      expect(after.status).toBe('RESOLVED');
    } finally {
      await page.context().close();
    }
  });

  it('declares the CNIL notification a confidentiality breach needs, a date before the detection refused next to its field', async () => {
    const view = await declare({ dataImpacts: ['CONFIDENTIALITY'] });
    const { page } = await open(pathOf(view), declarant);
    try {
      await page
        .locator('main li', { hasText: 'RGPD (CNIL) — Notification à la CNIL (72 h)' })
        .filter({ hasText: 'Reste 2 j' })
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Déclarer la notification faite à la CNIL' }).click();
      const when = page.getByLabel('Date et heure de la notification à la CNIL');
      await when.fill('2020-01-01T09:00');
      await page.getByLabel('Référence donnée par la CNIL').fill('CNIL-2026-000123');
      await page.locator('form:visible').getByRole('button', { name: 'Envoyer' }).click();
      const group = page.locator('.fr-input-group--error', { has: when });
      await group.waitFor();
      await expect(group.textContent()).resolves.toContain('après le constat de l’incident');
      await expectNoAxeViolations(page, `${pathOf(view)} with a CNIL date refused`);

      const notified = new Date(Date.now() - 10 * 60_000);
      await when.fill(
        new Date(notified.getTime() - notified.getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
      );
      await page.locator('form:visible').getByRole('button', { name: 'Envoyer' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await page
        .locator('main li', { hasText: 'RGPD (CNIL) — Notification à la CNIL (72 h)' })
        .filter({ hasText: 'Fait le' })
        .first()
        .waitFor();
      const after = (await read(view.id)) as View & { cnilNotification: { reference: string } | null };
      expect(after.cnilNotification?.reference).toBe('CNIL-2026-000123');
    } finally {
      await page.context().close();
    }
  });

  it('an unknown reference is a not-found page', async () => {
    const { page } = await open('/declarations/2026-999999', declarant, PHONE);
    try {
      await expect(page.locator('main h1').textContent()).resolves.toBe('Déclaration introuvable');
      await expect(page.title()).resolves.toBe('Déclaration introuvable — Vigie');
      await expectNoAxeViolations(page, '/declarations/2026-999999 at 390 px');
      await noOverflow(page);
    } finally {
      await page.context().close();
    }
  });

  it('an amendment whose 412 comes from the CERT’s own bookkeeping (an assignment) goes through, with no conflict to show', async () => {
    const view = await declare();
    const { page, requests } = await open(pathOf(view), declarant);
    try {
      await page.getByRole('button', { name: 'Compléter ou corriger la déclaration' }).click();
      const mine = 'Rançongiciel ; messagerie coupée par précaution.';
      await page.getByLabel('Description').fill(mine);
      // Meanwhile an analyst takes the declaration: a revision the facility does not read.
      await web.api.http
        .post(`/api/v1/declarations/${view.id}/assignment`)
        .set(analyst)
        .send({ assignee: 'analyst-cert' })
        .expect(200);
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await expect(page.getByText('Quelqu’un a modifié cette déclaration avant vous').count()).resolves.toBe(
        0,
      );
      const amendments = requests.filter(
        (request) => request.method() === 'POST' && request.url().endsWith('/amendments'),
      );
      expect(amendments.map((request) => request.headers()['if-match'])).toEqual([
        `"${view.revision}"`,
        `"${view.revision + 1}"`,
      ]);
      expect((await read(view.id)).description).toBe(mine);
    } finally {
      await page.context().close();
    }
  });

  it('another facility’s declarant sees none of it, in the list or by URL', async () => {
    const { page, requests } = await open('/declarations', stranger);
    try {
      await page.getByText('Vos établissements n’ont encore rien déclaré.').waitFor();
      const list = await page.locator('main').innerText();
      for (const view of [first, second]) expect(list).not.toContain(shortRef(view));

      await page.goto(`${web.url}${pathOf(first)}`);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main h1').textContent()).resolves.toBe('Déclaration introuvable');
      const shown = await page.locator('main').innerText();
      expect(shown).not.toContain('Ransom note');
      expect(shown).not.toContain('Centre hospitalier X');
      const detail = requests.find((request) =>
        [first.id, first.reference].some(
          (key) => new URL(request.url()).pathname === `/api/v1/declarations/${key}`,
        ),
      );
      expect((await detail?.response())?.status()).toBe(404);
      await expectNoAxeViolations(page, `${pathOf(first)} as another facility’s declarant`);
    } finally {
      await page.context().close();
    }
  });
});

describe('With mail on (the default), in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let declarant: StorageState;
  /** The API's clock runs `offsetMs` ahead of the real one, to bring a report's reminder due. */
  let offsetMs = 0;

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebApi({ VIGIE_MAIL: 'on', VIGIE_MAIL_POLL_MS: '200' }, undefined, {
        clock: () => new Date(Date.now() + offsetMs),
      }),
      launchBrowser(),
    ]);
    const user = await inviteUser(web, 'declarant', { finess: [FINESS] });
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    await logIn(await context.newPage(), web, user);
    declarant = await context.storageState();
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  /** The declaration's revision once it moved past `than` (a mail recorded), 10 s at most. */
  async function revisionAfter(id: string, than: number): Promise<number> {
    const analyst = bearer(await web.api.token({ role: 'analyst' }));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const view = await web.api.http
        .get(`/api/v1/declarations/${id}`)
        .query(await web.api.caughtUp())
        .set(analyst)
        .expect(200);
      if ((view.body as View).revision > than) return (view.body as View).revision;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`declaration ${id} stayed at revision ${than}: no mail was recorded`);
  }

  it('an amendment whose 412 comes only from a mail recorded meanwhile goes through, with no conflict to show', async () => {
    // The NIS2 notification falls due in 24 h 3 min: its "due within 24 h" reminder is 5 minutes away.
    const detectedAt = new Date(Date.now() - 48 * 3_600_000 + 3 * 60_000).toISOString();
    const base = submission();
    const script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    const created = await web.api.http
      .post('/api/v1/declarations')
      .set(script)
      .send({
        ...base,
        structure: { ...(base.structure as object), nis2: 'ESSENTIAL' },
        occurredAt: detectedAt,
        detectedAt,
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const reference = (created.body as { reference: string }).reference;
    const seen = await revisionAfter(id, 0); // the receipt's mail

    const page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', storageState: declarant })
    ).newPage();
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') requests.push(request);
    });
    try {
      await page.goto(`${web.url}/declarations/${reference}`);
      await page.locator('main', { hasText: `Version ${seen}` }).waitFor();
      await page.getByRole('button', { name: 'Compléter ou corriger la déclaration' }).click();
      const mine = 'Rançongiciel ; sauvegardes hors ligne intactes.';
      await page.getByLabel('Description').fill(mine);

      // Meanwhile the reminder's mail is recorded in the declaration's stream.
      offsetMs = 5 * 60_000;
      const now = await revisionAfter(id, seen);

      await page.getByRole('button', { name: 'Envoyer' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await expect(page.getByText('Quelqu’un a modifié cette déclaration avant vous').count()).resolves.toBe(
        0,
      );
      const amendments = requests.filter((request) => request.url().endsWith('/amendments'));
      expect(amendments.map((request) => request.headers()['if-match'])).toEqual([`"${seen}"`, `"${now}"`]);
      const analyst = bearer(await web.api.token({ role: 'analyst' }));
      const after = await web.api.http
        .get(`/api/v1/declarations/${id}`)
        .query(await web.api.caughtUp())
        .set(analyst);
      expect((after.body as View).description).toBe(mine);
      // The mails are in the history, told as Vigie's.
      await page.locator('main li', { hasText: 'E-mail envoyé à l’établissement' }).first().waitFor();
    } finally {
      offsetMs = 0;
      await page.context().close();
    }
  });
});
