import { Global, Module } from '@nestjs/common';
import type {
  Activation,
  LocalAccountSummary,
  LocalAccountsPort,
  NewLocalAccount,
  PasswordCheck,
} from '@vigie/identity';
import { randomBytes, randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNTS } from '../../apps/api/src/identity/identity.tokens';

/**
 * UNTIL MERGED: a stand-in for `LocalAccounts` (libs/identity/src/local-accounts.ts), written by
 * another engineer at the same time, so that the users routes' tests run before it lands. In
 * memory, only what the users routes call. Replace with the real LocalAccountsModule at merge.
 */
export class LocalAccountsUntilMerged implements LocalAccountsPort {
  readonly accounts = new Map<string, LocalAccountSummary & { displayName: string; activation: string }>();

  private activation(accountId: string): Activation {
    return { accountId, token: randomBytes(32).toString('base64url'), expiresAt: '2099-01-01T00:00:00.000Z' };
  }

  async create(account: NewLocalAccount): Promise<Activation> {
    const email = account.email.trim().toLowerCase();
    if ([...this.accounts.values()].some((held) => held.email === email))
      throw new Error('an account exists for this e-mail');
    const accountId = randomUUID();
    const activation = this.activation(accountId);
    this.accounts.set(accountId, {
      accountId,
      userId: account.userId,
      email,
      displayName: account.displayName,
      activated: false,
      lockedUntil: null,
      totpRequired: account.totpRequired,
      totpEnrolled: false,
      disabled: false,
      activation: activation.token,
    });
    return activation;
  }

  private byUser(userId: string) {
    return [...this.accounts.values()].find((account) => account.userId === userId) ?? null;
  }

  async renewActivation(userId: string): Promise<Activation | null> {
    const account = this.byUser(userId);
    if (account === null) return null;
    const activation = this.activation(account.accountId);
    account.activation = activation.token;
    return activation;
  }

  async activate(): Promise<boolean> {
    throw new Error('not in the stand-in');
  }

  async checkPassword(): Promise<PasswordCheck> {
    throw new Error('not in the stand-in');
  }

  async changePassword(): Promise<boolean> {
    throw new Error('not in the stand-in');
  }

  async ofUser(userId: string): Promise<LocalAccountSummary | null> {
    const account = this.byUser(userId);
    if (account === null) return null;
    const { displayName: _name, activation: _activation, ...summary } = account;
    return summary;
  }

  async ofAccount(accountId: string): Promise<LocalAccountSummary | null> {
    const account = this.accounts.get(accountId);
    return account === undefined ? null : this.ofUser(account.userId as string);
  }

  async setTotpRequired(userId: string, required: boolean): Promise<void> {
    const account = this.byUser(userId);
    if (account !== null) account.totpRequired = required;
  }

  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    const account = this.byUser(userId);
    if (account !== null) account.disabled = disabled;
  }

  async deleteOfUser(userId: string): Promise<void> {
    const account = this.byUser(userId);
    if (account !== null) this.accounts.delete(account.accountId);
  }
}

/** LOCAL_ACCOUNTS for a TestApi: `TestApi.start(env, { imports: [localAccountsUntilMerged(accounts)] })`. */
export function localAccountsUntilMerged(accounts: LocalAccountsUntilMerged) {
  @Global()
  @Module({ providers: [{ provide: LOCAL_ACCOUNTS, useValue: accounts }], exports: [LOCAL_ACCOUNTS] })
  class LocalAccountsUntilMergedModule {}
  return LocalAccountsUntilMergedModule;
}
