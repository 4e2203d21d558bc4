import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto, ValidationProblemDto } from './problem.dto';

/** The statuses ProblemFilter answers with problem+json (docs/http-api.md "Errors"). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };

const ANSWERS: Record<ProblemStatus, { description: string; headers?: Record<string, object> }> = {
  400: {
    description: 'The request does not pass validation: `errors` names each field, header or parameter',
  },
  401: {
    description: 'No, malformed, badly signed or expired bearer token',
    headers: { 'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer' } } },
  },
  403: { description: 'The role may not call this route (or act for this facility)' },
  404: { description: 'No such resource, or one of a facility the caller does not act for' },
  409: { description: 'A rule of the lifecycle, lost races, or an Idempotency-Key still in use' },
  412: { description: 'If-Match names no current revision' },
  413: { description: 'The body is larger than VIGIE_BODY_LIMIT' },
  415: { description: 'The body is not UTF-8 JSON' },
  422: { description: 'The Idempotency-Key was used for another request' },
  429: { description: 'Rate limited', headers: RETRY_AFTER },
  500: { description: 'A bug: the body says nothing more' },
  503: {
    description:
      'A store or the identity provider is unreachable, or the read models did not reach `minPosition` in time',
    headers: RETRY_AFTER,
  },
};

/** What every route may answer whatever it does: a bug. */
const ALWAYS: ProblemStatus[] = [500];

/**
 * The problem+json answers of a route, declared once: `@ApiProblems(400, 401, 404)`, on a
 * controller (every route of it) or a route (added to its controller's). 500 goes on every route.
 */
export const ApiProblems = (...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ProblemDto, ValidationProblemDto),
    ...[...new Set([...statuses, ...ALWAYS])].map((status) =>
      ApiResponse({
        status,
        ...ANSWERS[status],
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(status === 400 ? ValidationProblemDto : ProblemDto) },
          },
        },
      }),
    ),
  );
