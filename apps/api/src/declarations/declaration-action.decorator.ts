import { HttpCode, Post, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import type { Role } from '../auth/principal';
import { CommandResultDto } from './command-result.dto';

/** The Idempotency-Key header of every declaration command, the submission's included. */
export const IDEMPOTENCY_KEY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key and body gets the first answer again',
});

const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: false,
  description: '"<revision>": refuse with 412 when the declaration changed since',
});

/**
 * A command on one declaration, `POST /api/v1/declarations/{id}/{action}`, answered 200 with the
 * new ETag by every controller that has one (declarations, regulatory clocks): `answer` is the
 * body's documented type, a CommandResultDto with the ids the command created.
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
    ApiOkResponse({ type: answer }),
  );
