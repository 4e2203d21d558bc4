import { InvalidField } from '@vigie/domain';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** A password the policy refuses; `field` is the request's field (`password`, `newPassword`). */
export class PasswordPolicyError extends InvalidField {
  readonly code = 'validation-failed';

  constructor(
    field: string,
    readonly reasons: PasswordRule[],
  ) {
    super(field, `must ${reasons.map((reason) => RULE_TEXT[reason]).join(' and ')}`);
  }
}

export type PasswordRule = 'too-short' | 'too-long' | 'contains-email';

const RULE_TEXT: Record<PasswordRule, string> = {
  'too-short': `have at least ${PASSWORD_MIN_LENGTH} characters`,
  'too-long': `have at most ${PASSWORD_MAX_LENGTH} characters`,
  'contains-email': "not contain the e-mail address's local part",
};

/** The rules the password breaks: length in characters (not bytes), and not the e-mail's local part. */
export function passwordPolicyBreaches(password: string, email: string): PasswordRule[] {
  const length = [...password].length;
  const local = email.trim().toLowerCase().split('@', 1)[0];
  const breaches: PasswordRule[] = [];
  if (length < PASSWORD_MIN_LENGTH) breaches.push('too-short');
  if (length > PASSWORD_MAX_LENGTH) breaches.push('too-long');
  // A local part of one or two letters ("jo@…") would forbid half the dictionary; three is meaningful.
  if (local.length >= 3 && password.toLowerCase().includes(local)) breaches.push('contains-email');
  return breaches;
}

export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  const breaches = passwordPolicyBreaches(password, email);
  if (breaches.length > 0) throw new PasswordPolicyError(field, breaches);
}
