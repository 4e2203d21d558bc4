/*
 * The console's queue with a big read side, measured in the browser (the closing figures of the
 * console issue):
 *   node -r ./bench/register.js bench/console-queue/console-queue.ts [--declarations 100000] [--runs 5]
 * A generated log of `--declarations` (about 6.5 events each, written raw into the SQLite log), the
 * API on it as the tests start it (the projector folds the log at start), an analyst logged in
 * with TOTP in Debian's Chromium; then: the queue's time to first render (navigation start → the
 * first row in the DOM, the browser's own clock), cold and warm, and the live update's latency
 * (a submission's request sent → its row in the queue, the queue searched for the new ones), each
 * `--runs` times, medians printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateLog } from '../../libs/read-models/src/testing/event-log-generator';
import { DESKTOP, launchBrowser } from '../../test/web/browser';
import { inviteUser, logIn } from '../../test/web/login';
import { startWebApi } from '../../test/web/web-api';
import { bearer, FINESS, submission } from '../../test/support/vigie-api';
import { bulkInsertSqlite, createSqliteLog, inBatches } from '../support/generated-log';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const DECLARATIONS = argument('declarations', 100_000);
const RUNS = argument('runs', 5);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Navigation start → the first row of the queue in the DOM, read on the page's performance clock. */
async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('main tbody tr') !== null, undefined, {
    polling: 'raf',
    timeout: 60_000,
  });
  return page.evaluate(() => Math.round(performance.now()));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-console-bench-'));
  const log = join(dataDir, 'events.sqlite');
  let started = Date.now();
  await createSqliteLog(log);
  const written = bulkInsertSqlite(
    log,
    inBatches(generateLog({ declarations: DECLARATIONS, seed: 1 }), 1000),
  );
  process.stderr.write(
    `log: ${written.events} events of ${DECLARATIONS} declarations written in ${seconds(started)}\n`,
  );

  started = Date.now();
  const web = await startWebApi({ VIGIE_DATA_DIR: dataDir, VIGIE_LOG_LEVEL: 'warn' });
  const browser = await launchBrowser();
  try {
    await web.api.readModelsCaughtUp();
    process.stderr.write(`read models caught up in ${seconds(started)}\n`);
    const analyst = await inviteUser(web, 'analyst', { name: 'Alex Analyste' });
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    const page = await context.newPage();
    await logIn(page, web, analyst, '/console/declarations');
    const queue = `${web.url}/console/declarations`;

    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Cold: a new context, no HTTP cache (the session cookie carried over).
      const fresh = await browser.newContext({
        viewport: DESKTOP,
        locale: 'fr-FR',
        storageState: await context.storageState(),
      });
      const freshPage = await fresh.newPage();
      cold.push(await firstRender(freshPage, queue));
      await fresh.close();
      warm.push(await firstRender(page, queue));
    }

    process.stderr.write(`first render: cold [${cold.join(', ')}] ms, warm [${warm.join(', ')}] ms\n`);
    const script = bearer(await web.api.token({ role: 'declarant', finess: [FINESS] }));
    // The generated declarations run years ahead of today: a search keeps the new ones on the page.
    await page.goto(`${queue}?q=direct`);
    await page.waitForFunction(() => document.querySelector('.fr-icon-success-line') !== null);
    const live: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const sent = Date.now();
      const created = await web.api.http
        .post('/api/v1/declarations')
        .set(script)
        .send(submission({ description: `Arrivée en direct numéro ${run}.` }))
        .expect(201);
      const id = created.body.id as string;
      const { body } = await web.api.http
        .get(`/api/v1/declarations/${id}`)
        .query({ minPosition: created.body.position as string })
        .set(script)
        .expect(200);
      await page
        .locator('main a:visible', { hasText: body.reference as string })
        .first()
        .waitFor({ timeout: 30_000 });
      live.push(Date.now() - sent);
    }
    const round = (values: number[]) => values.map((value) => Math.round(value)).join(', ');
    process.stdout.write(
      [
        `console queue over ${DECLARATIONS.toLocaleString('en')} declarations (${written.events.toLocaleString('en')} events) in the read models`,
        `  first render, cold (new context): median ${median(cold)} ms  [${round(cold)}]`,
        `  first render, warm (cached JS):   median ${median(warm)} ms  [${round(warm)}]`,
        `  live update, submission sent → row shown (queue searched, ?q=direct): median ${median(live)} ms  [${round(live)}]`,
        '',
      ].join('\n'),
    );
    await context.close();
  } finally {
    await browser.close();
    await web.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
