import type { UserState } from './user';
import { USER_ROLES, type UserRole } from './user.events';

/** What a user may do, as every check reads it: roles in USER_ROLES order, facilities sorted. */
export interface Permissions {
  roles: UserRole[];
  /** The facilities the user declares for; empty unless `roles` holds `declarant`. */
  declarantFiness: string[];
  disabled: boolean;
}

/** The highest Vigie role in a list (admin, then analyst, then declarant), whatever else it holds. */
export const highestRole = (roles: readonly unknown[]): UserRole | undefined =>
  [...USER_ROLES].reverse().find((role) => roles.includes(role));

/** The grants a user holds now: revoked ones are gone from the state, and a disabled user may nothing. */
export function permissionsOf(state: UserState): Permissions {
  if (!state.exists || state.disabled) return { roles: [], declarantFiness: [], disabled: state.disabled };
  const held = new Set(state.grants.map((grant) => grant.role));
  const declarantFiness = state.grants
    .filter((grant) => grant.role === 'declarant' && grant.finess !== null)
    .map((grant) => grant.finess as string)
    .sort();
  return { roles: USER_ROLES.filter((role) => held.has(role)), declarantFiness, disabled: false };
}
