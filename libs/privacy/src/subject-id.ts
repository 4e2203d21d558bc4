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
