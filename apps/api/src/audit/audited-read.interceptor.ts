import {
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { CLOCK, type Clock } from '../config/config.tokens';
import { READ_AUDIT_LOG } from './audit.tokens';
import type { ReadAuditLog } from './read-audit-log';

/**
 * Records who read which declaration, through which route, before the answer leaves: a read
 * that cannot be recorded is not served (503, like any store outage). Declarants reading their
 * own facilities' declarations are not recorded: the record is about the CERT's access.
 */
@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(READ_AUDIT_LOG) private readonly audit: ReadAuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap(async (answer: unknown) => {
        const principal = request.principal;
        if (principal !== undefined && principal.role !== 'declarant') {
          await this.audit.record({
            at: this.clock().toISOString(),
            actor: principal.sub,
            role: principal.role,
            route: `${request.method} ${(request.route as { path?: unknown } | undefined)?.path?.toString() ?? request.path}`,
            declarationId: String(request.params.id ?? '').toLowerCase(),
            requestId: String(request.headers['x-request-id'] ?? ''),
          });
        }
        return answer;
      }),
    );
  }
}

/** On a route that shows one declaration (`:id`): its reads by analysts and admins are recorded. */
export const AuditedRead = (): MethodDecorator & ClassDecorator => UseInterceptors(ReadAuditInterceptor);
