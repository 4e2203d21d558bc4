import {
  FINESS_A,
  FINESS_B,
  loginBound,
  roleGranted,
  roleRevoked,
  userDisabled,
  userEnabled,
  userInvited,
} from '../testing/user-fixtures';
import { foldUser } from './user';
import { permissionsOf } from './user-permissions';
import type { UserEvent } from './user.events';

const permissions = (events: UserEvent[]) => permissionsOf(foldUser(events));
const invited = userInvited();

describe('permissionsOf', () => {
  it('an invited user without grants may nothing', () => {
    expect(permissions([invited])).toEqual({ roles: [], declarantFiness: [], disabled: false });
  });

  it('an unknown user may nothing', () => {
    expect(permissions([])).toEqual({ roles: [], declarantFiness: [], disabled: false });
  });

  it('a declarant may declare for the facilities granted, sorted', () => {
    expect(
      permissions([invited, roleGranted({ finess: [FINESS_B] }), roleGranted({ finess: [FINESS_A] })]),
    ).toEqual({
      roles: ['declarant'],
      declarantFiness: [FINESS_A, FINESS_B].sort(),
      disabled: false,
    });
  });

  it('roles come in the order declarant, analyst, admin', () => {
    expect(
      permissions([
        invited,
        roleGranted({ role: 'admin', finess: [] }),
        roleGranted({ role: 'analyst', finess: [] }),
      ]).roles,
    ).toEqual(['analyst', 'admin']);
  });

  it('a revoked grant takes effect', () => {
    const granted = roleGranted({ finess: [FINESS_A, FINESS_B].sort() });
    expect(permissions([invited, granted, roleRevoked({ finess: [FINESS_A] })])).toEqual({
      roles: ['declarant'],
      declarantFiness: [FINESS_B],
      disabled: false,
    });
    expect(
      permissions([invited, granted, roleRevoked({ finess: [FINESS_A, FINESS_B].sort() })]).roles,
    ).toEqual([]);
  });

  it('a revoked role takes effect, the others stay', () => {
    const events = [
      invited,
      roleGranted({ role: 'analyst', finess: [] }),
      roleGranted({ role: 'admin', finess: [] }),
      roleRevoked({ role: 'admin', finess: [] }),
    ];
    expect(permissions(events).roles).toEqual(['analyst']);
  });

  it('a disabled user may nothing', () => {
    const events = [
      invited,
      roleGranted(),
      roleGranted({ role: 'analyst', finess: [] }),
      loginBound(),
      userDisabled(),
    ];
    expect(permissions(events)).toEqual({ roles: [], declarantFiness: [], disabled: true });
  });

  it('an enabled user may again what they were granted', () => {
    expect(permissions([invited, roleGranted(), userDisabled(), userEnabled()])).toEqual({
      roles: ['declarant'],
      declarantFiness: [FINESS_A],
      disabled: false,
    });
  });
});
