import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, ValidateIf } from 'class-validator';
import { isInstant, isPrintable } from '../declarations/fields';
import type { ReadFilter } from './read-audit-log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_AUDIT_LIMIT = 500;

/** A query parameter checked as text (an array, when repeated, is refused). */
const Param = (
  validate: (value: string) => boolean,
  message: string,
  description: string,
): PropertyDecorator =>
  function (target: object, property: string | symbol) {
    ApiPropertyOptional({ type: String, description })(target, property);
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, property as string);
    ValidateBy({
      name: 'auditParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validate(value),
        defaultMessage: () => message,
      },
    })(target, property as string);
  };

/** `GET /api/v1/audit/reads`: every filter must hold. */
export class AuditReadsQueryDto {
  @Param((value) => UUID.test(value), 'must be a UUID', 'The declaration read')
  declarationId?: string;

  @Param(
    (value) => value.length >= 1 && value.length <= 200 && isPrintable(value),
    'must be a token subject of 1 to 200 characters',
    'The reader’s `sub`',
  )
  actor?: string;

  @Param(
    isInstant,
    'must be an ISO 8601 instant with an offset, such as 2026-03-02T00:00:00+01:00',
    'Read at ≥ from',
  )
  from?: string;

  @Param(
    isInstant,
    'must be an ISO 8601 instant with an offset, such as 2026-04-01T00:00:00+02:00',
    'Read at < to',
  )
  to?: string;

  @Param(
    (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_AUDIT_LIMIT,
    `must be an integer from 1 to ${MAX_AUDIT_LIMIT}`,
    `Items per page, 1 to ${MAX_AUDIT_LIMIT} (default 100)`,
  )
  limit?: string;

  @Param(
    (value) => /^[1-9]\d{0,18}$/.test(value),
    'must be a nextCursor this server returned',
    'The `nextCursor` of the previous page',
  )
  cursor?: string;
}

export const readFilterOf = (query: AuditReadsQueryDto): ReadFilter => ({
  declarationId: query.declarationId?.toLowerCase(),
  actor: query.actor,
  from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
  to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
  limit: query.limit === undefined ? 100 : Number(query.limit),
  before: query.cursor,
});
