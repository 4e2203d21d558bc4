import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ActiveSession } from '@vigie/identity';
import type { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'vigie:public';
export const ALLOWED_ROLES = 'vigie:roles';
export const ANSWERS_NO_ACCESS = 'vigie:answers-no-access';

/**
 * Not checked by the global AuthGuard: health probes, which need no token, and `/metrics`, which
 * checks its own (the OpenAPI routes are served outside Nest's router).
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route also answers a user who may do nothing (every grant revoked, or disabled): `GET
 * /api/v1/me`, so that the web app can say so and still log them out with the session's CSRF
 * token. The caller then comes as a declarant of no facility, which sees and may nothing.
 */
export const AnswersNoAccess = (): MethodDecorator => SetMetadata(ANSWERS_NO_ACCESS, true);

/** The roles that may call the route; any other authenticated role gets 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
  /** The browser session the principal came from, when it came from one. */
  session?: ActiveSession;
}

/** The caller, as the AuthGuard verified it. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined)
      throw new Error('CurrentPrincipal on a route the AuthGuard did not authenticate');
    return principal;
  },
);
