/**
 * The embedded provider's local accounts, as the rest of Vigie uses them (the CLI's `vigie users
 * add`, the users routes, "my account"). Implemented by `LocalAccounts` (local-accounts.ts) on the
 * identity database. E-mails are compared lower-cased and trimmed.
 */
export interface NewLocalAccount {
  email: string;
  displayName: string;
  /** The Vigie user the account is for. */
  userId: string;
  /** Analysts and admins: a TOTP second factor is enrolled at the first login and asked at each. */
  totpRequired: boolean;
}

/** A one-time set-password token (43 base64url characters), valid `ACTIVATION_TTL_MS`; only its hash is kept. */
export interface Activation {
  accountId: string;
  token: string;
  expiresAt: string;
}

export type PasswordCheck =
  | { outcome: 'ok'; accountId: string; totp: 'none' | 'enrol' | 'ask' }
  | { outcome: 'wrong' }
  /** Too many failures: refused, even with the right password, until `until`. */
  | { outcome: 'locked'; until: string }
  | { outcome: 'disabled' }
  | { outcome: 'not-activated' };

export interface LocalAccountSummary {
  accountId: string;
  userId: string | null;
  email: string;
  activated: boolean;
  lockedUntil: string | null;
  totpRequired: boolean;
  totpEnrolled: boolean;
  disabled: boolean;
}

export const ACTIVATION_TTL_MS = 7 * 24 * 3600_000;

export interface LocalAccountsPort {
  /** Creates the account (refused if the e-mail has one) and its first activation. */
  create(account: NewLocalAccount): Promise<Activation>;
  /** A new one-time link for the user's account (the previous one stops working). */
  renewActivation(userId: string): Promise<Activation | null>;
  /** Sets the password with a one-time token; false when the token is unknown, used or expired. */
  activate(token: string, password: string): Promise<boolean>;
  checkPassword(email: string, password: string): Promise<PasswordCheck>;
  changePassword(accountId: string, current: string, next: string): Promise<boolean>;
  ofUser(userId: string): Promise<LocalAccountSummary | null>;
  ofAccount(accountId: string): Promise<LocalAccountSummary | null>;
  /** Follows the user's roles: analysts and admins need a second factor. */
  setTotpRequired(userId: string, required: boolean): Promise<void>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
  /** Erasure: the account and its e-mail go. */
  deleteOfUser(userId: string): Promise<void>;
}
