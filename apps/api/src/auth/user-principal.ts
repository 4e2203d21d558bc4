import { HttpProblem } from '../problem/http-problem';
import { highestRole, type Permissions } from '@vigie/domain';
import type { Principal } from './principal';

/** A user acting on Vigie's own grants has no access at all: disabled, or every grant revoked. */
export class NoAccess extends HttpProblem {
  readonly status = 403;
  readonly code = 'no-access';
  readonly title = 'Forbidden';

  constructor(readonly userId: string | null = null) {
    super('This account has no access to Vigie: ask your CERT for one');
  }
}

/**
 * A Vigie user as the routes see them: `sub` is the opaque user id (what events record as the
 * actor), `role` the highest role held (admin, then analyst, then declarant: each sees what the
 * next one does and more), `finess` the facilities they declare for. Read on every request, so a
 * revoked grant or a disabling takes effect on the next one.
 */
export function userPrincipal(userId: string, permissions: Permissions | null): Principal {
  if (permissions === null || permissions.disabled || permissions.roles.length === 0)
    throw new NoAccess(userId);
  const role = highestRole(permissions.roles)!;
  return { sub: userId, role, finess: [...permissions.declarantFiness], userId };
}
