/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (never `playwright install`: nothing downloads here); `VIGIE_CHROMIUM` overrides. */
export const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails, never skips, when there is no browser: the web application's tests are part of `npm test`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: the web tests need it. Run \`apt-get install chromium chromium-l10n\` ` +
        '(or point VIGIE_CHROMIUM at a Chromium binary).',
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS,
    // French date inputs and messages, as a user here has them.
    env: { ...process.env, LANGUAGE: 'fr' },
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** WCAG 2.1 A and AA, as the accessibility statement promises: prints each violation before failing. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  if (violations.length > 0)
    process.stderr.write(`axe violations on ${context}:\n${JSON.stringify(violations, null, 2)}\n`);
  expect({ context, violations }).toEqual({ context, violations: [] });
}

const SCREENSHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** `VIGIE_SCREENSHOTS=1 npx jest test/web` refreshes docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.VIGIE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * What the Content Security Policy blocked on a page, seen both ways: the console's messages and
 * the `securitypolicyviolation` events (recorded by an init script, which the CSP does not apply to).
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) messages.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  return async () => [
    ...messages,
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}
