import { DeclarationAlreadyExists, TextRequired, UnknownCode } from '../declaration/declaration.errors';
import { givenFor } from '../testing/given-when-then';
import {
  FINESS_A,
  FINESS_B,
  bindLogin,
  disableUser,
  enableUser,
  grantRole,
  inviteUser,
  loginBound,
  revokeRole,
  roleGranted,
  roleRevoked,
  userDisabled,
  userEnabled,
  userInvited,
} from '../testing/user-fixtures';
import { userDecider } from './user-decider';
import { toUserEvent } from './user-upcast';
import {
  InvalidEmailHash,
  InvalidGrant,
  InvalidSubjectHash,
  LoginAlreadyBound,
  NotSealed,
  UserAlreadyExists,
  UserNotFound,
} from './user.errors';
import { userStreamId, type SealedPersonalData } from './user.events';

const given = givenFor(userDecider);
const invited = userInvited();

describe('InviteUser', () => {
  it('accepted: an administrator invites someone, e-mail and name sealed', () => {
    given([]).when(inviteUser()).then([invited]);
  });

  it('refused: a user is invited once', () => {
    given([invited]).when(inviteUser()).thenThrows(UserAlreadyExists);
  });

  it('refused: an e-mail in clear never reaches the log', () => {
    given([])
      .when(inviteUser({ email: 'rssi@ch-x.example' as SealedPersonalData }))
      .thenThrows(NotSealed, { field: 'email' });
  });

  it('refused: a name in clear never reaches the log', () => {
    given([])
      .when(inviteUser({ name: 'Camille Martin' as SealedPersonalData }))
      .thenThrows(NotSealed, { field: 'name' });
  });

  it('refused: the e-mail is matched by a keyed hash, never the e-mail itself', () => {
    given([])
      .when(inviteUser({ emailHash: 'rssi@ch-x.example' }))
      .thenThrows(InvalidEmailHash, { field: 'emailHash' });
  });
  it('refused: its own conflict, naming the user by id only', () => {
    const error = given([invited]).when(inviteUser()).thenThrows(UserAlreadyExists);
    expect(error).not.toBeInstanceOf(DeclarationAlreadyExists);
    expect(error.message).not.toContain('@');
  });
});

describe('every command but InviteUser', () => {
  it.each([grantRole(), revokeRole(), bindLogin(), disableUser(), enableUser()])(
    'refused: $type needs an invited user',
    (command) => {
      given([]).when(command).thenThrows(UserNotFound);
    },
  );
});

describe('GrantRole', () => {
  it('accepted: a declarant is granted a facility', () => {
    given([invited]).when(grantRole()).then([roleGranted()]);
  });

  it('accepted: facilities are stored each once and sorted, Corsica included', () => {
    given([invited])
      .when(grantRole({ finess: [FINESS_B, FINESS_A, FINESS_B] }))
      .then([roleGranted({ finess: [FINESS_B, FINESS_A].sort() })]);
  });

  it('accepted: only the facilities not held yet are granted', () => {
    given([invited, roleGranted()])
      .when(grantRole({ finess: [FINESS_A, FINESS_B] }))
      .then([roleGranted({ finess: [FINESS_B] })]);
  });

  it('accepted: an analyst is granted for no facility', () => {
    given([invited])
      .when(grantRole({ role: 'analyst', finess: [] }))
      .then([roleGranted({ role: 'analyst', finess: [] })]);
  });

  it('accepted: a disabled user may be granted a role, which waits for their return', () => {
    given([invited, userDisabled()]).when(grantRole()).then([roleGranted()]);
  });

  it('nothing to do: a grant already held', () => {
    given([invited, roleGranted()]).when(grantRole()).then([]);
  });

  it('nothing to do: the admin role already held', () => {
    given([invited, roleGranted({ role: 'admin', finess: [] })])
      .when(grantRole({ role: 'admin', finess: [] }))
      .then([]);
  });

  it('refused: the role is one of declarant, analyst, admin', () => {
    given([invited])
      .when(grantRole({ role: 'root' as never, finess: [] }))
      .thenThrows(UnknownCode, { field: 'role' });
  });

  it('refused: a declarant is granted at least one facility', () => {
    given([invited])
      .when(grantRole({ finess: [] }))
      .thenThrows(InvalidGrant, { field: 'finess' });
  });

  it('refused: each facility is a valid FINESS', () => {
    given([invited])
      .when(grantRole({ finess: [FINESS_A, '750712185'] }))
      .thenThrows(InvalidGrant, { field: 'finess' });
  });

  it('refused: an analyst is granted for no facility', () => {
    given([invited])
      .when(grantRole({ role: 'analyst', finess: [FINESS_A] }))
      .thenThrows(InvalidGrant, { field: 'finess' });
  });
});

