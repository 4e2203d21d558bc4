import { createHmac } from 'node:crypto';

/**
 * The e-mail as a person is known by: trimmed and lower-cased (Unicode NFC). Dots and `+tags` are
 * kept: whether they matter is the mail server's business, and merging two people is worse than
 * keeping one person's two addresses apart.
 */
export const normaliseEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase();

/**
 * The data subject's pseudonym: an HMAC-SHA-256 of the normalised e-mail under a server secret, so
 * that the same person always gets the same key (and can be found by `vigie gdpr subject`), while
 * the id says nothing about the address to whoever lacks the secret.
 */
export function subjectIdOf(email: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(normaliseEmail(email), 'utf8').digest();
  return `ds_${digest.subarray(0, 16).toString('base64url')}`;
}

/**
 * What the log keeps of a person's account at an identity provider: an HMAC-SHA-256 of the
 * issuer and its `sub` under the server secret (base64url, 43 characters), kept apart from the
 * e-mail's pseudonym by its label. A login finds its user by it; the `sub` itself is never stored.
 */
export function loginSubjectHashOf(issuer: string, sub: string, secret: string): string {
  return createHmac('sha256', secret).update(`login\u0000${issuer}\u0000${sub}`, 'utf8').digest('base64url');
}

/**
 * What the log keeps to match an invitation to a first login by e-mail (UserInvited `emailHash`):
 * an HMAC-SHA-256 of the normalised e-mail under the server secret (base64url, 43 characters),
 * kept apart from the subject id and the login hash by its label. Whoever lacks the secret learns
 * nothing from it; whoever has it can only test an address they already know.
 */
export function emailHashOf(email: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`email\u0000${normaliseEmail(email)}`, 'utf8')
    .digest('base64url');
}
