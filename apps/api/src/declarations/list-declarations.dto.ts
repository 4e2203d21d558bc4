import type { Principal } from '../auth/principal';
import { RequestValidationError } from '../problem/http-problem';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  DECLARATION_STATUSES,
  INCIDENT_TYPES,
  PATIENT_ENDANGERMENTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  validateFiness,
} from '@vigie/domain';
import { LIST_SORT_KEYS, MAX_LIST_LIMIT, type DeclarationFilter } from '@vigie/read-models';
import { ValidateBy, ValidateIf } from 'class-validator';
import { isInstant, isPrintable } from './fields';

/**
 * Query parameters arrive as strings (an array when repeated, which every rule refuses), so each
 * one is checked as text and converted once valid: `Number('')` and friends never get a say.
 */
export const QueryParam = (
  validate: (value: string) => boolean,
  message: string,
  docs: ApiPropertyOptions,
): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, ...docs } as ApiPropertyOptions),
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'queryParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validate(value),
        defaultMessage: () => message,
      },
    }),
  );

const CodeParam = (codes: readonly string[], description?: string): PropertyDecorator =>
  QueryParam((value) => codes.includes(value), `must be one of ${codes.join(', ')}`, {
    enum: [...codes],
    description,
  });

const POSITION = /^\d{1,20}$/;
const MAX_FINESS = 100;
const MAX_TEXT = 200;

const finessList = (value: string): string[] => value.split(',').map((finess) => finess.trim());

/** `minPosition`, accepted by every read. */
export class ReadQueryDto {
  @QueryParam((value) => POSITION.test(value), 'must be a global position (a decimal integer)', {
    description:
      'Wait (bounded) until the read models have applied this position, e.g. the `position` a command answered; 503 with Retry-After if they do not in time',
    example: '42',
  })
  minPosition?: string;
}

export const minPositionOf = (query: ReadQueryDto): bigint | null =>
  query.minPosition === undefined ? null : BigInt(query.minPosition);

/** The filters of the list and of its counts; all of them must hold (AND). */
export class DeclarationFilterQueryDto extends ReadQueryDto {
  @QueryParam((value) => /^\d{4}$/.test(value), 'must be a year such as 2026', {
    description: 'Europe/Paris calendar year of submittedAt',
    example: '2026',
  })
  year?: string;

  @QueryParam(isInstant, 'must be an ISO 8601 instant with an offset, such as 2026-03-02T00:00:00+01:00', {
    format: 'date-time',
    description: 'submittedAt ≥ from',
  })
  from?: string;

  @QueryParam(isInstant, 'must be an ISO 8601 instant with an offset, such as 2026-04-01T00:00:00+02:00', {
    format: 'date-time',
    description: 'submittedAt < to',
  })
  to?: string;

  @CodeParam(REGION_CODES, 'INSEE region code')
  region?: string;

  @CodeParam(STRUCTURE_TYPES)
  structureType?: string;

  @QueryParam(
    (value) => {
      const list = finessList(value);
      return list.length <= MAX_FINESS && list.every((finess) => validateFiness(finess) === null);
    },
    `must be one FINESS number, or up to ${MAX_FINESS} separated by commas`,
    { description: 'One FINESS or several, comma-separated', example: '750712184,010000016' },
  )
  finess?: string;

  @CodeParam(SUSPECTED_ORIGINS, 'The latest qualification’s origin, else the suspected one')
  origin?: string;

  @CodeParam(INCIDENT_TYPES, 'The latest qualification’s type, else the suspected one')
  type?: string;

  @CodeParam(DECLARATION_STATUSES)
  status?: string;

  @CodeParam(PATIENT_ENDANGERMENTS)
  patientEndangerment?: string;

  @QueryParam(
    (value) => value.length <= MAX_TEXT && /^[\x21-\x7e]+$/.test(value),
    'must be me, none, or the sub of an analyst',
    {
      description: 'CERT only: `me` (assigned to the caller), `none` (unassigned), or an analyst’s `sub`',
      example: 'me',
    },
  )
  assignee?: string;

  @QueryParam(
    (value) => value.trim().length > 0 && value.length <= MAX_TEXT && isPrintable(value),
    `must be a non-blank text of at most ${MAX_TEXT} characters, without control characters`,
    {
      description: 'Words of the reference, the description or the supplier’s name; case and accents ignored',
      maxLength: MAX_TEXT,
    },
  )
  q?: string;
}

/** `GET /api/v1/declarations`: the filters, then the format and the page (order, size, cursor). */
export class ListDeclarationsQueryDto extends DeclarationFilterQueryDto {
  @QueryParam((value) => value === 'json' || value === 'csv', 'must be json or csv', {
    enum: ['json', 'csv'],
    description:
      'json (default): a page. csv (CERT only): every declaration the filters select, as a spreadsheet file, recorded in the read-audit log',
  })
  format?: string;

  @QueryParam(
    (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_LIST_LIMIT,
    `must be an integer from 1 to ${MAX_LIST_LIMIT}`,
    { description: `Items per page, 1 to ${MAX_LIST_LIMIT} (default 50)`, example: '50' },
  )
  limit?: string;

  @QueryParam(
    (value) => (LIST_SORT_KEYS as readonly string[]).includes(value.replace(/^-/, '')),
    `must be one of ${LIST_SORT_KEYS.join(', ')}, with - for descending`,
    {
      description:
        'The order (default -submittedAt, newest first); ties are broken by id. A cursor belongs to its sort',
      example: '-submittedAt',
    },
  )
  sort?: string;

  @QueryParam((value) => /^[A-Za-z0-9_-]{1,512}$/.test(value), 'must be a nextCursor this server returned', {
    description: 'The `nextCursor` of the previous page',
  })
  cursor?: string;
}

/** `assignee=me|none|<sub>` as the read model takes it; a facility's reader may not filter on it. */
function assigneeOf(query: DeclarationFilterQueryDto, principal: Principal): string | null | undefined {
  if (query.assignee === undefined) return undefined;
  if (principal.role === 'declarant')
    throw new RequestValidationError([{ field: 'assignee', message: 'is a filter of the CERT only' }]);
  if (query.assignee === 'none') return null;
  return query.assignee === 'me' ? principal.sub : query.assignee;
}

export const filterOf = (
  query: DeclarationFilterQueryDto & Partial<Pick<ListDeclarationsQueryDto, 'sort' | 'limit' | 'cursor'>>,
  principal: Principal,
): DeclarationFilter => ({
  assignee: assigneeOf(query, principal),
  year: query.year === undefined ? undefined : Number(query.year),
  from: query.from,
  to: query.to,
  region: query.region,
  structureType: query.structureType,
  finess: query.finess === undefined ? undefined : finessList(query.finess),
  origin: query.origin,
  type: query.type,
  status: query.status,
  patientEndangerment: query.patientEndangerment,
  q: query.q,
  sort: query.sort,
  limit: query.limit === undefined ? undefined : Number(query.limit),
  cursor: query.cursor,
});
