import type { Grant, LoginBinding, Permissions } from '@vigie/domain';
import { Like, type DataSource } from 'typeorm';
import { UserLoginRow, UserPermissionsRow } from './user-permissions.entity';
import { rowByKey } from '../shared/row-by-key';
import { loginKeyOf } from './user-permissions.projection';

const list = (joined: string): string[] => (joined === '' ? [] : joined.split(','));

/** What the user may do, as the projector last saw it; null for a user never invited. */
export async function permissionsOfUser(dataSource: DataSource, userId: string): Promise<Permissions | null> {
  const row = await permissionsRowOf(dataSource)(userId);
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

/**
 * The user invited with this e-mail (by its keyed hash, libs/privacy `emailHashOf`), or null when
 * nobody was, or when more than one user was: a first login must never guess between two people.
 */
export async function userIdOfEmailHash(dataSource: DataSource, emailHash: string): Promise<string | null> {
  const rows = await dataSource
    .getRepository(UserPermissionsRow)
    .find({ where: { emailHash }, select: { userId: true }, take: 2 });
  return rows.length === 1 ? rows[0].userId : null;
}

/** A user as the administrators' list reads it: the e-mail and name still sealed, for the vault to reveal. */
export interface UserListing {
  userId: string;
  /** Sealed envelopes. */
  email: string;
  name: string;
  emailHash: string | null;
  invitedAt: string;
  /** The roles in force (none for a disabled user), in USER_ROLES order. */
  roles: Permissions['roles'];
  /** Every grant held, disabled or not: a declarant's one per facility. */
  grants: Grant[];
  disabled: boolean;
  logins: LoginBinding[];
}

function parsedList<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const listingOf = (row: UserPermissionsRow): UserListing => ({
  userId: row.userId,
  email: row.email,
  name: row.name,
  emailHash: row.emailHash,
  invitedAt: row.invitedAt,
  roles: list(row.roles) as Permissions['roles'],
  grants: parsedList<Grant>(row.grants),
  disabled: row.disabled,
  logins: parsedList<LoginBinding>(row.logins),
});

/** Every user, in the order they were invited. */
export async function listUsers(dataSource: DataSource): Promise<UserListing[]> {
  const rows = await dataSource
    .getRepository(UserPermissionsRow)
    .find({ order: { invitedAt: 'ASC', userId: 'ASC' } });
  return rows.map(listingOf);
}

/** One user as the list shows it, or null for a user never invited. */
export async function getUser(dataSource: DataSource, userId: string): Promise<UserListing | null> {
  const row = await dataSource.getRepository(UserPermissionsRow).findOne({ where: { userId } });
  return row === null ? null : listingOf(row);
}

/** Whether any user holds the admin role in force (the first start's question). */
export async function hasAdministrator(dataSource: DataSource): Promise<boolean> {
  // `roles` lists role names, of which only `admin` contains "admin".
  return (
    (await dataSource.getRepository(UserPermissionsRow).count({ where: { roles: Like('%admin%') } })) > 0
  );
}

/** Read on every request of a user (bearer API token, session): one statement per read database. */
const permissionsRows = new WeakMap<DataSource, (userId: string) => Promise<UserPermissionsRow | null>>();

function permissionsRowOf(dataSource: DataSource): (userId: string) => Promise<UserPermissionsRow | null> {
  let find = permissionsRows.get(dataSource);
  if (find === undefined) {
    find = rowByKey(dataSource, UserPermissionsRow, 'userId');
    permissionsRows.set(dataSource, find);
  }
  return find;
}
