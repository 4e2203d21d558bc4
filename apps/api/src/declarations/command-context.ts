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
/** One element of a list (RFC 9110 §5.6.1: empty ones allowed) of entity tags (§8.8.3), and its comma. */
const LIST_ELEMENT = /^[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/;
/** Our ETags are `"<revision>"`: a decimal number as the API writes it. */
const REVISION = /^(?:0|[1-9]\d{0,14})$/;

/**
 * RFC 9110 §13.1.1: `*`, or a list of entity tags compared strongly. A weak tag (`W/"3"`) never
 * matches, nor does a tag no revision has (`"abc"`, `"03"`): both end in 412, not 400. Revisions
 * keeps the strong tags that name one; with none left, nothing matches.
 */
export function parseIfMatch(header: string | undefined): IfMatch | null {
  if (header === undefined) return null;
  if (header.trim() === '*') return { any: true };
  const revisions: number[] = [];
  let tags = 0;
  for (let rest = header; rest.length > 0;) {
    const element = LIST_ELEMENT.exec(rest);
    if (element === null) throw malformedIfMatch();
    rest = rest.slice(element[0].length);
    const [, weak, opaque] = element;
    if (opaque === undefined) continue;
    tags += 1;
    if (weak === undefined && REVISION.test(opaque)) revisions.push(Number(opaque));
  }
  if (tags === 0) throw malformedIfMatch();
  return { any: false, revisions };
}

const malformedIfMatch = (): RequestValidationError =>
  new RequestValidationError([{ field: 'If-Match', message: 'must be "*" or entity tags such as "3"' }]);

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
