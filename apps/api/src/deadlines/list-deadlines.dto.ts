import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLOCK_STAGES,
  CLOCK_STATUSES,
  REGIMES,
  REGION_CODES,
  validateFiness,
  type ClockStatus,
} from '@vigie/domain';
import { MAX_DEADLINE_LIMIT, type DeadlineFilter } from '@vigie/read-models';
import { ValidateBy, ValidateIf } from 'class-validator';
import { ReadQueryDto } from '../declarations/list-declarations.dto';

const MAX_FINESS = 100;

/** A query parameter checked as text (an array, when repeated, is refused). */
const Param = (
  validate: (value: string) => boolean,
  message: string,
  description: string,
  example?: string,
): PropertyDecorator =>
  function (target: object, property: string | symbol) {
    ApiPropertyOptional({ type: String, description, example })(target, property);
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, property as string);
    ValidateBy({
      name: 'deadlineParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validate(value),
        defaultMessage: () => message,
      },
    })(target, property as string);
  };

const list = (value: string): string[] => value.split(',').map((item) => item.trim());
const among = (codes: readonly string[]) => (value: string) =>
  list(value).every((item) => codes.includes(item));

/** `GET /api/v1/deadlines`: every filter must hold; a list (comma-separated) matches any of its values. */
export class ListDeadlinesQueryDto extends ReadQueryDto {
  @Param(
    among(CLOCK_STATUSES),
    `must be among ${CLOCK_STATUSES.join(', ')}, comma-separated`,
    'Status at the time of the request: met, met-late, due, overdue',
    'overdue',
  )
  status?: string;

  @Param(
    (value) => (REGION_CODES as readonly string[]).includes(value),
    `must be one of ${REGION_CODES.join(', ')}`,
    'INSEE region code of the structure',
    '11',
  )
  region?: string;

  @Param(
    (value) => (REGIMES as readonly string[]).includes(value),
    `must be one of ${REGIMES.join(', ')}`,
    'CSP (French obligation), NIS2 or GDPR',
    'NIS2',
  )
  regime?: string;

  @Param(
    (value) => (CLOCK_STAGES as readonly string[]).includes(value),
    `must be one of ${CLOCK_STAGES.join(', ')}`,
    'The stage a clock measures',
    'FINAL',
  )
  stage?: string;

  @Param(
    (value) =>
      list(value).length <= MAX_FINESS && list(value).every((finess) => validateFiness(finess) === null),
    `must be one FINESS number, or up to ${MAX_FINESS} separated by commas`,
    'One FINESS or several, comma-separated',
  )
  finess?: string;

  @Param(
    (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_DEADLINE_LIMIT,
    `must be an integer from 1 to ${MAX_DEADLINE_LIMIT}`,
    `Items per page, 1 to ${MAX_DEADLINE_LIMIT} (default 50)`,
  )
  limit?: string;

  @Param(
    (value) => /^[A-Za-z0-9_-]{1,512}$/.test(value),
    'must be a nextCursor this server returned',
    'The `nextCursor` of the previous page',
  )
  cursor?: string;
}

export const deadlineFilterOf = (query: ListDeadlinesQueryDto): DeadlineFilter => ({
  status: query.status === undefined ? undefined : (list(query.status) as ClockStatus[]),
  region: query.region,
  regime: query.regime,
  stage: query.stage,
  finess: query.finess === undefined ? undefined : list(query.finess),
  limit: query.limit === undefined ? undefined : Number(query.limit),
  cursor: query.cursor,
});
