import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openIdentityDataSource } from './identity-data-source';
import { LocalAccountExists, LocalAccounts, LOCK_MS } from './local-accounts';
import { PasswordPolicyError } from './local-accounts.policy';
import { ACTIVATION_TTL_MS } from './local-accounts.port';
import { hashPassword, verifyPassword } from './password-hash';
import { totpCode } from './totp';

const PASSWORD = 'correct horse battery';
const START = Date.parse('2026-12-02T10:00:00.000Z');

describe('LocalAccounts', () => {
  let dir: string;
  let dataSource: DataSource;
  let now: number;
  let accounts: LocalAccounts;
  const clock = (): Date => new Date(now);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-identity-'));
    dataSource = await openIdentityDataSource(`sqlite:${join(dir, 'identity.sqlite')}`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    now = START;
    await dataSource.query('DELETE FROM identity_local_account');
    accounts = new LocalAccounts(dataSource, clock);
  });

  const activated = async (email = 'jeanne@ch-x.example', totpRequired = false): Promise<string> => {
    const { accountId, token } = await accounts.create({
      email,
      displayName: 'Jeanne Martin',
      userId: `user-${email}`,
      totpRequired,
    });
    expect(await accounts.activate(token, PASSWORD)).toBe(true);
    return accountId;
  };

  describe('passwords', () => {
    it('are stored as scrypt$N$r$p$salt$hash and verified', async () => {
      const hash = await hashPassword(PASSWORD);
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(await verifyPassword(PASSWORD, hash)).toBe(true);
      expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
      expect(await verifyPassword(PASSWORD, 'scrypt$1099511627776$8$1$AAAA$BBBB')).toBe(false);
    });

    it('a policy breach names the field and every broken rule', async () => {
      const { token } = await accounts.create({
        email: 'JM.X@ch-x.example',
        displayName: 'J',
        userId: 'u',
        totpRequired: false,
      });
      const refused = await accounts.activate(token, 'jm.x-short').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PasswordPolicyError);
      expect(refused).toMatchObject({ field: 'password', reasons: ['too-short', 'contains-email'] });
      await expect(accounts.activate(token, 'x'.repeat(129))).rejects.toMatchObject({
        reasons: ['too-long'],
      });
      // The token survives a refused password.
      expect(await accounts.activate(token, PASSWORD)).toBe(true);
    });
  });

  describe('activation', () => {
    it('is single use', async () => {
      const { token } = await accounts.create({
        email: 'a@b.example',
        displayName: 'A',
        userId: 'u1',
        totpRequired: false,
      });
      expect(await accounts.activate(token, PASSWORD)).toBe(true);
      expect(await accounts.activate(token, PASSWORD)).toBe(false);
    });

    it('lapses after seven days', async () => {
      const { token } = await accounts.create({
        email: 'a@b.example',
        displayName: 'A',
        userId: 'u1',
        totpRequired: false,
      });
      now += ACTIVATION_TTL_MS;
      expect(await accounts.activate(token, PASSWORD)).toBe(false);
    });

    it('a renewed link replaces the previous one', async () => {
      const first = await accounts.create({
        email: 'a@b.example',
        displayName: 'A',
        userId: 'u1',
        totpRequired: false,
      });
      const renewed = await accounts.renewActivation('u1');
      expect(await accounts.activate(first.token, PASSWORD)).toBe(false);
      expect(await accounts.activate(renewed!.token, PASSWORD)).toBe(true);
      expect(await accounts.renewActivation('nobody')).toBeNull();
    });

    it('one e-mail, one account, whatever its case', async () => {
      await accounts.create({ email: 'a@b.example', displayName: 'A', userId: 'u1', totpRequired: false });
      await expect(
        accounts.create({ email: ' A@B.example ', displayName: 'A', userId: 'u2', totpRequired: false }),
      ).rejects.toBeInstanceOf(LocalAccountExists);
    });
  });

  describe('checking a password', () => {
    it('accepts the right one, whatever the e-mail case', async () => {
      const id = await activated();
      expect(await accounts.checkPassword('JEANNE@ch-x.example', PASSWORD)).toEqual({
        outcome: 'ok',
        accountId: id,
        totp: 'none',
      });
    });

    it('says "wrong" alike for a wrong password and an unknown e-mail', async () => {
      await activated();
      expect(await accounts.checkPassword('jeanne@ch-x.example', 'not the password')).toEqual({
        outcome: 'wrong',
      });
      expect(await accounts.checkPassword('nobody@ch-x.example', PASSWORD)).toEqual({ outcome: 'wrong' });
    });

    it('refuses an account not activated yet, and a disabled one', async () => {
      await accounts.create({ email: 'a@b.example', displayName: 'A', userId: 'u1', totpRequired: false });
      expect(await accounts.checkPassword('a@b.example', PASSWORD)).toEqual({ outcome: 'not-activated' });
      await activated();
      await accounts.setDisabled('user-jeanne@ch-x.example', true);
      expect(await accounts.checkPassword('jeanne@ch-x.example', PASSWORD)).toEqual({ outcome: 'disabled' });
    });

    it('locks after 5 failures in a row for 15 minutes, even with the right password', async () => {
      await activated();
      for (let attempt = 1; attempt < 5; attempt++)
        expect(await accounts.checkPassword('jeanne@ch-x.example', 'wrong password!')).toEqual({
          outcome: 'wrong',
        });
      const until = new Date(START + LOCK_MS).toISOString();
      expect(await accounts.checkPassword('jeanne@ch-x.example', 'wrong password!')).toEqual({
        outcome: 'locked',
        until,
      });
      expect(await accounts.checkPassword('jeanne@ch-x.example', PASSWORD)).toEqual({
        outcome: 'locked',
        until,
      });
      expect((await accounts.ofUser('user-jeanne@ch-x.example'))?.lockedUntil).toBe(until);
      now += LOCK_MS;
      expect(await accounts.checkPassword('jeanne@ch-x.example', PASSWORD)).toMatchObject({ outcome: 'ok' });
      expect((await accounts.ofUser('user-jeanne@ch-x.example'))?.lockedUntil).toBeNull();
    });

    it('a success resets the count of failures', async () => {
      await activated();
      for (let attempt = 0; attempt < 4; attempt++)
        await accounts.checkPassword('jeanne@ch-x.example', 'wrong password!');
      await accounts.checkPassword('jeanne@ch-x.example', PASSWORD);
      for (let attempt = 0; attempt < 4; attempt++)
        expect(await accounts.checkPassword('jeanne@ch-x.example', 'wrong password!')).toEqual({
          outcome: 'wrong',
        });
    });
  });

  describe('changing the password', () => {
    it('needs the current one, and counts a wrong one as a failure', async () => {
      const id = await activated();
      expect(await accounts.changePassword(id, 'not the password', 'another long password')).toBe(false);
      expect(await accounts.changePassword(id, PASSWORD, 'another long password')).toBe(true);
      expect(await accounts.checkPassword('jeanne@ch-x.example', 'another long password')).toMatchObject({
        outcome: 'ok',
      });
    });

    it('follows the policy, naming newPassword', async () => {
      const id = await activated();
      await expect(accounts.changePassword(id, PASSWORD, 'short')).rejects.toMatchObject({
        field: 'newPassword',
      });
    });
  });

  describe('TOTP', () => {
    it('an account that needs it enrols, then is asked for a code at each login', async () => {
      const id = await activated('analyst@cert.example', true);
      expect(await accounts.checkPassword('analyst@cert.example', PASSWORD)).toMatchObject({ totp: 'enrol' });
      const enrolment = await accounts.startTotpEnrolment(id);
      expect(enrolment?.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(enrolment?.otpauthUri).toMatch(/^otpauth:\/\/totp\/Vigie:analyst%40cert\.example\?/);
      expect(await accounts.pendingTotp(id)).toEqual(enrolment);
      expect(await accounts.confirmTotp(id, '000000')).toEqual({ outcome: 'wrong' });
      expect(await accounts.confirmTotp(id, totpCode(enrolment!.secret, clock()))).toEqual({ outcome: 'ok' });
      expect(await accounts.ofAccount(id)).toMatchObject({ totpEnrolled: true });
      expect(await accounts.checkPassword('analyst@cert.example', PASSWORD)).toMatchObject({ totp: 'ask' });
      now += 30_000;
      expect(await accounts.verifyTotp(id, totpCode(enrolment!.secret, clock()))).toEqual({ outcome: 'ok' });
    });

    it('a code is accepted once, and codes one step off still pass', async () => {
      const id = await activated('analyst@cert.example', true);
      const { secret } = (await accounts.startTotpEnrolment(id))!;
      expect(await accounts.confirmTotp(id, totpCode(secret, clock()))).toEqual({ outcome: 'ok' });
      expect(await accounts.verifyTotp(id, totpCode(secret, clock()))).toEqual({ outcome: 'wrong' });
      now += 60_000;
      expect(await accounts.verifyTotp(id, totpCode(secret, new Date(now - 30_000)))).toEqual({
        outcome: 'ok',
      });
      now += 60_000;
      expect(await accounts.verifyTotp(id, totpCode(secret, new Date(now - 90_000)))).toEqual({
        outcome: 'wrong',
      });
    });

    it('wrong codes count toward the lock-out, and a right password does not reset them', async () => {
      const id = await activated('analyst@cert.example', true);
      const { secret } = (await accounts.startTotpEnrolment(id))!;
      await accounts.confirmTotp(id, totpCode(secret, clock()));
      now += 30_000;
      for (let attempt = 0; attempt < 4; attempt++) {
        expect(await accounts.checkPassword('analyst@cert.example', PASSWORD)).toMatchObject({ totp: 'ask' });
        expect(await accounts.verifyTotp(id, '123456')).toEqual({ outcome: 'wrong' });
      }
      expect(await accounts.verifyTotp(id, '123456')).toMatchObject({ outcome: 'locked' });
      expect(await accounts.verifyTotp(id, totpCode(secret, clock()))).toMatchObject({ outcome: 'locked' });
    });

    it('a re-enrolment keeps the enrolled factor until the new one is confirmed', async () => {
      const id = await activated('analyst@cert.example', true);
      const first = (await accounts.startTotpEnrolment(id))!;
      await accounts.confirmTotp(id, totpCode(first.secret, clock()));
      const second = (await accounts.startTotpEnrolment(id))!;
      now += 30_000;
      expect(await accounts.verifyTotp(id, totpCode(first.secret, clock()))).toEqual({ outcome: 'ok' });
      now += 30_000;
      expect(await accounts.confirmTotp(id, totpCode(second.secret, clock()))).toEqual({ outcome: 'ok' });
      now += 30_000;
      expect(await accounts.verifyTotp(id, totpCode(first.secret, clock()))).toEqual({ outcome: 'wrong' });
      expect(await accounts.pendingTotp(id)).toBeNull();
    });
  });

  it('erasure deletes the account and its e-mail', async () => {
    await activated();
    await accounts.deleteOfUser('user-jeanne@ch-x.example');
    expect(await accounts.ofUser('user-jeanne@ch-x.example')).toBeNull();
  });
});
