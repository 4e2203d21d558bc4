import type { Actor } from '@vigie/domain';

export const ROLES = ['declarant', 'analyst', 'admin'] as const;
export type Role = Actor['role'];

/**
 * Who is calling. `sub`: the actor recorded in events — the Vigie user id for a session or a
 * personal API token, a pseudonym for a provider's subject not bound to a user, the subject of an
 * embedded-secret token (development, tests, scripts) otherwise. `finess`: the facilities a
 * declarant acts for (empty for other roles). `userId`: the Vigie user, when the caller is one.
 */
export interface Principal {
  sub: string;
  role: Role;
  finess: string[];
  userId?: string;
}

const FINESS_CLAIM = /^[0-9A-Za-z]{9}$/;
const MAX_FINESS = 500;

/** The claims of a verified token as a Principal, or why they cannot be one. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | string {
  const { sub, role, finess } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)
    return 'the token has no valid "sub" claim';
  if (!ROLES.includes(role as Role)) return `the token's "role" claim must be one of ${ROLES.join(', ')}`;
  if (role !== 'declarant') return { sub, role: role as Role, finess: [] };
  const valid =
    Array.isArray(finess) &&
    finess.length > 0 &&
    finess.length <= MAX_FINESS &&
    finess.every((value) => typeof value === 'string' && FINESS_CLAIM.test(value));
  if (!valid) return 'a declarant token needs a non-empty "finess" claim listing 9-character FINESS numbers';
  return { sub, role: 'declarant', finess: [...new Set(finess as string[])] };
}

export const actorOf = (principal: Principal): Actor => ({ sub: principal.sub, role: principal.role });
