import { randomUUID } from 'node:crypto';
import { randomToken, sha256 } from './secrets';
import { LifecycleConflict } from '@vigie/domain';
import type { DataSource, Repository } from 'typeorm';
import { LocalAccountRow } from './identity.entities';
import {
  ACTIVATION_TTL_MS,
  type Activation,
  type LocalAccountSummary,
  type LocalAccountsPort,
  type NewLocalAccount,
  type PasswordCheck,
} from './local-accounts.port';
import { assertPasswordPolicy } from './local-accounts.policy';
import { decoyHash, hashPassword, verifyPassword } from './password-hash';
import { acceptedStep, newTotpSecret, totpUri } from './totp';

/** Five wrong passwords or codes in a row lock the account for a quarter of an hour. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60_000;
const TOTP_ISSUER = 'Vigie';

export type TotpCheck =
  | { outcome: 'ok' }
  | { outcome: 'wrong' }
  | { outcome: 'locked'; until: string }
  | { outcome: 'disabled' }
  | { outcome: 'not-enrolled' };

export interface TotpEnrolment {
  /** Base32. */
  secret: string;
  otpauthUri: string;
}

/** What the provider puts in its claims. */
export interface LocalAccountProfile {
  accountId: string;
  email: string;
  displayName: string;
  disabled: boolean;
}

export class LocalAccountExists extends LifecycleConflict {
  readonly code = 'local-account-exists';
  constructor() {
    super('An account with this e-mail address already exists');
  }
}

export const normalisedEmail = (email: string): string => email.trim().toLowerCase();

/**
 * `totp_secret` holds the enrolled secret and, while a (re-)enrolment waits for its first code,
 * the pending one: `ACTIVE`, `pending:NEW` or `ACTIVE pending:NEW`. The enrolled factor keeps
 * working until the new one is confirmed.
 */
interface TotpSecrets {
  active: string | null;
  pending: string | null;
}

function secretsOf(stored: string | null): TotpSecrets {
  const secrets: TotpSecrets = { active: null, pending: null };
  for (const part of (stored ?? '').split(' ').filter((piece) => piece !== '')) {
    if (part.startsWith('pending:')) secrets.pending = part.slice('pending:'.length);
    else secrets.active = part;
  }
  return secrets;
}

const storedSecrets = ({ active, pending }: TotpSecrets): string | null =>
  [active, pending === null ? null : `pending:${pending}`].filter((part) => part !== null).join(' ') || null;

