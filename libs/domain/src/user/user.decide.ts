import { clockReading } from '../declaration/declaration-dates';
import { checkCode, checkText, sortedSet } from '../declaration/declaration-checks';
import { validateFiness } from '../reference/finess';
import { grantsOf, holds, type UserState } from './user';
import type {
  BindLogin,
  DisableUser,
  EnableUser,
  GrantRole,
  InviteUser,
  RevokeRole,
  UserCommand,
} from './user.commands';
import {
  InvalidEmailHash,
  InvalidGrant,
  InvalidSubjectHash,
  LoginAlreadyBound,
  NotSealed,
  UserAlreadyExists,
  UserNotFound,
} from './user.errors';
import { USER_ROLES, type SealedPersonalData, type UserEvent, type UserRole } from './user.events';

/** The domain recognises an envelope of libs/privacy by its prefix, and never opens it. */
const ENVELOPE = /^enc:v\d+:/;
/** A keyed hash as base64url or hex: no `@`, no `.`, so neither an e-mail nor a provider's raw `sub` of that shape. */
const KEYED_HASH = /^[A-Za-z0-9_-]{22,128}$/;

function checkSubjectHash(value: unknown, error: () => Error): string {
  if (typeof value !== 'string' || !KEYED_HASH.test(value)) throw error();
  return value;
}

function checkSealed(value: unknown, field: string): SealedPersonalData {
  if (typeof value !== 'string' || !ENVELOPE.test(value)) throw new NotSealed(field);
  return value as SealedPersonalData;
}

/** A declarant's facilities, each a valid FINESS, each once and sorted; the other roles take none. */
function checkGrantFiness(role: UserRole, finess: unknown): string[] {
  if (!Array.isArray(finess)) throw new InvalidGrant('finess', 'must be a list of FINESS numbers');
  if (role !== 'declarant') {
    if (finess.length > 0) throw new InvalidGrant('finess', `the ${role} role is granted for no facility`);
    return [];
  }
  if (finess.length === 0) throw new InvalidGrant('finess', 'a declarant is granted at least one facility');
  for (const value of finess) {
    const reason = validateFiness(value as string);
    if (reason !== null) throw new InvalidGrant('finess', reason);
  }
  return sortedSet(finess as string[]);
}

function invite(command: InviteUser, state: UserState): UserEvent[] {
  if (state.exists) throw new UserAlreadyExists(command.userId);
  return [
    {
      type: 'UserInvited',
      data: {
        userId: command.userId,
        email: checkSealed(command.email, 'email'),
        name: checkSealed(command.name, 'name'),
        emailHash: checkSubjectHash(command.emailHash, () => new InvalidEmailHash()),
        invitedBy: command.actor.sub,
        invitedAt: clockReading(command.now).at,
      },
    },
  ];
}

/** The command's grants the user holds (`held`) or does not hold yet, as events list them; null when none. */
function grantsAsked(
  command: GrantRole | RevokeRole,
  state: UserState,
  held: boolean,
): { role: UserRole; finess: string[] } | null {
  const role = checkCode(USER_ROLES, command.role, 'role');
  const asked = grantsOf(role, checkGrantFiness(role, command.finess));
  const grants = asked.filter((one) => holds(state, one) === held);
  if (grants.length === 0) return null;
  return { role, finess: role === 'declarant' ? grants.map((one) => one.finess as string) : [] };
}

/**
 * Grants may be given to a disabled user (an administrator prepares their return): a disabled
 * user may nothing whatever they hold (permissionsOf). A grant already held is nothing to do; a
 * declarant's event lists only the facilities newly granted.
 */
function grant(command: GrantRole, state: UserState): UserEvent[] {
  const granted = grantsAsked(command, state, false);
  if (granted === null) return [];
  const { userId, actor, now } = command;
  return [
    {
      type: 'RoleGranted',
      data: { userId, ...granted, grantedBy: actor.sub, grantedAt: clockReading(now).at },
    },
  ];
}

/**
 * Revoking a grant not held is nothing to do, not a refusal: what the administrator asks for (the
 * user does not hold it) is already true, as closing a closed declaration is. A declarant's event
 * lists only the facilities held until then.
 */
function revoke(command: RevokeRole, state: UserState): UserEvent[] {
  const revoked = grantsAsked(command, state, true);
  if (revoked === null) return [];
  const { userId, actor, now } = command;
  return [
    {
      type: 'RoleRevoked',
      data: { userId, ...revoked, revokedBy: actor.sub, revokedAt: clockReading(now).at },
    },
  ];
}

/**
 * One account per identity provider: the same account again is nothing to do, another one is
 * refused. That no other user holds this account is not this stream's to know: the write path
 * checks it on the user-permissions read model (lookup by issuer and subject hash).
 */
function bindLogin(command: BindLogin, state: UserState): UserEvent[] {
  const issuer = checkText(command.issuer, 'issuer');
  checkSubjectHash(command.subjectHash, () => new InvalidSubjectHash());
  const bound = state.bindings.find((binding) => binding.issuer === issuer);
  if (bound !== undefined) {
    if (bound.subjectHash === command.subjectHash) return [];
    throw new LoginAlreadyBound(command.userId, issuer);
  }
  return [
    {
      type: 'LoginBound',
      data: {
        userId: command.userId,
        issuer,
        subjectHash: command.subjectHash,
        boundBy: command.actor.sub,
        boundAt: clockReading(command.now).at,
      },
    },
  ];
}

function disable(command: DisableUser, state: UserState): UserEvent[] {
  if (state.disabled) return [];
  return [
    {
      type: 'UserDisabled',
      data: {
        userId: command.userId,
        reason: checkText(command.reason, 'reason'),
        disabledBy: command.actor.sub,
        disabledAt: clockReading(command.now).at,
      },
    },
  ];
}

function enable(command: EnableUser, state: UserState): UserEvent[] {
  if (!state.disabled) return [];
  return [
    {
      type: 'UserEnabled',
      data: { userId: command.userId, enabledBy: command.actor.sub, enabledAt: clockReading(command.now).at },
    },
  ];
}

/**
 * What happens when `command` meets a user in `state`: the events to append, `[]` when there is
 * nothing to do, or a thrown DomainError when a rule refuses it. Pure: the clock and the actor
 * come in with the command. Who may administer users (an admin) is the edge's to check.
 */
export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type !== 'InviteUser' && !state.exists) throw new UserNotFound(command.userId);
  switch (command.type) {
    case 'InviteUser':
      return invite(command, state);
    case 'GrantRole':
      return grant(command, state);
    case 'RevokeRole':
      return revoke(command, state);
    case 'BindLogin':
      return bindLogin(command, state);
    case 'DisableUser':
      return disable(command, state);
    case 'EnableUser':
      return enable(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown user command ${(unknown as { type: string }).type}`);
    }
  }
}
