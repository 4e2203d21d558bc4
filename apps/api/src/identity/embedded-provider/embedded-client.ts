import { createHmac } from 'node:crypto';
import type { VigieConfig } from '@vigie/config';

/** The web application's client at the embedded provider: the API itself, as the BFF. */
export const EMBEDDED_CLIENT_ID = 'vigie-web';
/** What the client may ask for, and the claims each scope gives. */
export const EMBEDDED_SCOPES = ['openid', 'email', 'profile'];

export const embeddedIssuer = (config: Pick<VigieConfig, 'publicUrl'>): string => `${config.publicUrl}/oidc`;

/** The path of the login pages as the browser sees it (behind a proxy serving Vigie under `/vigie`, `/vigie/oidc/…`). */
export const interactionPath = (config: Pick<VigieConfig, 'publicUrl'>, uid: string): string =>
  `${new URL(embeddedIssuer(config)).pathname}/interaction/${encodeURIComponent(uid)}`;

/** Derived, so that the provider and its client (both in this process) agree without another secret to keep. */
export const embeddedClientSecret = (config: Pick<VigieConfig, 'jwtSecret'>): string =>
  createHmac('sha256', config.jwtSecret).update('vigie-web-client').digest('base64url');

/** The keys signing the provider's cookies, derived from the same secret. */
export const embeddedCookieKeys = (config: Pick<VigieConfig, 'jwtSecret'>): string[] => [
  createHmac('sha256', config.jwtSecret).update('vigie-oidc-cookies').digest('base64url'),
];
