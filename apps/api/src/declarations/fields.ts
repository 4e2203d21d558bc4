import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { validateFiness } from '@vigie/domain';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsOptional,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  isISO8601,
  type ValidationOptions,
} from 'class-validator';
import type { ItemErrorsContext } from '../problem/validation-errors';

/**
 * One decorator per kind of body field: it documents the field for OpenAPI and validates it, so
 * that a DTO reads as its schema. Messages follow the field name reported beside them ("must …").
 */
export interface FieldOptions {
  /** `required` (default): present and not null; `optional`: may be absent, not null; `nullable`: may be absent or null. */
  presence?: 'required' | 'optional' | 'nullable';
  description?: string;
  example?: unknown;
}

/** An instant with its offset (`2026-03-02T07:40:00+01:00` or `…Z`): a bare local time would be ambiguous. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  INSTANT.test(value) &&
  isISO8601(value, { strict: true }) &&
  !Number.isNaN(Date.parse(value));

function presence(options: FieldOptions): PropertyDecorator[] {
  const given = options.presence ?? 'required';
  switch (given) {
    case 'required':
      return [IsDefined({ message: 'is required' })];
    case 'optional':
      return [ValidateIf((_object: object, value: unknown) => value !== undefined)];
    case 'nullable':
      return [IsOptional()];
    default: {
      const unknown: never = given;
      throw new Error(`Unknown field presence ${String(unknown)}`);
    }
  }
}

const docs = (options: FieldOptions, extra: Parameters<typeof ApiProperty>[0]): PropertyDecorator =>
  ApiProperty({
    required: (options.presence ?? 'required') === 'required',
    nullable: options.presence === 'nullable',
    description: options.description,
    example: options.example,
    ...extra,
  } as Parameters<typeof ApiProperty>[0]);

const rule = (
  name: string,
  validate: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator => ValidateBy({ name, validator: { validate, defaultMessage: () => message } }, options);

/**
 * NUL and the other control characters but tab and line breaks, and UTF-16 halves of a
 * character: no person types them, PostgreSQL's jsonb refuses NUL and lone surrogates (a 500 on
 * that store), and terminals and CSV readers misread them.
 */
const UNPRINTABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isPrintable = (value: string): boolean => !UNPRINTABLE.test(value);

/** Free text: a string with something else than blanks in it, at most `maxLength` characters. */
export const TextField = (maxLength: number, options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: String, minLength: 1, maxLength }),
    ...presence(options),
    rule(
      'text',
      (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength,
      `must be a non-blank string of at most ${maxLength} characters`,
    ),
    rule(
      'printable',
      (value) => typeof value === 'string' && isPrintable(value),
      'must not hold control characters (other than tab and line breaks) or unpaired surrogates',
    ),
  );

export const EmailField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: String, format: 'email', maxLength: 254 }),
    ...presence(options),
    rule(
      'email',
      (value) =>
        typeof value === 'string' &&
        value.length <= 254 &&
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) &&
        isPrintable(value),
      'must be an e-mail address',
    ),
  );

export const PhoneField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: String, maxLength: 40, example: '+33 1 23 45 67 89' }),
    ...presence(options),
    rule(
      'phone',
      (value) => typeof value === 'string' && /^\+?[0-9][0-9 ().-]{2,38}$/.test(value),
      'must be a phone number (digits, spaces, + . - ( ))',
    ),
  );

export const BooleanField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: Boolean }),
    ...presence(options),
    rule('boolean', (value) => typeof value === 'boolean', 'must be true or false'),
  );

export const InstantField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, {
      type: String,
      format: 'date-time',
      example: options.example ?? '2026-03-02T07:40:00+01:00',
    }),
    ...presence(options),
    rule(
      'instant',
      isInstant,
      'must be an ISO 8601 instant with an offset, such as 2026-03-02T07:40:00+01:00',
    ),
  );

export const CodeField = (codes: readonly string[], options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { enum: [...codes] }),
    ...presence(options),
    rule(
      'code',
      (value) => typeof value === 'string' && codes.includes(value),
      `must be one of ${codes.join(', ')}`,
    ),
  );

/** A whole number from 0 to `max`: a count, an estimate is fine. */
export const CountField = (max: number, options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: 'integer', minimum: 0, maximum: max }),
    ...presence(options),
    rule(
      'count',
      (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max,
      `must be a whole number from 0 to ${max}`,
    ),
  );

/** A set of codes sent as an array: no duplicates, at most `maxItems`; each offending item is reported at its index. */
export const CodeListField = (
  codes: readonly string[],
  maxItems: number,
  options: FieldOptions = {},
): PropertyDecorator => {
  const itemErrors = (value: unknown): { path: string; message: string }[] => {
    if (!Array.isArray(value))
      return [{ path: '', message: `must be an array of codes among ${codes.join(', ')}` }];
    if (value.length > maxItems) return [{ path: '', message: `must hold at most ${maxItems} codes` }];
    return value.flatMap((item, index) => {
      if (typeof item !== 'string' || !codes.includes(item))
        return [{ path: String(index), message: `must be one of ${codes.join(', ')}` }];
      if (value.indexOf(item) !== index) return [{ path: String(index), message: `repeats ${item}` }];
      return [];
    });
  };
  const context: ItemErrorsContext = { itemErrors };
  return applyDecorators(
    docs(options, { enum: [...codes], isArray: true, uniqueItems: true, maxItems }),
    ...presence(options),
    rule(
      'codeList',
      (value) => itemErrors(value).length === 0,
      `must be an array of distinct codes among ${codes.join(', ')}`,
      { context },
    ),
  );
};

/** The domain's rule (9 characters, Luhn check digit), so the API refuses what `decide` would. */
export const FinessField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type: String, pattern: '^(\\d{2}|2A|2B)\\d{7}$', example: '750712184' }),
    ...presence(options),
    ValidateBy({
      name: 'finess',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateFiness(value) === null,
        defaultMessage: (args) =>
          (typeof args?.value === 'string' ? validateFiness(args.value) : null) ??
          'must be a FINESS number (9 characters)',
      },
    }),
  );

/** `type` is the class itself: declare it above the DTO that nests it. */
export const NestedField = (type: ClassType, options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    docs(options, { type }),
    ...presence(options),
    rule(
      'object',
      (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
      'must be an object',
    ),
    ValidateNested(),
    Type(() => type),
  );
