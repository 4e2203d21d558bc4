/**
 * `invalid` → 400 naming `field` (a field of the request body, dotted for nested ones);
 * `conflict` → 409, a rule of the lifecycle; `not-found` → 404.
 * Messages may reach logs and problem+json bodies: they never quote anyone's personal data.
 * The base classes of every aggregate's errors (declaration/, regulatory/, user/).
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not-found';

export abstract class DomainError extends Error {
  /** Stable kebab-case identifier, usable as the problem+json `type` suffix. */
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly field?: string;
  /** When the fault is how several fields go together (`field` among them): each of them, named in the 400. */
  readonly fields?: readonly string[];

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export abstract class InvalidField extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(
    override readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export abstract class LifecycleConflict extends DomainError {
  readonly kind = 'conflict' as const;
}
