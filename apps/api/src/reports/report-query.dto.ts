import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { Lang } from '@vigie/domain';
import { REPORT_FORMATS, type ReportFormat } from '@vigie/reporting';
import { ValidateBy, ValidateIf } from 'class-validator';
import { isInstant, isPrintable } from '../declarations/fields';

/**
 * Parameters arrive as strings (an array when repeated, which every rule refuses): each one is
 * checked as text, then converted once by the `…Of` functions below.
 */
const Param = (
  validate: (value: string) => boolean,
  message: string,
  docs: ApiPropertyOptions & { required?: boolean },
): PropertyDecorator =>
  applyDecorators(
    docs.required
      ? ApiProperty({ type: String, ...docs } as ApiPropertyOptions)
      : ApiPropertyOptional({ type: String, ...docs } as ApiPropertyOptions),
    ValidateIf((_object: object, value: unknown) => docs.required === true || value !== undefined),
    ValidateBy({
      name: 'reportParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validate(value),
        defaultMessage: () => message,
      },
    }),
  );

const LANGS: readonly Lang[] = ['fr', 'en'];
const FIRST_YEAR = 1970;
const YEAR = /^\d{4}$/;
const POSITION = /^\d{1,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NOTE = 2000;

const YearParam = (): PropertyDecorator =>
  Param(
    (value) => YEAR.test(value) && Number(value) >= FIRST_YEAR,
    `must be a year of four digits from ${FIRST_YEAR}, such as 2026`,
    {
      required: true,
      description: 'Europe/Paris calendar year of submission',
      example: '2026',
    },
  );

const AsOfParam = (description: string): PropertyDecorator =>
  Param(
    isInstant,
    'must be an ISO 8601 instant with an offset, such as 2026-03-02T00:00:00+01:00, not in the future',
    {
      format: 'date-time',
      description,
    },
  );

export class YearParamsDto {
  @YearParam()
  year!: string;
}

export class PublicationParamsDto extends YearParamsDto {
  @Param((value) => UUID.test(value), 'must be a UUID', { required: true, description: 'The publication id' })
  id!: string;
}

export class AnnualReportQueryDto {
  @Param(
    (value) => (REPORT_FORMATS as readonly string[]).includes(value),
    `must be one of ${REPORT_FORMATS.join(', ')}`,
    {
      enum: [...REPORT_FORMATS],
      description: 'Output format (default json)',
    },
  )
  format?: string;

  @AsOfParam(
    'The report as it stood at this instant, replayed from the event log (default: now, from the read models)',
  )
  asOf?: string;

  @Param((value) => (LANGS as readonly string[]).includes(value), `must be one of ${LANGS.join(', ')}`, {
    enum: [...LANGS],
    description: 'Language of the labels (default fr)',
  })
  lang?: string;

  @Param((value) => value === 'true' || value === 'false', 'must be true or false', {
    enum: ['true', 'false'],
    description: 'Mask counts of 1 to 4 as "<5" (statistical secrecy)',
  })
  public?: string;

  @Param((value) => POSITION.test(value), 'must be a global position (a decimal integer)', {
    description:
      'Without asOf: wait (bounded) until the read models have applied this position; 503 with Retry-After if they do not in time',
    example: '42',
  })
  minPosition?: string;
}

/** An edition in another format than its record, or its public edition (statistical secrecy). */
export class PublicationQueryDto {
  @Param(
    (value) => (REPORT_FORMATS as readonly string[]).includes(value),
    `must be one of ${REPORT_FORMATS.join(', ')}`,
    {
      enum: [...REPORT_FORMATS],
      description:
        'The frozen report rendered in this format (without it: the edition record, its report as JSON)',
    },
  )
  format?: string;

  @Param((value) => (LANGS as readonly string[]).includes(value), `must be one of ${LANGS.join(', ')}`, {
    enum: [...LANGS],
    description: 'Language of the labels (default fr), with format',
  })
  lang?: string;

  @Param((value) => value === 'true' || value === 'false', 'must be true or false', {
    enum: ['true', 'false'],
    description: 'The public edition: counts of 1 to 4 masked as "<5" (with format; default json)',
  })
  public?: string;
}

export class RestatementsQueryDto {
  @AsOfParam('Compare with the report as it stood at this instant (default: now)')
  asOf?: string;
}

export class PublishReportDto {
  @Param(
    isInstant,
    'must be an ISO 8601 instant with an offset, such as 2027-03-01T00:00:00+01:00, not in the future',
    {
      format: 'date-time',
      description: 'Freeze the report as it stood at this instant (default: now)',
    },
  )
  asOf?: string;

  @Param(
    (value) => value.trim().length > 0 && value.length <= MAX_NOTE && isPrintable(value),
    `must be a non-blank text of at most ${MAX_NOTE} characters, without control characters`,
    {
      maxLength: MAX_NOTE,
      description: 'Why this edition (e.g. "Observatoire 2026, édition de mars")',
    },
  )
  note?: string;
}

export interface ReportRequest {
  year: number;
  format: ReportFormat;
  asOf: Date | null;
  lang: Lang;
  public: boolean;
  minPosition: bigint | null;
}

export const yearOf = (params: YearParamsDto): number => Number(params.year);

export const asOfOf = (value: string | undefined): Date | null =>
  value === undefined ? null : new Date(value);

export const reportRequestOf = (params: YearParamsDto, query: AnnualReportQueryDto): ReportRequest => ({
  year: yearOf(params),
  format: (query.format ?? 'json') as ReportFormat,
  asOf: asOfOf(query.asOf),
  lang: (query.lang ?? 'fr') as Lang,
  public: query.public === 'true',
  minPosition: query.minPosition === undefined ? null : BigInt(query.minPosition),
});
