/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, FINESS, submission } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn, type TestUser } from './login';
import { startWebApi, type WebApi } from './web-api';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * The console's dashboard (`/console`) and administration (`/console/admin`) on a real service,
 * real logins (TOTP for the CERT): the figures are the API's, the administration an admin's only.
 */
jest.setTimeout(120_000);

describe('The console’s dashboard and administration, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let analyst: StorageState;
  let admin: StorageState;
  let declarant: StorageState;
  let cert: { Authorization: string };
  let endangered: { id: string; reference: string };
  const year = new Date().getFullYear();

  async function sessionOf(user: TestUser): Promise<StorageState> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    try {
      await logIn(await context.newPage(), web, user);
      return await context.storageState();
    } finally {
      await context.close();
    }
  }

  async function open(path: string, who: StorageState, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', storageState: who });
    const page = await context.newPage();
    await page.goto(`${web.url}${path}`);
    await page.locator('main h1').waitFor();
    return page;
  }

  const noOverflow = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
    const script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    cert = bearer(await web.api.token({ role: 'analyst', sub: 'analyst-script' }));
    // Detected 100 hours ago: the NIS2 72-hour notification (an essential entity) is overdue.
    const long = new Date(Date.now() - 100 * 3_600_000).toISOString();
    const base = submission();
    for (const overrides of [
      {
        patientEndangerment: 'ACTUAL',
        occurredAt: long,
        detectedAt: long,
        structure: { ...(base.structure as object), nis2: 'ESSENTIAL' },
      },
      { patientEndangerment: 'ACTUAL' },
      { patientEndangerment: 'NONE', suspectedOrigin: 'MALICIOUS' },
    ]) {
      const created = await web.api.http
        .post('/api/v1/declarations')
        .set(script)
        .send({ ...base, ...overrides })
        .expect(201);
      endangered ??= { id: created.body.id as string, reference: created.body.reference as string };
    }
    await web.api.readModelsCaughtUp();
    const [a, b, d] = await Promise.all([
      inviteUser(web, 'analyst'),
      inviteUser(web, 'admin', { name: 'Ada Admin' }),
      inviteUser(web, 'declarant', { finess: [FINESS] }),
    ]);
    analyst = await sessionOf(a);
    admin = await sessionOf(b);
    declarant = await sessionOf(d);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])(
    'at %s, the dashboard’s figures are the API’s, each a link to the queue, and it passes axe',
    async (width, viewport) => {
      const report = (
        await web.api.http
          .get(`/api/v1/reports/annual/${year}`)
          .query(await web.api.caughtUp())
          .set(cert)
          .expect(200)
      ).body as {
        declarations: { total: number };
        byMonth: Record<string, number>;
        structures: { declaring: number };
        shares: { patientEndangerment: number | null; origin: { MALICIOUS: number | null } };
      };
      const counts = (
        await web.api.http
          .get('/api/v1/declaration-counts')
          .query({ patientEndangerment: 'ACTUAL' })
          .set(cert)
          .expect(200)
      ).body as { byStatus: Record<string, number> };
      const clocks = (
        await web.api.http
          .get('/api/v1/deadlines')
          .query({ status: 'overdue', limit: '200' })
          .set(cert)
          .expect(200)
      ).body as { items: { declarationClosed: boolean }[] };
      const overdue = clocks.items.filter((clock) => !clock.declarationClosed).length;
      expect(overdue).toBeGreaterThan(0);
      const openCount =
        counts.byStatus.SUBMITTED + counts.byStatus.COMPLEMENT_REQUESTED + counts.byStatus.QUALIFIED;
      expect(openCount).toBeGreaterThanOrEqual(2);

      const page = await open('/console', analyst, viewport);
      const csp = await watchCsp(page);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe('Tableau de bord');
        const value = (selector: string) => page.locator(`${selector} [data-value]`).textContent();
        await page.locator('[data-figure="declarations"] [data-value]').waitFor();
        await page.waitForFunction(
          () => document.querySelector('[data-alarm="overdue"] [data-value]')?.textContent !== '…',
        );
        await expect(value('[data-figure="declarations"]')).resolves.toBe(String(report.declarations.total));
        await expect(value('[data-figure="structures"]')).resolves.toBe(String(report.structures.declaring));
        const share = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('fr-FR')} %`);
        await expect(value('[data-figure="patientEndangerment"]')).resolves.toBe(
          share(report.shares.patientEndangerment),
        );
        await expect(value('[data-figure="malicious"]')).resolves.toBe(share(report.shares.origin.MALICIOUS));
        await expect(value('[data-alarm="endangered"]')).resolves.toBe(String(openCount));
        await expect(value('[data-alarm="overdue"]')).resolves.toBe(String(overdue));
        // The chart's data: the 52 weeks the API counts, this week's last.
        await expect(page.locator('[data-chart]').count()).resolves.toBe(1);
        await page.getByText('Voir les données du graphique').click();
        const { body: weekly } = await web.api.http
          .get('/api/v1/declaration-counts/weekly')
          .set(cert)
          .expect(200);
        const lastRow = page.locator('details tbody tr').last();
        await expect(lastRow.locator('td').last().textContent()).resolves.toBe(
          String(weekly.weeks.at(-1).count),
        );
        expect(weekly.weeks.at(-1).count).toBeGreaterThan(0);
        await expect(page.locator('details tbody tr').count()).resolves.toBe(52);
        await expectNoAxeViolations(page, `/console at ${width}`);
        expect(await csp()).toEqual([]);
        await noOverflow(page);
        // The picture with the chart's data folded again, as the page opens.
        await page.getByText('Voir les données du graphique').click();
        if (viewport === DESKTOP) await screenshot(page, 'console-dashboard');

        // Each card opens the queue it counts, filtered by its URL.
        await page.locator('[data-alarm="endangered"] a').click();
        await page.waitForURL('**/console/declarations?patientEndangerment=ACTUAL');
        await page.locator('main a:visible', { hasText: endangered.reference }).first().waitFor();
        await page.goBack();
        await page.locator('[data-figure="malicious"] a').click();
        await page.waitForURL(`**/console/declarations?year=${year}&origin=MALICIOUS`);
      } finally {
        await page.context().close();
      }
    },
  );

  it.each([
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ])(
    'at %s, an admin sees the users and the read-access log, filtered by its URL, and it passes axe',
    async (width, viewport) => {
      // An analyst's read of the declaration: what the log records.
      await web.api.http.get(`/api/v1/declarations/${endangered.id}`).set(cert).expect(200);
      const page = await open(`/console/admin?declarationId=${endangered.id}`, admin, viewport);
      const csp = await watchCsp(page);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe('Administration');
        await page.getByRole('heading', { name: 'Utilisateurs', exact: true }).waitFor();
        await page.getByText('Ada Admin').first().waitFor();
        const log = page.locator('section', {
          has: page.getByRole('heading', { name: 'Journal des consultations' }),
        });
        await log.getByText('analyst-script').first().waitFor();
        const reads = (
          await web.api.http
            .get('/api/v1/audit/reads')
            .query({ declarationId: endangered.id, limit: '50' })
            .set(bearer(await web.api.token({ role: 'admin', sub: 'test-admin' })))
            .expect(200)
        ).body as { items: { actor: string; declarationId: string }[] };
        expect(reads.items.length).toBeGreaterThan(0);
        // One row per read of that declaration, and none of another.
        await expect(log.locator('tbody tr').count()).resolves.toBe(reads.items.length);
        await expect(page.getByLabel('Déclaration (identifiant)').inputValue()).resolves.toBe(endangered.id);
        await expectNoAxeViolations(page, `/console/admin at ${width}`);
        expect(await csp()).toEqual([]);
        await noOverflow(page);
        if (viewport === DESKTOP) await screenshot(page, 'console-admin');
      } finally {
        await page.context().close();
      }
    },
  );

  it('the mail and webhook settings show where they point, as the API says, and never a secret', async () => {
    // Read at each request from the environment, as the notifier reads it (set after the start:
    // this process's notifier did not start, nothing is delivered).
    const secrets = {
      VIGIE_WEBHOOK_SECRET: 'a-webhook-signing-secret-of-forty-characters',
      VIGIE_WEBHOOK_HFDS: 'https://hfds-user:hfds-token@hfds.example.fr:8443/hook/tok3n?key=k3y',
      VIGIE_WEBHOOK_ARS_11: 'https://ars-idf.example.fr/in/s3cr3t-path',
    };
    Object.assign(process.env, secrets);
    try {
      const settings = (
        await web.api.http
          .get('/api/v1/admin/settings/notifications')
          .set(bearer(await web.api.token({ role: 'admin', sub: 'test-admin' })))
          .expect(200)
      ).body as { mail: { mode: string; from: string }; webhooks: { hfds: string; configured: boolean } };
      expect(settings.webhooks).toMatchObject({ configured: true, hfds: 'https://hfds.example.fr:8443' });
      const page = await open('/console/admin', admin);
      try {
        const panel = page.locator('[data-settings="webhooks"]');
        await panel.waitFor();
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text).toContain('https://hfds.example.fr:8443');
        expect(text).toContain('Île-de-France : https://ars-idf.example.fr');
        expect(text).toContain(settings.mail.from);
        for (const secret of [
          'hfds-token',
          'hfds-user',
          'tok3n',
          'k3y',
          's3cr3t',
          secrets.VIGIE_WEBHOOK_SECRET,
        ])
          expect(text).not.toContain(secret);
      } finally {
        await page.context().close();
      }
    } finally {
      for (const name of Object.keys(secrets)) delete process.env[name];
    }
  });

  it('the administration is refused to an analyst and to a declarant', async () => {
    for (const [who, heading] of [
      [analyst, 'Accès réservé aux administrateurs'],
      [declarant, 'Accès refusé à la console'],
    ] as const) {
      const page = await open('/console/admin', who);
      try {
        await expect(page.locator('main h1').textContent()).resolves.toBe(heading);
        expect(await page.locator('main').textContent()).not.toContain('Journal des consultations');
        await expectNoAxeViolations(page, `/console/admin refused`);
      } finally {
        await page.context().close();
      }
    }
    const page = await open('/console', declarant);
    try {
      await expect(page.locator('main h1').textContent()).resolves.toBe('Accès refusé à la console');
    } finally {
      await page.context().close();
    }
  });
});
