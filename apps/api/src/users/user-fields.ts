import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { validateFiness } from '@vigie/domain';
import { ValidateBy, ValidateIf } from 'class-validator';
import type { ItemErrorsContext } from '../problem/validation-errors';

/** More than any facility group holds; a bound on the body's work. */
export const MAX_GRANTED_FINESS = 500;

/**
 * An optional list of FINESS numbers, each checked by the domain's rule (9 characters, Luhn key):
 * each offending item is reported at its index (`finess.1`), as the declarations' lists are.
 */
export const FinessListField = (description: string): PropertyDecorator => {
  const itemErrors = (value: unknown): { path: string; message: string }[] => {
    if (!Array.isArray(value)) return [{ path: '', message: 'must be an array of FINESS numbers' }];
    if (value.length > MAX_GRANTED_FINESS)
      return [{ path: '', message: `must hold at most ${MAX_GRANTED_FINESS} FINESS numbers` }];
    return value.flatMap((item, index) => {
      const reason =
        typeof item === 'string' ? validateFiness(item) : 'must be a FINESS number (9 characters)';
      if (reason !== null) return [{ path: String(index), message: reason }];
      if (value.indexOf(item) !== index) return [{ path: String(index), message: `repeats ${item}` }];
      return [];
    });
  };
  const context: ItemErrorsContext = { itemErrors };
  return applyDecorators(
    ApiProperty({
      required: false,
      description,
      type: String,
      isArray: true,
      uniqueItems: true,
      maxItems: MAX_GRANTED_FINESS,
      pattern: '^(\\d{2}|2A|2B)\\d{7}$',
      example: ['750712184'],
    } as Parameters<typeof ApiProperty>[0]),
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy(
      {
        name: 'finessList',
        validator: {
          validate: (value: unknown) => itemErrors(value).length === 0,
          defaultMessage: () => 'must be an array of distinct FINESS numbers',
        },
      },
      { context },
    ),
  );
};
