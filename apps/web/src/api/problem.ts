import type { Messages } from '../i18n/fr';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 answer of the API (or a network failure, status 0), thrown by `unwrap`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }

  /** The French (or English) message for one field, from the catalogue; undefined when it is fine. */
  fieldMessage(field: string, t: Messages): string | undefined {
    const error = this.errors.find(
      (candidate) => candidate.field === field || candidate.field.startsWith(`${field}.`),
    );
    if (error === undefined) return undefined;
    const byCode = t.errors.fields[field];
    return byCode?.[this.code] ?? byCode?.['*'] ?? t.errors.field;
  }

  /** Fields the form does not show get this summary instead. */
  summary(t: Messages): string {
    return this.status === 0 ? t.errors.unreachable : t.errors.generic;
  }
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or an ApiProblem. */
export function unwrap<T>({ data, error, response }: Result<T>): T {
  if (response.ok) return data as T;
  const body = (error ?? {}) as { type?: string; detail?: string; errors?: FieldError[] };
  const code = typeof body.type === 'string' ? (body.type.split('/').pop() ?? '') : '';
  throw new ApiProblem(response.status, code, body.detail ?? response.statusText, body.errors ?? []);
}