describe('RevokeRole', () => {
  // Revoking a grant not held is nothing to do (user.decide.ts says why).
  it('accepted: a declarant loses a facility', () => {
    given([invited, roleGranted({ finess: [FINESS_B, FINESS_A].sort() })])
      .when(revokeRole())
      .then([roleRevoked()]);
  });

  it('accepted: only the facilities held are revoked', () => {
    given([invited, roleGranted()])
      .when(revokeRole({ finess: [FINESS_A, FINESS_B] }))
      .then([roleRevoked({ finess: [FINESS_A] })]);
  });

  it('accepted: the analyst role is revoked', () => {
    given([invited, roleGranted({ role: 'analyst', finess: [] })])
      .when(revokeRole({ role: 'analyst', finess: [] }))
      .then([roleRevoked({ role: 'analyst', finess: [] })]);
  });

  it('nothing to do: a grant not held', () => {
    given([invited]).when(revokeRole()).then([]);
  });

  it('nothing to do: a grant revoked already', () => {
    given([invited, roleGranted(), roleRevoked()]).when(revokeRole()).then([]);
  });

  it('refused: a declarant’s revocation names its facilities', () => {
    given([invited, roleGranted()])
      .when(revokeRole({ finess: [] }))
      .thenThrows(InvalidGrant, { field: 'finess' });
  });
});

describe('BindLogin', () => {
  it('accepted: the user’s account at an identity provider, by its subject hash', () => {
    given([invited]).when(bindLogin()).then([loginBound()]);
  });

  it('accepted: one account per identity provider, several providers', () => {
    const other = { issuer: 'https://proconnect.gouv.fr', subjectHash: 'a'.repeat(43) };
    given([invited, loginBound()])
      .when(bindLogin(other))
      .then([loginBound(other)]);
  });

  it('nothing to do: the same account again', () => {
    given([invited, loginBound()]).when(bindLogin()).then([]);
  });

  it('refused: another account of the same provider', () => {
    given([invited, loginBound()])
      .when(bindLogin({ subjectHash: 'b'.repeat(43) }))
      .thenThrows(LoginAlreadyBound);
  });

  it('refused: an e-mail is no subject hash', () => {
    given([invited])
      .when(bindLogin({ subjectHash: 'camille.martin@ch-x.example' }))
      .thenThrows(InvalidSubjectHash, { field: 'subjectHash' });
  });

  it('refused: the issuer is not blank', () => {
    given([invited])
      .when(bindLogin({ issuer: ' ' }))
      .thenThrows(TextRequired, { field: 'issuer' });
  });
});

describe('DisableUser', () => {
  it('accepted: a user is disabled, with the reason', () => {
    given([invited, roleGranted()]).when(disableUser()).then([userDisabled()]);
  });

  it('nothing to do: a disabled user stays disabled', () => {
    given([invited, userDisabled()]).when(disableUser()).then([]);
  });

  it('refused: the reason is not blank', () => {
    given([invited])
      .when(disableUser({ reason: '' }))
      .thenThrows(TextRequired, { field: 'reason' });
  });
});

describe('EnableUser', () => {
  it('accepted: a disabled user is enabled again', () => {
    given([invited, userDisabled()]).when(enableUser()).then([userEnabled()]);
  });

  it('nothing to do: an enabled user', () => {
    given([invited]).when(enableUser()).then([]);
  });

  it('nothing to do: enabled again already', () => {
    given([invited, userDisabled(), userEnabled()]).when(enableUser()).then([]);
  });
});

describe('the user stream', () => {
  it('is named by the opaque id, never an e-mail', () => {
    expect(userStreamId('0b6f2a4c-7d1e-4f3a-9b8c-5e2d1a0f9c47')).toBe(
      'user-0b6f2a4c-7d1e-4f3a-9b8c-5e2d1a0f9c47',
    );
  });

  it('reads recorded events through toUserEvent, as written while nothing was upcast', () => {
    const event = roleGranted();
    expect(toUserEvent({ type: event.type, data: event.data })).toEqual(event);
  });
});
