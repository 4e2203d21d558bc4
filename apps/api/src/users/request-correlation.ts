import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The request id (request-id.middleware.ts) as the events' correlation id. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  String(context.switchToHttp().getRequest<Request>().headers['x-request-id']),
);
