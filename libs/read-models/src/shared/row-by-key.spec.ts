import { SessionRow, openIdentityDataSource } from '@vigie/identity';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource } from '../data-source/read-data-source';
import { temporaryDirectory } from '../testing/read-test-kit';
import { UserPermissionsRow } from '../user-permissions/user-permissions.entity';
import { rowByKey } from './row-by-key';

const permissions = (userId: string, disabled: boolean, emailHash: string | null): UserPermissionsRow => ({
  userId,
  emailHash,
  email: 'v1:sealed-email',
  name: 'v1:sealed-name',
  invitedAt: '2026-03-02T07:40:00.000Z',
  revision: 3,
  roles: disabled ? '' : 'declarant,analyst',
  declarantFiness: disabled ? '' : '750712184,920000650',
  disabled,
  grants: '[{"role":"declarant","finess":["750712184"]}]',
  logins: '[]',
});

const session = (idHash: string, idToken: string | null): SessionRow => ({
  idHash,
  userId: 'user-1',
  issuer: 'http://127.0.0.1:3000',
  idToken,
  createdAt: '2026-03-02T07:40:00.000Z',
  lastSeenAt: '2026-03-02T07:41:00.000Z',
  expiresAt: '2026-03-02T19:40:00.000Z',
});

/** Whatever the driver, the row is the one findOne gives: same class, same values, null when absent. */
function equalToFindOne(
  open: (name: string) => Promise<{ dataSource: DataSource; close: () => Promise<void> }>,
) {
  it('reads a user’s permissions as findOne does (booleans, nulls, an absent user)', async () => {
    const { dataSource, close } = await open('read');
    try {
      const rows = dataSource.getRepository(UserPermissionsRow);
      await rows.insert([permissions('user-1', false, 'hash-1'), permissions('user-2', true, null)]);
      const find = rowByKey(dataSource, UserPermissionsRow, 'userId');
      for (const userId of ['user-1', 'user-2', 'user-3', "user-1' OR '1'='1"]) {
        const expected = await rows.findOne({ where: { userId } });
        const row = await find(userId);
        expect(row).toEqual(expected);
        if (expected !== null) expect(row).toBeInstanceOf(UserPermissionsRow);
      }
      expect((await find('user-2'))?.disabled).toBe(true);
      expect((await find('user-1'))?.disabled).toBe(false);
    } finally {
      await close();
    }
  });

  it('reads a session as findOne does', async () => {
    const { dataSource, close } = await open('identity');
    try {
      const rows = dataSource.getRepository(SessionRow);
      await rows.insert([session('a'.repeat(64), null), session('b'.repeat(64), 'eyJ.id.token')]);
      const find = rowByKey(dataSource, SessionRow, 'idHash');
      for (const idHash of ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]) {
        const expected = await rows.findOne({ where: { idHash } });
        expect(await find(idHash)).toEqual(expected);
      }
      expect(await find('c'.repeat(64))).toBeNull();
    } finally {
      await close();
    }
  });
}

const openers = {
  read: (url: string) => openReadDataSource(url),
  identity: (url: string) => openIdentityDataSource(url),
};

describe('rowByKey [sqlite]', () => {
  equalToFindOne(async (kind) => {
    const directory = temporaryDirectory('row-by-key');
    const dataSource = await openers[kind as keyof typeof openers](
      `sqlite:${join(directory.path, `${kind}.sqlite`)}`,
    );
    return {
      dataSource,
      close: async () => {
        await dataSource.destroy();
        directory.remove();
      },
    };
  });
});

describePostgres('rowByKey', () => {
  equalToFindOne(async (kind) => {
    const database = await createTestDatabase('vigie_row_by_key');
    const dataSource = await openers[kind as keyof typeof openers](database.url);
    return {
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await database.drop();
      },
    };
  });
});
