import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { RequestValidationError } from '../problem/http-problem';
import { namespacedKey, requestHash } from './idempotency';

/** `*`, or the revisions listed by the client (`If-Match: "3"` or `"3", "4"`). */
export type IfMatch = { any: true } | { any: false; revisions: number[] };

/** What a command needs from its HTTP request besides the body. */
export interface CommandContext {
  principal: Principal;
  /** The Idempotency-Key namespaced by the caller's `sub`, or null. */
  idempotencyKey: string | null;
  requestHash: string;
  ifMatch: IfMatch | null;
  correlationId: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$/;

export function parseIfMatch(header: string | undefined): IfMatch | null {
  if (header === undefined) return null;
  if (header.trim() === '*') return { any: true };
  const revisions = header.split(',').map((tag) => ENTITY_TAG.exec(tag.trim()));
  if (revisions.length === 0 || revisions.some((match) => match === null)) {
    throw new RequestValidationError([
      { field: 'If-Match', message: 'must be "*" or entity tags such as "3"' },
    ]);
  }
  return { any: false, revisions: revisions.map((match) => Number(match![1])) };
}

function idempotencyKey(header: string | undefined, principal: Principal): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return namespacedKey(principal.sub, header);
}

/** The CommandContext of the current request; the body hashed is the one received, before validation. */
export const CurrentCommandContext = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): CommandContext => {
    const request = execution.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = request.principal;
    if (principal === undefined)
      throw new Error('CurrentCommandContext on a route the AuthGuard did not authenticate');
    return {
      principal,
      idempotencyKey: idempotencyKey(request.header('idempotency-key'), principal),
      requestHash: requestHash(request.method, request.baseUrl + request.path, request.body),
      ifMatch: parseIfMatch(request.header('if-match')),
      correlationId: String(request.headers['x-request-id']),
    };
  },
);
