import type { ValidationError } from 'class-validator';
import type { FieldError } from './http-problem';

/**
 * What a custom constraint may put in its `context` to report errors below its property, such as
 * the offending items of an array (`dataImpacts.1`) rather than the array as a whole.
 */
export interface ItemErrorsContext {
  itemErrors: (value: unknown) => { path: string; message: string }[];
}

const hasItemErrors = (context: unknown): context is ItemErrorsContext =>
  typeof (context as ItemErrorsContext | undefined)?.itemErrors === 'function';

/** class-validator's tree of errors as a flat list of dotted paths, one entry per broken constraint. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).flatMap(([constraint, message]): FieldError[] => {
      const context = error.contexts?.[constraint];
      if (!hasItemErrors(context)) return [{ field, message: messageOf(constraint, message) }];
      const items = context.itemErrors(error.value);
      if (items.length === 0) return [{ field, message }];
      return items.map((item) => ({
        field: item.path === '' ? field : `${field}.${item.path}`,
        message: item.message,
      }));
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator prefixes messages with the property name; the field is already named beside it. */
function messageOf(constraint: string, message: string): string {
  if (constraint === 'whitelistValidation') return 'is not an accepted field';
  return message;
}
