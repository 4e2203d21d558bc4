/**
 * A login as a browser makes it, without a browser: redirects followed by hand, cookies kept per
 * host, each page's first form submitted with its hidden fields plus the ones given. For HTTP-level
 * tests of the login routes; the browser tests (test/web) do the same with Chromium.
 */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    this.cookies.set(url.host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }
}

export interface Navigation {
  method?: string;
  form?: URLSearchParams;
  headers?: Record<string, string>;
  /** A redirect to a URL it accepts is not followed: the Step names it, with the redirect's answer. */
  stopAt?: (url: URL) => boolean;
}

export interface Step {
  url: URL;
  response: Response;
  body: string;
}

/** GETs or POSTs `url` with the jar's cookies, following redirects; the last answer. */
export async function navigate(jar: CookieJar, start: URL, init: Navigation = {}): Promise<Step> {
  let url = start;
  let method = init.method ?? 'GET';
  let body: URLSearchParams | undefined = init.form;
  for (let hop = 0; hop < 20; hop++) {
    const headers: Record<string, string> = { ...init.headers, cookie: jar.header(url) };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (method === 'POST') headers.origin = url.origin;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      url = new URL(location, url);
      if (init.stopAt?.(url) === true) return { url, response, body: '' };
      method = 'GET';
      body = undefined;
      continue;
    }
    return { url, response, body: await response.text() };
  }
  throw new Error(`too many redirects from ${start.href}`);
}

/** The page's first form, submitted with its hidden inputs and `fields`. */
export async function submitForm(
  jar: CookieJar,
  page: Step,
  fields: Record<string, string>,
  navigation: Pick<Navigation, 'stopAt'> = {},
): Promise<Step> {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
  if (form === null)
    throw new Error(`no form on ${page.url.href} (${page.response.status}): ${page.body.slice(0, 300)}`);
  const values = new URLSearchParams();
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name !== undefined) values.set(name, decodeEntities(value));
  }
  for (const [name, value] of Object.entries(fields)) values.set(name, value);
  return navigate(jar, new URL(decodeEntities(form[1]), page.url), {
    method: 'POST',
    form: values,
    ...navigation,
  });
}

const decodeEntities = (text: string): string =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x2F;/g, '/')
    .replace(/&#39;/g, "'");
