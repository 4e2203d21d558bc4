import type { UserEvent, UserRole } from './user.events';

/** One grant: a declarant's is for one facility; an analyst's or an admin's for none (`finess` null). */
export interface Grant {
  role: UserRole;
  finess: string | null;
}

export interface LoginBinding {
  issuer: string;
  subjectHash: string;
}

/** Only what a rule reads: the sealed e-mail and name live in the log and the read model, not here. */
export interface UserState {
  exists: boolean;
  disabled: boolean;
  grants: Grant[];
  bindings: LoginBinding[];
}

export const initialUserState = (): UserState => ({
  exists: false,
  disabled: false,
  grants: [],
  bindings: [],
});

/** A role's grants as events carry them: a declarant's one per facility, the others' one with none. */
export const grantsOf = (role: UserRole, finess: readonly string[]): Grant[] =>
  role === 'declarant' ? finess.map((one) => ({ role, finess: one })) : [{ role, finess: null }];

export const sameGrant = (a: Grant, b: Grant): boolean => a.role === b.role && a.finess === b.finess;

export const holds = (state: UserState, grant: Grant): boolean =>
  state.grants.some((held) => sameGrant(held, grant));

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserInvited':
      return { ...state, exists: true };
    case 'RoleGranted': {
      const granted = grantsOf(event.data.role, event.data.finess).filter((grant) => !holds(state, grant));
      return { ...state, grants: [...state.grants, ...granted] };
    }
    case 'RoleRevoked': {
      const revoked = grantsOf(event.data.role, event.data.finess);
      return {
        ...state,
        grants: state.grants.filter((held) => !revoked.some((grant) => sameGrant(held, grant))),
      };
    }
    case 'LoginBound': {
      const { issuer, subjectHash } = event.data;
      return { ...state, bindings: [...state.bindings, { issuer, subjectHash }] };
    }
    case 'UserDisabled':
      return { ...state, disabled: true };
    case 'UserEnabled':
      return { ...state, disabled: false };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown user event ${(unknown as { type: string }).type}`);
    }
  }
}

export const foldUser = (events: readonly UserEvent[]): UserState =>
  events.reduce(evolveUser, initialUserState());
