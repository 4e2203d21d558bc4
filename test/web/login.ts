import { totpCode } from '@vigie/identity';
import type { Page } from 'playwright-core';
import { FINESS } from '../support/vigie-api';
import type { WebApi } from './web-api';

export type Role = 'declarant' | 'analyst' | 'admin';

export const PASSWORD = 'correct horse battery staple 2026';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The base32 TOTP secret once enrolled (analysts and admins). */
  totpSecret?: string;
}

let users = 0;

/**
 * A user invited by an administrator through the users routes, with a local account activated
 * through the public activation route: what `vigie users add` and the activation page do.
 */
export async function inviteUser(
  web: WebApi,
  role: Role,
  options: { name?: string; email?: string; finess?: string[] } = {},
): Promise<TestUser> {
  const admin = `Bearer ${await web.api.token({ role: 'admin', sub: 'test-admin' })}`;
  const n = ++users;
  const email = options.email ?? `${role}-${n}-${Date.now()}@ch-exemple.fr`;
  const name = options.name ?? `Camille Martin`;
  const invited = await fetch(`${web.url}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      name,
      role,
      ...(role === 'declarant' ? { finess: options.finess ?? [FINESS] } : {}),
    }),
  });
  if (invited.status !== 201)
    throw new Error(`invitation answered ${invited.status}: ${await invited.text()}`);
  const { user, activationUrl } = (await invited.json()) as { user: { id: string }; activationUrl: string };
  const token = new URL(activationUrl).hash.slice(1);
  const activated = await fetch(`${web.url}/api/v1/local-accounts/activation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: PASSWORD }),
  });
  if (activated.status !== 204)
    throw new Error(`activation answered ${activated.status}: ${await activated.text()}`);
  return { id: user.id, email, name, role };
}

/** The embedded provider's login form, typed into as a person would; the page ends on the provider's next step. */
export async function typeCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  await page.waitForLoadState('networkidle');
}

/**
 * The whole login of `user` in the browser: Vigie's login button, the provider's form, the
 * second factor for analysts and admins (enrolled at the first login, the secret read off the
 * page as a person would type it into an authenticator), back to `returnTo`.
 */
export async function logIn(page: Page, web: WebApi, user: TestUser, returnTo = '/'): Promise<void> {
  await page.goto(`${web.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await typeCredentials(page, user.email, PASSWORD);
  if (user.role !== 'declarant') {
    const shown = page.locator('#totp-secret');
    if ((await shown.count()) > 0) user.totpSecret = (await shown.innerText()).replace(/\s+/g, '');
    if (user.totpSecret === undefined) throw new Error('no TOTP secret was shown at the first login');
    await page.locator('#code').fill(totpCode(user.totpSecret, new Date()));
    await page.locator('#code').press('Enter');
  }
  await page.waitForURL(
    (url) => url.origin === web.url && url.pathname === new URL(returnTo, web.url).pathname,
  );
  await page.waitForLoadState('networkidle');
}

/** A new user of `role`, logged in in `page`. */
export async function loginAs(page: Page, web: WebApi, role: Role, returnTo = '/'): Promise<TestUser> {
  const user = await inviteUser(web, role);
  await logIn(page, web, user, returnTo);
  return user;
}
