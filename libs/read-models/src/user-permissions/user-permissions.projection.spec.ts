import type { SealedPersonalData, UserEvent } from '@vigie/domain';
import { foldRow, sumRows } from '../testing/fold';
import { recorded, recordedUser, submittedData } from '../testing/recorded-events';
import type { UserPermissionsRow } from './user-permissions.entity';
import { userLoginSums, userPermissionsProjection as projection } from './user-permissions.projection';

const USER = '22222222-2222-4222-8222-222222222222';
const CHU = '750712184';
const EHPAD = '130786049';
const at = '2026-03-02T08:30:00.000Z';
const invited: UserEvent = {
  type: 'UserInvited',
  data: {
    userId: USER,
    email: 'enc:v1:ds_a:1:ZW1haWw' as SealedPersonalData,
    name: 'enc:v1:ds_a:1:bmFtZQ' as SealedPersonalData,
    emailHash: 'eh_Qm4xV2b9-Tz0aLkRw8YpN3',
    invitedBy: 'admin-1',
    invitedAt: at,
  },
};
const granted = (role: 'declarant' | 'analyst' | 'admin', finess: string[] = []): UserEvent => ({
  type: 'RoleGranted',
  data: { userId: USER, role, finess, grantedBy: 'admin-1', grantedAt: at },
});
const revoked = (role: 'declarant' | 'analyst' | 'admin', finess: string[] = []): UserEvent => ({
  type: 'RoleRevoked',
  data: { userId: USER, role, finess, revokedBy: 'admin-1', revokedAt: at },
});
const bound = (issuer: string, subjectHash: string): UserEvent => ({
  type: 'LoginBound',
  data: { userId: USER, issuer, subjectHash, boundBy: 'admin-1', boundAt: at },
});
const disabled: UserEvent = {
  type: 'UserDisabled',
  data: { userId: USER, reason: 'départ', disabledBy: 'admin-1', disabledAt: at },
};
const enabled: UserEvent = {
  type: 'UserEnabled',
  data: { userId: USER, enabledBy: 'admin-1', enabledAt: at },
};

const fold = (events: UserEvent[]) => foldRow(projection, recordedUser(events));

describe('user permissions projection', () => {
  it('an invitation gives a user who may nothing yet', () => {
    expect(fold([invited])).toMatchObject({
      userId: USER,
      emailHash: 'eh_Qm4xV2b9-Tz0aLkRw8YpN3',
      email: 'enc:v1:ds_a:1:ZW1haWw',
      name: 'enc:v1:ds_a:1:bmFtZQ',
      invitedAt: at,
      revision: 0,
      roles: '',
      declarantFiness: '',
      disabled: false,
    });
  });

  it('grants give the roles in force and the declarant’s facilities, sorted', () => {
    expect(
      fold([invited, granted('declarant', [EHPAD]), granted('analyst'), granted('declarant', [CHU])]),
    ).toMatchObject({
      roles: 'declarant,analyst',
      declarantFiness: [EHPAD, CHU].sort().join(','),
      revision: 3,
    });
  });

  it('a revoked grant takes effect', () => {
    const row = fold([
      invited,
      granted('declarant', [CHU, EHPAD].sort()),
      revoked('declarant', [CHU]),
      granted('admin'),
      revoked('admin'),
    ]);
    expect(row).toMatchObject({ roles: 'declarant', declarantFiness: EHPAD });
  });

  it('a disabled user may nothing, and gets the grants back when enabled', () => {
    const events = [invited, granted('declarant', [CHU]), disabled];
    expect(fold(events)).toMatchObject({ roles: '', declarantFiness: '', disabled: true });
    expect(fold([...events, enabled])).toMatchObject({
      roles: 'declarant',
      declarantFiness: CHU,
      disabled: false,
    });
  });

  it('keeps the sealed e-mail, name and e-mail hash of the invitation through every later event', () => {
    expect(fold([invited, granted('analyst'), disabled, enabled])).toMatchObject({
      emailHash: 'eh_Qm4xV2b9-Tz0aLkRw8YpN3',
      email: 'enc:v1:ds_a:1:ZW1haWw',
      name: 'enc:v1:ds_a:1:bmFtZQ',
      invitedAt: at,
    });
  });

  it('an invitation from before the e-mail hash has none, and odd fields read as empty', () => {
    const { emailHash: _left, ...older } = invited.data;
    expect(fold([{ type: 'UserInvited', data: older } as UserEvent])).toMatchObject({ emailHash: null });
    const odd = recordedUser([invited]).map((event) => ({
      ...event,
      data: { userId: USER, email: 42, emailHash: ['x'] },
    }));
    expect(foldRow(projection, odd)).toMatchObject({ emailHash: null, email: '', name: '' });
  });

  it('keeps the row, same object, for a revision already applied (safe to replay)', () => {
    const events = recordedUser([invited, granted('analyst')]);
    const row = foldRow(projection, events) as UserPermissionsRow;
    expect(projection.evolve(row, events[1])).toBe(row);
  });

  it('never throws on odd data, and ignores declarations and users never invited', () => {
    const [invitedEvent, odd] = recordedUser([invited, granted('analyst')]);
    const row = projection.evolve(null, invitedEvent);
    expect(projection.evolve(row, { ...odd, data: { userId: USER, role: 'root', finess: 'x' } })).toBe(row);
    expect(projection.evolve(row, { ...odd, type: 'SomethingNew' })).toBe(row);
    expect(foldRow(projection, recordedUser([granted('analyst')]))).toBeNull();
    const declaration = recorded([{ type: 'DeclarationSubmitted', data: submittedData() }]);
    expect(projection.keyOf(declaration[0])).toBeNull();
    expect(projection.evolve(null, declaration[0])).toBeNull();
  });

  it('lists each bound login once per holder, for the lookup by issuer and subject hash', () => {
    const user = fold([invited, bound('https://idp.example', 'h'.repeat(43))]) as UserPermissionsRow;
    const other = { ...user, userId: '33333333-3333-4333-8333-333333333333' };
    const one = sumRows(userLoginSums, [[user, 1]]);
    expect([...one.values()]).toEqual([
      {
        key: `https://idp.example ${'h'.repeat(43)}`,
        issuer: 'https://idp.example',
        subjectHash: 'h'.repeat(43),
        userIds: USER,
      },
    ]);
    // A change of the user row moves its logins out and in again: the same row.
    expect(
      sumRows(
        userLoginSums,
        [
          [user, -1],
          [user, 1],
        ],
        one,
      ),
    ).toEqual(one);
    const two = sumRows(userLoginSums, [[other, 1]], one);
    expect([...two.values()][0].userIds).toBe([USER, other.userId].sort().join(','));
    expect(
      sumRows(
        userLoginSums,
        [
          [user, -1],
          [other, -1],
        ],
        two,
      ).size,
    ).toBe(0);
  });
});
