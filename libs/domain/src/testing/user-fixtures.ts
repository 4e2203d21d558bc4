import type { Actor } from '../declaration/declaration.commands';
import type { Instant } from '../declaration/declaration.events';
import type {
  BindLogin,
  DisableUser,
  EnableUser,
  GrantRole,
  InviteUser,
  RevokeRole,
} from '../user/user.commands';
import type {
  LoginBound,
  RoleGranted,
  RoleRevoked,
  SealedPersonalData,
  UserDisabled,
  UserEnabled,
  UserInvited,
} from '../user/user.events';

/**
 * Builders for the user specs. Each command's default, decided on the default history, gives
 * exactly the matching event's default: a spec overrides only what its rule is about.
 */

export const USER_ID = '0b6f2a4c-7d1e-4f3a-9b8c-5e2d1a0f9c47';
export const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };
export const INVITED_AT: Instant = '2026-03-02T08:30:00.000Z';
export const USER_LATER: Instant = '2026-03-03T09:00:00.000Z';
/** Envelopes as libs/privacy writes them; the domain never opens them. */
export const SEALED_EMAIL = 'enc:v1:ds_abc:1:c2VhbGVkLWVtYWls' as SealedPersonalData;
export const SEALED_NAME = 'enc:v1:ds_abc:1:c2VhbGVkLW5hbWU' as SealedPersonalData;
export const FINESS_A = '750712184';
export const FINESS_B = '2A0000002';
export const ISSUER = 'https://auth.esante.gouv.fr/realms/esante-wallet';
export const SUBJECT_HASH = 'lh_3q2-7w_Zk9yXb1VtR0aLmQ';
/** A keyed hash of the e-mail, as libs/privacy `emailHashOf` writes it. */
export const EMAIL_HASH = 'eh_Qm4xV2b9-Tz0aLkRw8YpN3';

type Overrides<Command> = Partial<Omit<Command, 'type'>>;
const on = (now: Instant = USER_LATER) => ({ userId: USER_ID, actor: ADMIN, now });

export const inviteUser = (overrides: Overrides<InviteUser> = {}): InviteUser => ({
  type: 'InviteUser',
  ...on(INVITED_AT),
  email: SEALED_EMAIL,
  name: SEALED_NAME,
  emailHash: EMAIL_HASH,
  ...overrides,
});
export const userInvited = (data: Partial<UserInvited['data']> = {}): UserInvited => ({
  type: 'UserInvited',
  data: {
    userId: USER_ID,
    email: SEALED_EMAIL,
    name: SEALED_NAME,
    emailHash: EMAIL_HASH,
    invitedBy: ADMIN.sub,
    invitedAt: INVITED_AT,
    ...data,
  },
});

export const grantRole = (overrides: Overrides<GrantRole> = {}): GrantRole => ({
  type: 'GrantRole',
  ...on(),
  role: 'declarant',
  finess: [FINESS_A],
  ...overrides,
});
export const roleGranted = (data: Partial<RoleGranted['data']> = {}): RoleGranted => ({
  type: 'RoleGranted',
  data: {
    userId: USER_ID,
    role: 'declarant',
    finess: [FINESS_A],
    grantedBy: ADMIN.sub,
    grantedAt: USER_LATER,
    ...data,
  },
});

export const revokeRole = (overrides: Overrides<RevokeRole> = {}): RevokeRole => ({
  type: 'RevokeRole',
  ...on(),
  role: 'declarant',
  finess: [FINESS_A],
  ...overrides,
});
export const roleRevoked = (data: Partial<RoleRevoked['data']> = {}): RoleRevoked => ({
  type: 'RoleRevoked',
  data: {
    userId: USER_ID,
    role: 'declarant',
    finess: [FINESS_A],
    revokedBy: ADMIN.sub,
    revokedAt: USER_LATER,
    ...data,
  },
});

export const bindLogin = (overrides: Overrides<BindLogin> = {}): BindLogin => ({
  type: 'BindLogin',
  ...on(),
  issuer: ISSUER,
  subjectHash: SUBJECT_HASH,
  ...overrides,
});
export const loginBound = (data: Partial<LoginBound['data']> = {}): LoginBound => ({
  type: 'LoginBound',
  data: {
    userId: USER_ID,
    issuer: ISSUER,
    subjectHash: SUBJECT_HASH,
    boundBy: ADMIN.sub,
    boundAt: USER_LATER,
    ...data,
  },
});

export const disableUser = (overrides: Overrides<DisableUser> = {}): DisableUser => ({
  type: 'DisableUser',
  ...on(),
  reason: 'A quitté l’établissement',
  ...overrides,
});
export const userDisabled = (data: Partial<UserDisabled['data']> = {}): UserDisabled => ({
  type: 'UserDisabled',
  data: {
    userId: USER_ID,
    reason: 'A quitté l’établissement',
    disabledBy: ADMIN.sub,
    disabledAt: USER_LATER,
    ...data,
  },
});

export const enableUser = (overrides: Overrides<EnableUser> = {}): EnableUser => ({
  type: 'EnableUser',
  ...on(),
  ...overrides,
});
export const userEnabled = (data: Partial<UserEnabled['data']> = {}): UserEnabled => ({
  type: 'UserEnabled',
  data: { userId: USER_ID, enabledBy: ADMIN.sub, enabledAt: USER_LATER, ...data },
});
