/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, FINESS, qualification, submission } from '../support/vigie-api';
import { DESKTOP, expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchCsp } from './browser';
import { inviteUser, logIn } from './login';
import { startWebApi, type WebApi } from './web-api';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * The console's report page on a real service: an analyst (TOTP) in Chromium reads the year's
 * report now and as it stood on a day, downloads it, publishes an edition and sees the
 * restatement a requalification made. Every figure is compared with the API's own answer.
 */
jest.setTimeout(120_000);

describe('The report page of the console, in Chromium', () => {
  let web: WebApi;
  let browser: Browser;
  let analyst: StorageState;
  let cert: { Authorization: string };
  const year = new Date().getFullYear();
  const declared: { id: string; reference: string }[] = [];

  async function open(path: string, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', storageState: analyst });
    const page = await context.newPage();
    await page.goto(`${web.url}${path}`);
    await page.locator('main h1').waitFor();
    return page;
  }

  /** Every cell the page shows (`data-cell="path|row|column"`), as text. */
  const pageCells = (page: Page) =>
    page.$$eval('[data-cell]', (nodes) =>
      Object.fromEntries(nodes.map((node) => [node.getAttribute('data-cell'), node.textContent ?? ''])),
    );

  /** The same cells from a report's JSON, as the page prints them (fr-FR numbers, "<5" kept). */
  function expectedCells(report: Record<string, unknown>, cells: Record<string, string>) {
    const expected: Record<string, string> = {};
    for (const name of Object.keys(cells)) {
      const [path, row, column] = name.split('|');
      let node: unknown = report;
      for (const part of [...path.split('.'), row, ...(column === 'count' ? [] : [column])])
        node = (node as Record<string, unknown>)[part];
      const percent = path.startsWith('shares') || column === 'shareOnTime' || row === 'evolution';
      expected[name] =
        node === null
          ? '—'
          : typeof node === 'number'
            ? `${node.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}${percent ? ' %' : ''}`
            : String(node);
    }
    return expected;
  }

  const apiReport = async (query: Record<string, string> = {}) =>
    (
      await web.api.http
        .get(`/api/v1/reports/annual/${year}`)
        .query({ ...query, ...(query.asOf ? {} : await web.api.caughtUp()) })
        .set(cert)
        .expect(200)
    ).body as Record<string, unknown> & { declarations: { total: number } };

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApi(), launchBrowser()]);
    const script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    cert = bearer(await web.api.token({ role: 'analyst', sub: 'analyst-script' }));
    for (const overrides of [
      { patientEndangerment: 'ACTUAL' },
      { patientEndangerment: 'NONE' },
      { patientEndangerment: 'POTENTIAL' },
    ]) {
      const created = await web.api.http
        .post('/api/v1/declarations')
        .set(script)
        .send({ ...submission(), ...overrides })
        .expect(201);
      declared.push({ id: created.body.id as string, reference: created.body.reference as string });
    }
    await web.api.readModelsCaughtUp();
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    await logIn(await context.newPage(), web, await inviteUser(web, 'analyst', { name: 'Alex Analyste' }));
    analyst = await context.storageState();
    await context.close();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('shows every table of the report now, the figures the API answers, and passes axe at both widths', async () => {
    const now = await apiReport();
    expect(now.declarations.total).toBeGreaterThanOrEqual(3);
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open(`/console/rapport/${year}`, viewport);
      const csp = await watchCsp(page);
      try {
        await page.locator('[data-cell="declarations|total|count"]').waitFor();
        const cells = await pageCells(page);
        expect(Object.keys(cells).length).toBeGreaterThan(100);
        expect(cells).toEqual(expectedCells(now, cells));
        await expectNoAxeViolations(page, `/console/rapport/${year} at ${viewport.width} px`);
        expect(await csp()).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        if (viewport === DESKTOP) await screenshot(page, 'console-report');
        // The other tab: publishing, the editions, the restatements' picker.
        await page.getByRole('tab', { name: 'Éditions et retraitements' }).click();
        await page.getByRole('button', { name: 'Publier l’édition' }).waitFor();
        expect(new URL(page.url()).searchParams.get('onglet')).toBe('editions');
        await expectNoAxeViolations(page, `/console/rapport/${year}?onglet=editions at ${viewport.width} px`);
        expect(await csp()).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  });

  it('"as it stood on" a day shows exactly the figures of GET …?asOf= at that day’s end, and the public edition masks', async () => {
    const page = await open(`/console/rapport/${year}`);
    try {
      await page.locator('[data-cell="declarations|total|count"]').waitFor();
      // Yesterday: before this test's declarations.
      const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE');
      const requested = page.waitForResponse(
        (response) =>
          response.url().includes(`/api/v1/reports/annual/${year}?`) && response.url().includes('asOf='),
      );
      await page.getByLabel(/Tel qu’il était le/).fill(yesterday);
      await page.getByRole('button', { name: 'Afficher à cette date' }).click();
      const asOf = new URL((await requested).url()).searchParams.get('asOf') as string;
      // The page asks for the day's end in the browser's zone, and keeps the day in its URL.
      const end = new Date(`${yesterday}T00:00:00`);
      end.setDate(end.getDate() + 1);
      expect(asOf).toBe(end.toISOString());
      expect(new URL(page.url()).searchParams.get('asOf')).toBe(yesterday);
      const then = await apiReport({ asOf });
      const now = await apiReport();
      expect(then.declarations.total).toBeLessThan(now.declarations.total);
      await page
        .getByTestId('report-stands-at')
        .getByText(/tel qu’il était/)
        .waitFor();
      // Polled on a timer: the figures change when an answer arrives, not on a frame.
      await page.waitForFunction(
        (total) => document.querySelector('[data-cell="declarations|total|count"]')?.textContent === total,
        then.declarations.total.toLocaleString('fr-FR'),
        { polling: 250 },
      );
      const cells = await pageCells(page);
      expect(cells).toEqual(expectedCells(then, cells));

      // The public edition, now: small counts masked as the API masks them.
      await page.getByRole('button', { name: 'Revenir à maintenant' }).click();
      await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('asOf'));
      await page.locator('label', { hasText: 'Édition publique' }).click();
      await page.waitForFunction(() => new URL(window.location.href).searchParams.get('public') === 'true');
      const masked = await apiReport({ public: 'true' });
      await page.waitForFunction(
        (total) => document.querySelector('[data-cell="declarations|total|count"]')?.textContent === total,
        String(masked.declarations.total),
        { polling: 250 },
      );
      const publicCells = await pageCells(page);
      expect(publicCells).toEqual(expectedCells(masked, publicCells));
      expect(Object.values(publicCells)).toContain('<5');
    } finally {
      await page.context().close();
    }
  });

  it('every download answers 200 with its content type, internal and public, reached with the keyboard alone', async () => {
    const page = await open(`/console/rapport/${year}`);
    try {
      await page.locator('[data-downloads="rapport"] a').first().waitFor();
      const links = page.locator('[data-downloads="rapport"] a');
      expect(await links.count()).toBe(10);
      const types: Record<string, RegExp> = {
        pdf: /^application\/pdf/,
        csv: /^text\/csv/,
        md: /^text\/markdown/,
        html: /^text\/html/,
        json: /^application\/json/,
      };
      for (let index = 0; index < 10; index++) {
        const link = links.nth(index);
        const format = (await link.getAttribute('data-format')) as string;
        const href = (await link.getAttribute('href')) as string;
        // With the session's cookie, as the browser sends it.
        const answer = await page.request.get(`${web.url}${href}`);
        expect({ href, status: answer.status() }).toEqual({ href, status: 200 });
        expect(answer.headers()['content-type']).toMatch(types[format]);
        if ((await link.getAttribute('data-public')) === 'true') expect(href).toContain('public=true');
      }
      // The keyboard: focus the first PDF link by Tab alone, Enter downloads it.
      await page.locator('[data-downloads="rapport"]').scrollIntoViewIfNeeded();
      let focused = '';
      for (let tab = 0; tab < 80 && focused !== 'pdf'; tab++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(
          () =>
            (document.activeElement?.closest('[data-downloads="rapport"]') &&
              document.activeElement?.getAttribute('data-format')) ??
            '',
        );
      }
      expect(focused).toBe('pdf');
      const download = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      expect((await download).suggestedFilename()).toBe(`vigie-report-${year}.pdf`);
    } finally {
      await page.context().close();
    }
  });

  it('publishes an edition; a requalification through the API is a restatement, picked with the keyboard, whose declaration opens', async () => {
    const page = await open(`/console/rapport/${year}?onglet=editions`);
    try {
      await page.getByLabel(/Note de l’édition/).fill('Édition de test');
      await page.getByRole('button', { name: 'Publier l’édition' }).click();
      await page.getByText(/Édition publiée le/).waitFor();
      const editions = (
        await web.api.http.get(`/api/v1/reports/annual/${year}/publications`).set(cert).expect(200)
      ).body.items as { id: string; note: string }[];
      const edition = editions.find((item) => item.note === 'Édition de test');
      expect(edition).toBeDefined();

      // The CERT qualifies the first declaration: its type moves a cell of the report.
      const target = declared[0];
      const qualified = await web.api.http
        .post(`/api/v1/declarations/${target.id}/qualification`)
        .set(cert)
        .send(qualification({ origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS', attackVectors: [] }))
        .expect((answer) => expect([200, 201, 202]).toContain(answer.status));
      await web.api.http
        .get(`/api/v1/declarations/${target.id}`)
        .query({ minPosition: qualified.body.position as string })
        .set(cert)
        .expect(200);
      await web.api.readModelsCaughtUp();

      // The picker with the keyboard alone: the edition (newest first), "now", Compare.
      await page.reload();
      await page.getByLabel('Édition de référence').waitFor();
      await page.getByLabel('Édition de référence').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Comparer');
      await page.keyboard.press('Enter');
      await page.getByTestId('restatements').waitFor();
      expect(new URL(page.url()).searchParams.get('from')).toBe(edition?.id);
      expect(new URL(page.url()).searchParams.get('to')).toBe('now');

      const restated = (
        await web.api.http
          .get(`/api/v1/reports/annual/${year}/publications/${edition?.id}/restatements`)
          .set(cert)
          .expect(200)
      ).body as { changes: { section: string; key: string; declarations: string[] }[] };
      expect(restated.changes.length).toBeGreaterThan(0);
      const shown = await page.$$eval('[data-restated]', (nodes) =>
        nodes.map((node) => node.getAttribute('data-restated')),
      );
      expect(shown).toEqual(restated.changes.map((change) => `${change.section}|${change.key}`));
      const telecom = restated.changes.find(
        (change) => change.section === 'nonMaliciousTypes' && change.key === 'TELECOM_LOSS',
      );
      expect(telecom?.declarations).toEqual([target.id]);
      const text = (await page.getByTestId('restatements').textContent()) ?? '';
      expect(text).toContain('Perte du lien télécom');
      await expectNoAxeViolations(page, `/console/rapport/${year} with a restatement`);
      await page.getByTestId('restatements').scrollIntoViewIfNeeded();
      await screenshot(page, 'console-restatement');

      // Through to the declaration that moved the cell.
      await page
        .locator('tr', { has: page.locator(`[data-restated="nonMaliciousTypes|TELECOM_LOSS"]`) })
        .getByRole('link')
        .click();
      await page.waitForURL(`**/console/declarations/${target.id}`);
      await page.getByRole('heading', { level: 1, name: `Déclaration ${target.reference}` }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
