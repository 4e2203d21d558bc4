import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, LoginAlreadyBound, UserAlreadyExists } from '@vigie/domain';
import { ConcurrencyError, IdempotencyKeyTakenError, StoreUnavailableError } from '@vigie/event-store';
import type { Request, Response } from 'express';
import { isReadDbUnavailable } from '../infrastructure/read-db-errors';
import { HttpProblem, problemType, type FieldError, type Problem } from './http-problem';

interface Answer {
  problem: Problem;
  headers?: Record<string, string>;
}

const RETRY_AFTER_SECONDS = '5';

/** Titles and codes of the statuses an HttpException (Nest's or a body parser's) may carry. */
const BY_STATUS: Record<number, [code: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  503: ['service-unavailable', 'Service unavailable'],
};

const STALE_IF_MATCH = problem(
  412,
  'precondition-failed',
  'Precondition failed',
  'The declaration changed since the revision given in If-Match',
);
const LOST_RACES = problem(
  409,
  'concurrent-modification',
  'Concurrent modification',
  'The declaration was changed by other requests at the same time; retry',
);
const KEY_IN_USE = problem(
  409,
  'idempotency-key-in-use',
  'Idempotency key in use',
  'A request with this Idempotency-Key is being processed; retry',
);
const STORE_UNAVAILABLE = problem(
  503,
  'store-unavailable',
  'Service unavailable',
  'A store is unavailable; retry later',
);
const INTERNAL_ERROR = problem(
  500,
  'internal-error',
  'Internal error',
  'An unexpected error occurred; it has been logged',
);

/** The one place where errors become RFC 9457 problem+json answers. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = this.answer(exception, request);
    if (response.headersSent) return;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(problem.status).setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    response.send(JSON.stringify(problem));
  }

  private answer(thrown: unknown, request: Request): Answer {
    // The body parser's verify hook (hardening/strict-json-body.ts) throws HttpProblems; Nest's Express adapter wraps them.
    const exception =
      thrown instanceof HttpException && thrown.cause instanceof HttpProblem ? thrown.cause : thrown;
    if (exception instanceof HttpProblem) {
      const { status, code, title, message, errors, headers } = exception;
      return { problem: problem(status, code, title, message, errors), headers };
    }
    if (exception instanceof DomainError) return { problem: domainProblem(exception) };
    if (exception instanceof ConcurrencyError) {
      // With If-Match the client asked for one revision and lost; without, retries were exhausted.
      return { problem: request.headers['if-match'] !== undefined ? STALE_IF_MATCH : LOST_RACES };
    }
    if (exception instanceof IdempotencyKeyTakenError) return { problem: KEY_IN_USE };
    if (exception instanceof StoreUnavailableError || isReadDbUnavailable(exception)) {
      this.logger.warn(`Store unavailable on ${request.method} ${request.path}`);
      return { problem: STORE_UNAVAILABLE, headers: { 'Retry-After': RETRY_AFTER_SECONDS } };
    }
    const status = httpStatusOf(exception);
    if (status !== undefined && status < 500) return { problem: httpProblem(status, exception) };
    this.logUnexpected(exception, request);
    return { problem: INTERNAL_ERROR };
  }

  /** The message may quote request data (personal data): log the error's class and stack frames only. */
  private logUnexpected(exception: unknown, request: Request): void {
    const name = exception instanceof Error ? exception.name : typeof exception;
    const frames =
      exception instanceof Error
        ? (exception.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '))
        : [];
    const requestId = request.headers['x-request-id'];
    this.logger.error(
      `Unexpected ${name} on ${request.method} ${request.route?.path ?? request.path} (request ${String(requestId ?? '-')})\n${frames.join('\n')}`,
    );
  }
}

function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldError[],
): Problem {
  return { type: problemType(code), title, status, detail, ...(errors === undefined ? {} : { errors }) };
}

/**
 * The user errors (libs/domain/src/user/user.errors.ts) map by kind as the declaration errors do
 * (UserNotFound 404; InvalidGrant, NotSealed, InvalidSubjectHash, InvalidEmailHash 400 on their
 * field); their conflicts are about the user, not a declaration's lifecycle.
 */
const USER_CONFLICTS = [UserAlreadyExists, LoginAlreadyBound];

function domainProblem(error: DomainError): Problem {
  if (USER_CONFLICTS.some((type) => error instanceof type))
    return problem(409, error.code, 'Conflict with the user’s state', error.message);
  switch (error.kind) {
    case 'invalid':
      return problem(
        400,
        error.code,
        'Invalid request',
        error.message,
        (error.fields ?? [error.field ?? '']).map((field) => ({ field, message: error.message })),
      );
    case 'conflict':
      return problem(409, error.code, 'Conflict with the declaration lifecycle', error.message);
    case 'not-found':
      return problem(404, error.code, 'Not found', error.message);
    default: {
      const unknown: never = error.kind;
      throw new Error(`Unknown domain error kind ${String(unknown)}`);
    }
  }
}

/** Nest's HttpExceptions, and the body parser's http-errors (`expose: true`, `type: 'entity.too.large'`…). */
function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const { status, expose } = (exception ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && expose === true ? status : undefined;
}

function httpProblem(status: number, exception: unknown): Problem {
  const [code, title] = BY_STATUS[status] ?? ['http-error', 'Request failed'];
  // Nest's Express adapter wraps body-parser's errors in HttpExceptions; the parser's kind stays in `cause`.
  const parserError = exception instanceof HttpException ? exception.cause : exception;
  if ((parserError as { type?: unknown } | undefined)?.type === 'entity.parse.failed') {
    return problem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON', [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
  if (status === 413) return problem(413, code, title, 'The request body is larger than the limit');
  const detail = detailOf(exception) ?? title;
  // Every 400 names what was wrong (the document promises `errors`); a body the parser gave up on is `body`.
  if (status === 400) return problem(400, code, title, detail, [{ field: 'body', message: detail }]);
  return problem(status, code, title, detail);
}

function detailOf(exception: unknown): string | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  return Array.isArray(message) ? message.join('; ') : undefined;
}
