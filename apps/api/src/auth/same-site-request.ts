import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a state-changing request does not come from a page of this site, or null when it does.
 * Fetch Metadata first: `Sec-Fetch-Site: same-origin` is set by the browser and cannot be forged
 * by a page; when present, it decides (a form posted under `Referrer-Policy: no-referrer`
 * sends `Origin: null`, which says nothing). Without it (older browsers, scripts), an `Origin`
 * header, when sent, must be the public origin.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, publicOrigin: string): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' ? null : `Sec-Fetch-Site is ${String(site)}`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== publicOrigin) return 'the Origin is another site';
  return null;
}
