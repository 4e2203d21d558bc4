import { HttpCode, Post, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ROLES, type Role } from '../auth/principal';
import { ApiProblems } from '../problem/api-problems.decorator';
import { CommandResultDto } from './command-result.dto';

/** The Idempotency-Key header of every declaration command, the submission's included. */
export const IDEMPOTENCY_KEY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key and body gets the first answer again',
});

/** The headers of a command's answer. */
export const COMMAND_ANSWER_HEADERS = {
  ETag: { description: '"<revision>" of the declaration', schema: { type: 'string', example: '"1"' } },
  'Idempotent-Replayed': { description: '`true` on a replay of a keyed request', schema: { type: 'string' } },
};

/**
 * What any command may answer besides its result: a bad body or header (400, 413, 415), a rule of
 * the lifecycle or lost races (409), a stale If-Match (412), a reused Idempotency-Key (422).
 */
export const COMMAND_PROBLEMS = ApiProblems(400, 409, 412, 413, 415, 422);

const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: false,
  description: '"<revision>": refuse with 412 when the declaration changed since',
});

/**
 * A command on one declaration, `POST /api/v1/declarations/{id}/{action}`, answered 200 with the
 * new ETag by every controller that has one (declarations, regulatory clocks): `answer` is the
 * body's documented type, a CommandResultDto with the ids the command created. A declaration out
 * of a declarant's facilities is a 404, so 403 is only for the roles the route refuses.
 */
export const DeclarationAction = (
  path: string,
  roles: readonly Role[],
  answer: typeof CommandResultDto = CommandResultDto,
): MethodDecorator =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...roles),
    IDEMPOTENCY_KEY_HEADER,
    IF_MATCH_HEADER,
    ApiOkResponse({ type: answer, headers: COMMAND_ANSWER_HEADERS }),
    COMMAND_PROBLEMS,
    roles.length < ROLES.length ? ApiProblems(403, 404) : ApiProblems(404),
  );
