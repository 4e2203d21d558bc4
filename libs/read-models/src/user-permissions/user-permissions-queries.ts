import type { Permissions } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { UserLoginRow, UserPermissionsRow } from './user-permissions.entity';
import { loginKeyOf } from './user-permissions.projection';

const list = (joined: string): string[] => (joined === '' ? [] : joined.split(','));

/** What the user may do, as the projector last saw it; null for a user never invited. */
export async function permissionsOfUser(dataSource: DataSource, userId: string): Promise<Permissions | null> {
  const row = await dataSource.getRepository(UserPermissionsRow).findOne({ where: { userId } });
  if (row === null) return null;
  return {
    roles: list(row.roles) as Permissions['roles'],
    declarantFiness: list(row.declarantFiness),
    disabled: row.disabled,
  };
}

/**
 * The user bound to this account of `issuer`, or null when nobody is, or when more than one user
 * is (a conflict an administrator resolves; a login must never guess between two people).
 */
export async function userIdOfLogin(
  dataSource: DataSource,
  issuer: string,
  subjectHash: string,
): Promise<string | null> {
  const row = await dataSource
    .getRepository(UserLoginRow)
    .findOne({ where: { key: loginKeyOf(issuer, subjectHash) } });
  const holders = row === null ? [] : list(row.userIds);
  return holders.length === 1 ? holders[0] : null;
}
