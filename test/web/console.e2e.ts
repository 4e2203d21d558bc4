/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, FINESS, submission } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface View {
  id: string;
  reference: string;
  revision: number;
  status: string;
  assignee: string | null;
  qualification: { origin: string; type: string; regulatoryQualification: string } | null;
  complements: { question: string }[];
  internalNotes: { body: string }[];
  messages: { body: string }[];
}

/**
 * The CERT's console on real sessions: an analyst (TOTP) in Chromium, declarations submitted by
 * a facility's script through the API meanwhile, a declarant who must never see the console nor
 * an internal note. Nothing is intercepted.
 */
// Logins, axe runs and refetches on 2 shared cores.
jest.setTimeout(120_000);

describe('The CERT’s console, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let analystUser: TestUser;
  let analyst: StorageState;
  let declarant: StorageState;
  let script: { Authorization: string };
  let cert: { Authorization: string };
  let first: View;

  async function sessionOf(user: TestUser): Promise<StorageState> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    try {
      await logIn(await context.newPage(), web, user);
      return await context.storageState();
    } finally {
      await context.close();
    }
  }

  /** A declaration of FINESS from the facility's script, detected `hoursAgo` (NIS2 essential: its clocks run). */
  async function declare(overrides: Record<string, unknown> = {}, hoursAgo = 1): Promise<View> {
    const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const base = submission();
    const created = await web.api.http
      .post('/api/v1/declarations')
      .set(script)
      .send({
        ...base,
        structure: { ...(base.structure as object), nis2: 'ESSENTIAL' },
        occurredAt: at,
        detectedAt: at,
        ...overrides,
      })
      .expect(201);
    return read(created.body.id as string, created.body.position as string);
  }

  async function read(id: string, minPosition?: string): Promise<View> {
    const answer = await web.api.http
      .get(`/api/v1/declarations/${id}`)
      .query(minPosition ? { minPosition } : await web.api.caughtUp())
      .set(cert)
      .expect(200);
    return answer.body as View;
  }

  async function open(path: string, who: StorageState, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', storageState: who });
    const page = await context.newPage();
    await page.goto(`${web.url}${path}`);
    // Not networkidle: the queue holds its live feed open.
    await page.locator('main h1').waitFor();
    return page;
  }

  /** What the API answers once the read models hold it (a command's effect is read a moment later). */
  async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<void> {
    const deadline = Date.now() + 10_000;
    let seen = await probe();
    while (seen !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await probe();
    }
    expect(seen).toBe(expected);
  }

  const noOverflow = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  const row = (page: Page, reference: string) =>
    page.locator('main a:visible', { hasText: reference }).first();

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
    script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    cert = bearer(await web.api.token({ role: 'analyst', sub: 'analyst-script' }));
    const [a, d] = await Promise.all([
      inviteUser(web, 'analyst', { name: 'Alex Analyste' }),
      inviteUser(web, 'declarant', { finess: [FINESS] }),
    ]);
    analystUser = a;
    analyst = await sessionOf(analystUser);
    declarant = await sessionOf(d);
    // Detected 50 hours ago: NIS2's 72-hour notification falls due within 24 h.
    first = await declare(
      {
        patientEndangerment: 'ACTUAL',
        structure: {
          ...(submission().structure as object),
          nis2: 'ESSENTIAL',
          name: 'Centre hospitalier Alpha',
        },
      },
      50,
    );
    await web.api.readModelsCaughtUp();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  describe.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])('at %s', (width, viewport) => {
    it('the queue lists declarations, actual patient endangerment standing out, and passes axe', async () => {
      const page = await open('/console/declarations', analyst, viewport);
      const csp = await watchCsp(page);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe('File des déclarations');
        await row(page, first.reference).waitFor();
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text).toContain('Centre hospitalier Alpha');
        expect(text).toContain('Avérée');
        expect(text).toContain('supposé');
        await expectNoAxeViolations(page, `/console/declarations at ${width}`);
        expect(await csp()).toEqual([]);
        await noOverflow(page);
        await screenshot(page, viewport === DESKTOP ? 'console-queue' : `console-queue-${viewport.width}`);
      } finally {
        await page.context().close();
      }
    });

    it('the deadlines page shows what falls due within 24 h, and passes axe', async () => {
      const page = await open('/console/deadlines', analyst, viewport);
      try {
        await page.getByRole('heading', { name: /À échéance dans les 24 h/ }).waitFor();
        const soon = page.locator('section', {
          has: page.getByRole('heading', { name: /À échéance dans les 24 h/ }),
        });
        await soon.getByText('Centre hospitalier Alpha').first().waitFor();
        expect(await soon.textContent()).toContain('Notification d’incident (72 h)');
        await expectNoAxeViolations(page, `/console/deadlines at ${width}`);
        await noOverflow(page);
        await screenshot(
          page,
          viewport === DESKTOP ? 'console-deadlines' : `console-deadlines-${viewport.width}`,
        );
      } finally {
        await page.context().close();
      }
    });
  });

  it('a declaration submitted through the API appears live, without a reload, and is announced', async () => {
    const page = await open('/console/declarations', analyst);
    try {
      await row(page, first.reference).waitFor();
      let navigations = 0;
      page.on('framenavigated', () => navigations++);
      // Let the feed connect before the submission.
      await page.waitForFunction(() => document.querySelector('.fr-icon-success-line') !== null);
      const started = Date.now();
      const created = await declare({
        description: 'Messagerie chiffrée, déclarée pendant que la file est ouverte.',
      });
      await row(page, created.reference).waitFor({ timeout: 20_000 });
      const latency = Date.now() - started;
      console.log(`live update: ${latency} ms from the submission's 201 request to its row in the queue`);
      await expect(page.getByTestId('queue-news').textContent()).resolves.toBe('1 nouvelle déclaration');
      expect(navigations).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('filters and sorts by the URL, kept across a reload', async () => {
    const other = await declare({
      patientEndangerment: 'NONE',
      structure: { ...(submission().structure as object), nis2: 'ESSENTIAL', name: 'Bêta clinique' },
    });
    await web.api.readModelsCaughtUp();
    const page = await open('/console/declarations', analyst);
    try {
      await row(page, other.reference).waitFor();
      // The filters are folded while none is set.
      await page.getByRole('button', { name: 'Filtres' }).click();
      await page.getByLabel('Mise en danger des patients').selectOption('ACTUAL');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL((url) => url.searchParams.get('patientEndangerment') === 'ACTUAL');
      // The previous page stays until the filtered one comes.
      await row(page, other.reference).waitFor({ state: 'hidden' });
      await row(page, first.reference).waitFor();
      await page.getByRole('button', { name: 'Établissement' }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'structureName');
      await page.reload();
      await row(page, first.reference).waitFor();
      await expect(page.getByLabel('Mise en danger des patients').inputValue()).resolves.toBe('ACTUAL');
      await expect(
        page
          .locator('th', { has: page.getByRole('button', { name: 'Établissement' }) })
          .getAttribute('aria-sort'),
      ).resolves.toBe('ascending');
      await expect(row(page, other.reference).count()).resolves.toBe(0);
      // The tabs count what the filters select, by status.
      await page.getByRole('tab', { name: 'Toutes (1)' }).waitFor();
      await page.getByRole('tab', { name: 'Transmise (1)' }).waitFor();
      // A tab: only the transmitted ones, in the URL too.
      await page.getByRole('tab', { name: 'Transmise' }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'SUBMITTED');
      // The CSV export carries the same filters (once the tab's view has rendered).
      const csv = page.locator('a[href*="status=SUBMITTED"]', { hasText: 'Exporter (CSV)' });
      await csv.waitFor();
      const href = await csv.getAttribute('href');
      expect(href).toContain('format=csv');
      expect(href).toContain('patientEndangerment=ACTUAL');
      // Saved: the view comes back from IndexedDB after a reload.
      await page.getByLabel('Nom de la vue').fill('Patients en danger');
      await page.getByRole('button', { name: 'Enregistrer la vue actuelle' }).click();
      await page.reload();
      await page.getByRole('link', { name: 'Patients en danger' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the analyst assigns, qualifies, requests a complement and writes an internal note the declarant never sees', async () => {
    const target = await declare({ description: 'Rançongiciel sur le PACS, à qualifier.' });
    await web.api.readModelsCaughtUp();
    const page = await open(`/console/declarations/${target.reference}`, analyst);
    const csp = await watchCsp(page);
    try {
      await expect(page.locator('main h1').textContent()).resolves.toBe(`Déclaration ${target.reference}`);
      await page.getByRole('button', { name: 'M’assigner la déclaration' }).click();
      await page.getByTestId('console-assignee').getByText('moi').waitFor();
      const assigned = await read(target.id);
      expect(assigned.assignee).toBe(analystUser.id);

      await page.getByRole('button', { name: 'Qualifier' }).first().click();
      await page.getByLabel('Origine', { exact: true }).selectOption('NON_MALICIOUS');
      // Types of the chosen origin only.
      const options = await page.getByLabel('Type', { exact: true }).locator('option').allTextContents();
      expect(options).toContain('Perte du lien télécom');
      expect(options).not.toContain('Rançongiciel');
      await page.getByLabel('Origine', { exact: true }).selectOption('MALICIOUS');
      await page.getByLabel('Type', { exact: true }).selectOption('RANSOMWARE');
      await page.locator('label', { hasText: 'Hameçonnage' }).click();
      await page.locator('label', { hasText: 'Incident grave' }).click();
      await page.locator('form').getByRole('button', { name: 'Qualifier' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await eventually(async () => (await read(target.id)).qualification?.type, 'RANSOMWARE');

      await page.getByRole('button', { name: 'Demander un complément' }).first().click();
      const complementForm = page.locator('form', { has: page.getByLabel('Question à l’établissement') });
      await complementForm.getByRole('button', { name: 'Demander un complément' }).click();
      await complementForm.getByText('Saisissez votre question').waitFor();
      await page.getByLabel('Question à l’établissement').fill('Quelle version du PACS est touchée ?');
      await complementForm.getByRole('button', { name: 'Demander un complément' }).click();
      await eventually(async () => (await read(target.id)).status, 'COMPLEMENT_REQUESTED');

      const note = 'Piste interne : même groupe que l’incident de mars.';
      await page.getByRole('button', { name: 'Ajouter une note interne' }).first().click();
      await page.getByLabel('Note (invisible pour l’établissement)').fill(note);
      await page
        .locator('form', { has: page.getByLabel('Note (invisible pour l’établissement)') })
        .getByRole('button')
        .click();
      const notes = page.locator('section', { has: page.getByRole('heading', { name: 'Notes internes' }) });
      await notes.getByText(note).waitFor();
      expect(await notes.textContent()).toContain('Note interne — invisible pour l’établissement');
      await page.getByText('Quelle version du PACS est touchée ?').first().waitFor();

      for (const [width, viewport] of [
        ['1280 px', DESKTOP],
        ['390 px', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `/console/declarations/:reference at ${width}`);
        await noOverflow(page);
        await screenshot(
          page,
          viewport === DESKTOP ? 'console-declaration' : `console-declaration-${viewport.width}`,
        );
      }
      // The qualification's form open (origin, type, vectors, radios, scope): axe too.
      await page.setViewportSize(DESKTOP);
      await page.getByRole('button', { name: 'Requalifier' }).first().click();
      await page.getByLabel('Type', { exact: true }).waitFor();
      await expectNoAxeViolations(page, '/console/declarations/:reference, qualification open');
      expect(await csp()).toEqual([]);

      // The declarant's page of the same declaration: the complement, never the note.
      const theirs = await open(`/declarations/${target.reference}`, declarant);
      try {
        await theirs.getByText('Quelle version du PACS est touchée ?').first().waitFor();
        await theirs.waitForLoadState('networkidle');
        const seen = (await theirs.content()) + ((await theirs.locator('body').textContent()) ?? '');
        expect(seen).not.toContain('Piste interne');
        expect(seen).not.toContain('Note interne');
      } finally {
        await theirs.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  it('a change by someone else meanwhile is a 412: told, the input kept, then re-applied on the new revision', async () => {
    const target = await declare({ description: 'Panne du lien télécom, deux sites isolés.' });
    await web.api.readModelsCaughtUp();
    const page = await open(`/console/declarations/${target.reference}`, analyst);
    try {
      await page.getByTestId('console-status').waitFor();
      // Another analyst, through the API, while the page is open.
      await web.api.http
        .post(`/api/v1/declarations/${target.id}/internal-notes`)
        .set(cert)
        .set('Idempotency-Key', `note-${target.id}`)
        .send({ body: 'Vu par un autre analyste.' })
        .expect(200);
      const message = 'Pouvez-vous nous dire si la téléphonie est touchée ?';
      await page.getByRole('button', { name: 'Écrire à l’établissement' }).first().click();
      const form = page.locator('form', { has: page.getByLabel(/^Message/) });
      await page.getByLabel(/^Message/).fill(message);
      await form.getByRole('button', { name: 'Écrire à l’établissement' }).click();
      await form.getByText('Quelqu’un a modifié cette déclaration avant vous').waitFor();
      await expect(page.getByLabel(/^Message/).inputValue()).resolves.toBe(message);
      await form.getByRole('button', { name: 'Réappliquer ma saisie' }).click();
      await page.getByText('C’est enregistré.').waitFor();
      await eventually(async () => (await read(target.id)).messages.some((m) => m.body === message), true);
    } finally {
      await page.context().close();
    }
  });

  it('a declarant opening the console is refused, on every console URL', async () => {
    for (const path of [
      '/console/declarations',
      `/console/declarations/${first.reference}`,
      '/console/deadlines',
    ]) {
      const page = await open(path, declarant);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe('Accès refusé à la console');
        expect(await page.locator('main').textContent()).not.toContain(
          first.reference === '' ? 'x' : 'Centre hospitalier Alpha',
        );
      } finally {
        await page.context().close();
      }
    }
  });

  it('the analyst’s home links to the console', async () => {
    const page = await open('/', analyst);
    try {
      await page
        .getByRole('link', { name: /Console du CERT/ })
        .first()
        .click();
      await page.waitForURL((url) => url.pathname === '/console/declarations');
      await page.locator('main h1', { hasText: 'File des déclarations' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
