import {
  USER_ROLES,
  evolveUser,
  permissionsOf,
  toUserEvent,
  type Grant,
  type LoginBinding,
  type UserEvent,
  type UserState,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { readModel, type RowProjection, type SumProjection } from '../projection/read-model';
import { record, text, textOrNull, texts } from '../shared/event-data';
import { UserLoginRow, UserPermissionsRow } from './user-permissions.entity';

const STREAM_PREFIX = 'user-';

/** The user an event belongs to, or null for events of other streams. */
export function userIdOf(event: RecordedEvent): string | null {
  if (!event.streamId.startsWith(STREAM_PREFIX)) return null;
  return textOrNull(record(event.data).userId) ?? event.streamId.slice(STREAM_PREFIX.length);
}

export const loginKeyOf = (issuer: string, subjectHash: string): string => `${issuer} ${subjectHash}`;

const isRole = (value: unknown): value is Grant['role'] => (USER_ROLES as readonly unknown[]).includes(value);

/**
 * The event as the domain's evolve takes it, or null when its data is too odd to fold: the
 * projection never throws, and folds with the decider's own evolve rather than a second copy.
 */
function userEventOf(event: RecordedEvent): UserEvent | null {
  const domain = toUserEvent(event);
  const data = record(domain.data);
  switch (domain.type) {
    case 'UserInvited':
    case 'UserDisabled':
    case 'UserEnabled':
      return domain;
    case 'RoleGranted':
    case 'RoleRevoked':
      return isRole(data.role)
        ? ({ ...domain, data: { ...data, finess: texts(data.finess) } } as UserEvent)
        : null;
    case 'LoginBound':
      return text(data.issuer) !== '' && text(data.subjectHash) !== '' ? domain : null;
    default:
      return null;
  }
}

function parsed<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const stateOf = (row: UserPermissionsRow): UserState => ({
  exists: true,
  disabled: row.disabled,
  grants: parsed<Grant>(row.grants),
  bindings: parsed<LoginBinding>(row.logins),
});

type Invitation = Pick<UserPermissionsRow, 'emailHash' | 'email' | 'name' | 'invitedAt'>;

/** What an invitation says of the person, as the list shows it; odd fields read as empty. */
function invitationOf(event: RecordedEvent): Invitation {
  const data = record(event.data);
  return {
    emailHash: textOrNull(data.emailHash),
    email: text(data.email),
    name: text(data.name),
    invitedAt: text(data.invitedAt, event.recordedAt),
  };
}

function rowOf(
  userId: string,
  revision: number,
  invitation: Invitation,
  state: UserState,
): UserPermissionsRow {
  const permissions = permissionsOf(state);
  return {
    userId,
    ...invitation,
    revision,
    roles: permissions.roles.join(','),
    declarantFiness: permissions.declarantFiness.join(','),
    disabled: state.disabled,
    grants: JSON.stringify(state.grants),
    logins: JSON.stringify(state.bindings),
  };
}

export function evolveUserPermissions(
  row: UserPermissionsRow | null,
  event: RecordedEvent,
): UserPermissionsRow | null {
  const userId = userIdOf(event);
  if (userId === null) return row;
  if (row === null && event.type !== 'UserInvited') return null;
  if (row !== null && event.revision <= row.revision) return row;
  const domain = userEventOf(event);
  if (domain === null) return row;
  if (row === null) {
    const state = evolveUser({ exists: false, disabled: false, grants: [], bindings: [] }, domain);
    return rowOf(userId, event.revision, invitationOf(event), state);
  }
  const { emailHash, email, name, invitedAt } = row;
  return rowOf(
    userId,
    event.revision,
    { emailHash, email, name, invitedAt },
    evolveUser(stateOf(row), domain),
  );
}

export const userPermissionsProjection: RowProjection<UserPermissionsRow> = {
  entity: UserPermissionsRow,
  keyOf: userIdOf,
  evolve: evolveUserPermissions,
};

type LoginContribution = LoginBinding & { userId: string };

/** A user's logins as `user_login` rows: each holder listed once, the row gone with its last holder. */
export const userLoginSums: SumProjection<UserPermissionsRow, LoginContribution, UserLoginRow> = {
  entity: UserLoginRow,
  contributions: (user) =>
    parsed<LoginBinding>(user.logins).map((login) => [
      loginKeyOf(login.issuer, login.subjectHash),
      { ...login, userId: user.userId },
    ]),
  evolve: (row, key, { issuer, subjectHash, userId }, sign) => {
    const held = row === null ? [] : row.userIds.split(',').filter((id) => id !== '');
    const userIds = sign === 1 ? [...new Set([...held, userId])].sort() : held.filter((id) => id !== userId);
    return userIds.length === 0 ? null : { key, issuer, subjectHash, userIds: userIds.join(',') };
  },
};

export const userPermissions = readModel('user-permissions', userPermissionsProjection, [userLoginSums]);
