/** The stable part of every problem `type`; docs/http-api.md lists the codes. */
export const PROBLEM_TYPE_BASE = 'https://vigie.example/problems/';

export const problemType = (code: string): string => `${PROBLEM_TYPE_BASE}${code}`;

export interface FieldError {
  /** Dotted path in the request (`structure.finess`, `dataImpacts.1`), or a header name. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every error answer of the API carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/**
 * An error of the HTTP edge that already knows its answer (status, problem code, title). The
 * single ProblemFilter turns it into problem+json; domain and store errors are mapped there too.
 */
export abstract class HttpProblem extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string> = {};
}

/** Input that does not pass validation: every offending field is listed. */
export class RequestValidationError extends HttpProblem {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly title = 'Invalid request';

  constructor(override readonly errors: FieldError[]) {
    super(
      `${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((error) => error.field).join(', ')}`,
    );
  }
}
