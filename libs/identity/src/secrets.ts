import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: a session id, a `state`, a login cookie, an activation or API token. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the identity tables keep of a secret a person or a browser holds: its SHA-256 (hex), so a leaked table opens nothing. */
export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
