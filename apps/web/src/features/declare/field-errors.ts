import { ApiProblem, type FieldError } from '../../api/problem';
import type { Messages } from '../../i18n/fr';
import { FIELD_PLACES, formFieldOf } from './declare-form';

/** An ApiProblem as IndexedDB can keep it (a class instance does not survive structured cloning). */
export interface ApiProblemShape {
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
}

export const shapeOf = (problem: ApiProblem): ApiProblemShape => ({
  status: problem.status,
  code: problem.code,
  detail: problem.detail,
  errors: problem.errors,
});

export const problemOf = (shape: ApiProblemShape): ApiProblem =>
  new ApiProblem(shape.status, shape.code, shape.detail, shape.errors);

/** The form's field errors: form field → its French (or English) message, in the form's order. */
export type FieldMessages = Record<string, string>;

/**
 * The API's English messages are never shown: each field gets the catalogue's message for its
 * problem code (the end of the problem's `type`, or the domain error's code), or for any code.
 */
export function fieldMessages(problem: ApiProblemShape | null, t: Messages): FieldMessages {
  const messages: FieldMessages = {};
  if (problem === null) return messages;
  for (const error of problem.errors) {
    const field = formFieldOf(error.field);
    if (messages[field] !== undefined) continue;
    const byCode = t.declare.fieldErrors[field];
    messages[field] = byCode?.[problem.code] ?? byCode?.['*'] ?? t.errors.field;
  }
  return messages;
}

/** The messages no field of the form shows (a header, `body`…): the alert tells them instead. */
export const unshownFields = (messages: FieldMessages): string[] =>
  Object.keys(messages).filter((field) => FIELD_PLACES[field] === undefined);

/** The first field in error in the form's order: where focus goes, and the step to show. */
export function firstFieldInError(messages: FieldMessages): [step: number, id: string] | undefined {
  return Object.entries(FIELD_PLACES).find(([field]) => messages[field] !== undefined)?.[1];
}

/** `required` messages for the essentials left empty (the API would refuse them all the same). */
export function requiredMessages(fields: string[], t: Messages): FieldMessages {
  return Object.fromEntries(fields.map((field) => [field, t.errors.required]));
}

/** DSFR's `state`/`stateRelatedMessage` for one field. */
export const stateOf = (messages: FieldMessages, field: string) =>
  messages[field] === undefined ? {} : { state: 'error' as const, stateRelatedMessage: messages[field] };