/** The embedded provider's accounts on the identity database; instants come from the injected clock. */
export class LocalAccounts implements LocalAccountsPort {
  private readonly rows: Repository<LocalAccountRow>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rows = dataSource.getRepository(LocalAccountRow);
  }

  async create(account: NewLocalAccount): Promise<Activation> {
    const email = normalisedEmail(account.email);
    if ((await this.rows.countBy({ email })) > 0) throw new LocalAccountExists();
    const id = randomUUID();
    const activation = this.newActivation(id);
    const inserted = this.rows.insert({
      id,
      email,
      displayName: account.displayName.trim(),
      userId: account.userId,
      passwordHash: null,
      totpRequired: account.totpRequired,
      totpSecret: null,
      totpLastStep: null,
      failedAttempts: 0,
      lockedUntil: null,
      activationHash: sha256(activation.token),
      activationExpiresAt: activation.expiresAt,
      disabled: false,
      createdAt: this.clock().toISOString(),
    });
    // Two creations racing on one e-mail: the unique index refuses the second.
    await inserted.catch(async (error: unknown) => {
      throw (await this.rows.countBy({ email })) > 0 ? new LocalAccountExists() : error;
    });
    return activation;
  }

  async renewActivation(userId: string): Promise<Activation | null> {
    const row = await this.rows.findOneBy({ userId });
    if (row === null) return null;
    const activation = this.newActivation(row.id);
    await this.rows.update(
      { id: row.id },
      { activationHash: sha256(activation.token), activationExpiresAt: activation.expiresAt },
    );
    return activation;
  }

  async activate(token: string, password: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
    const activationHash = sha256(token);
    const row = await this.rows.findOneBy({ activationHash });
    if (row === null || row.activationExpiresAt === null) return false;
    if (row.activationExpiresAt <= this.clock().toISOString()) return false;
    assertPasswordPolicy(password, row.email, 'password');
    const passwordHash = await hashPassword(password);
    // Conditional on the hash still being there: of two uses racing, one sets the password.
    const { affected } = await this.rows.update(
      { id: row.id, activationHash },
      { passwordHash, activationHash: null, activationExpiresAt: null, failedAttempts: 0, lockedUntil: null },
    );
    return affected === 1;
  }

  async checkPassword(email: string, password: string): Promise<PasswordCheck> {
    const row = await this.rows.findOneBy({ email: normalisedEmail(email) });
    if (row === null) {
      await verifyPassword(password, await decoyHash());
      return { outcome: 'wrong' };
    }
    const locked = this.lockOf(row);
    if (locked !== null || row.passwordHash === null) {
      // As long as a check: the time taken tells nothing of the account's state.
      await verifyPassword(password, await decoyHash());
      return locked !== null ? { outcome: 'locked', until: locked } : { outcome: 'not-activated' };
    }
    if (!(await verifyPassword(password, row.passwordHash))) return this.failure(row);
    if (row.disabled) return { outcome: 'disabled' };
    const totp = secretsOf(row.totpSecret).active !== null ? 'ask' : row.totpRequired ? 'enrol' : 'none';
    // With a second factor to come, the failures count on until the code is right too.
    if (totp === 'none') await this.success(row);
    return { outcome: 'ok', accountId: row.id, totp };
  }

  async changePassword(accountId: string, current: string, next: string): Promise<boolean> {
    const row = await this.rows.findOneBy({ id: accountId });
    if (row === null || row.passwordHash === null || row.disabled) return false;
    assertPasswordPolicy(next, row.email, 'newPassword');
    if (this.lockOf(row) !== null) return false;
    if (!(await verifyPassword(current, row.passwordHash))) {
      await this.failure(row);
      return false;
    }
    await this.rows.update(
      { id: row.id },
      { passwordHash: await hashPassword(next), failedAttempts: 0, lockedUntil: null },
    );
    return true;
  }

  async ofUser(userId: string): Promise<LocalAccountSummary | null> {
    const row = await this.rows.findOneBy({ userId });
    return row === null ? null : this.summaryOf(row);
  }

  async ofAccount(accountId: string): Promise<LocalAccountSummary | null> {
    const row = await this.rows.findOneBy({ id: accountId });
    return row === null ? null : this.summaryOf(row);
  }

  async profileOf(accountId: string): Promise<LocalAccountProfile | null> {
    const row = await this.rows.findOneBy({ id: accountId });
    if (row === null) return null;
    return { accountId: row.id, email: row.email, displayName: row.displayName, disabled: row.disabled };
  }

  async setTotpRequired(userId: string, required: boolean): Promise<void> {
    await this.rows.update({ userId }, { totpRequired: required });
  }

  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.rows.update({ userId }, { disabled });
  }

  async deleteOfUser(userId: string): Promise<void> {
    await this.rows.delete({ userId });
  }

  /** A new secret, pending until `confirmTotp` accepts a code of it; an enrolled one keeps working meanwhile. */
  async startTotpEnrolment(accountId: string): Promise<TotpEnrolment | null> {
    const row = await this.rows.findOneBy({ id: accountId });
    if (row === null) return null;
    const secret = newTotpSecret();
    const secrets = { ...secretsOf(row.totpSecret), pending: secret };
    await this.rows.update({ id: row.id }, { totpSecret: storedSecrets(secrets) });
    return { secret, otpauthUri: totpUri(secret, row.email, TOTP_ISSUER) };
  }

  /** The pending secret, for the enrolment page of a login that resumes. */
  async pendingTotp(accountId: string): Promise<TotpEnrolment | null> {
    const row = await this.rows.findOneBy({ id: accountId });
    const pending = secretsOf(row?.totpSecret ?? null).pending;
    if (row === null || pending === null) return null;
    return { secret: pending, otpauthUri: totpUri(pending, row.email, TOTP_ISSUER) };
  }

  /** A first right code of the pending secret makes it the account's second factor. */
  async confirmTotp(accountId: string, code: string): Promise<TotpCheck> {
    return this.checkTotp(accountId, code, 'pending');
  }

  /** The login's second step; a wrong code counts toward the lock-out as a wrong password does. */
  async verifyTotp(accountId: string, code: string): Promise<TotpCheck> {
    return this.checkTotp(accountId, code, 'active');
  }

  private async checkTotp(accountId: string, code: string, which: keyof TotpSecrets): Promise<TotpCheck> {
    const row = await this.rows.findOneBy({ id: accountId });
    if (row === null) return { outcome: 'not-enrolled' };
    if (row.disabled) return { outcome: 'disabled' };
    const locked = this.lockOf(row);
    if (locked !== null) return { outcome: 'locked', until: locked };
    const secrets = secretsOf(row.totpSecret);
    const secret = secrets[which];
    if (secret === null) return { outcome: 'not-enrolled' };
    const step = acceptedStep(secret, code, this.clock(), row.totpLastStep);
    if (step === null) {
      const failed = await this.failure(row);
      return failed.outcome === 'locked' ? failed : { outcome: 'wrong' };
    }
    const totpSecret =
      which === 'pending' ? storedSecrets({ active: secret, pending: null }) : row.totpSecret;
    // Conditional on the last step: two requests with one code, one wins.
    const { affected } = await this.rows
      .createQueryBuilder()
      .update()
      .set({ totpSecret, totpLastStep: step, failedAttempts: 0, lockedUntil: null })
      .where('id = :id', { id: row.id })
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return affected === 1 ? { outcome: 'ok' } : { outcome: 'wrong' };
  }

  private newActivation(accountId: string): Activation {
    return {
      accountId,
      token: randomToken(),
      expiresAt: new Date(this.clock().getTime() + ACTIVATION_TTL_MS).toISOString(),
    };
  }

  private lockOf(row: LocalAccountRow): string | null {
    return row.lockedUntil !== null && row.lockedUntil > this.clock().toISOString() ? row.lockedUntil : null;
  }

  private async failure(
    row: LocalAccountRow,
  ): Promise<{ outcome: 'wrong' } | { outcome: 'locked'; until: string }> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('id = :id', { id: row.id })
      .execute();
    const after = await this.rows.findOneBy({ id: row.id });
    if (after === null || after.failedAttempts < MAX_FAILED_ATTEMPTS) return { outcome: 'wrong' };
    // The count restarts with the lock: once it lapses, five more tries before the next one.
    const until = new Date(this.clock().getTime() + LOCK_MS).toISOString();
    await this.rows.update({ id: row.id }, { failedAttempts: 0, lockedUntil: until });
    return { outcome: 'locked', until };
  }

  private async success(row: LocalAccountRow): Promise<void> {
    if (row.failedAttempts === 0 && row.lockedUntil === null) return;
    await this.rows.update({ id: row.id }, { failedAttempts: 0, lockedUntil: null });
  }

  private summaryOf(row: LocalAccountRow): LocalAccountSummary {
    return {
      accountId: row.id,
      userId: row.userId,
      email: row.email,
      activated: row.passwordHash !== null,
      lockedUntil: this.lockOf(row),
      totpRequired: row.totpRequired,
      totpEnrolled: secretsOf(row.totpSecret).active !== null,
      disabled: row.disabled,
    };
  }
}
