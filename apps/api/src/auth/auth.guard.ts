import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOWED_ROLES, ANSWERS_NO_ACCESS, PUBLIC_ROUTE, type AuthenticatedRequest } from './auth.decorators';
import { NoAccess } from './user-principal';
import type { Role } from './principal';
import { Principals } from './principals';

/** Global: every route needs a valid bearer token or session unless marked @Public(); @Roles narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: Principals,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = await this.principals.of(request).catch((error: unknown) => {
      const answers = this.reflector.getAllAndOverride<boolean>(ANSWERS_NO_ACCESS, targets);
      if (!(error instanceof NoAccess) || answers !== true || error.userId === null) throw error;
      return { sub: error.userId, role: 'declarant' as const, finess: [], userId: error.userId };
    });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles !== undefined && !roles.includes(principal.role)) {
      throw new ForbiddenException(`The role "${principal.role}" may not do this`);
    }
    return true;
  }
}
