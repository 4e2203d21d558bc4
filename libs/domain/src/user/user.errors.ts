import { DomainError, InvalidField, LifecycleConflict } from '../domain-error';

/* Messages may reach logs and problem+json bodies: they name users by id, never by e-mail. */

export class UserNotFound extends DomainError {
  readonly code = 'user-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly userId: string) {
    super(`User ${userId} does not exist`);
  }
}

export class UserAlreadyExists extends LifecycleConflict {
  readonly code = 'user-already-exists';
  constructor(readonly userId: string) {
    super(`User ${userId} was already invited`);
  }
}

/** One account per identity provider: another one is a new binding only once the first is gone. */
export class LoginAlreadyBound extends LifecycleConflict {
  readonly code = 'login-already-bound';
  constructor(
    readonly userId: string,
    readonly issuer: string,
  ) {
    super(`User ${userId} is already bound to another account of ${issuer}`);
  }
}

export class InvalidGrant extends InvalidField {
  readonly code = 'invalid-grant';
}

export class NotSealed extends InvalidField {
  readonly code = 'not-sealed';
  constructor(field: string) {
    super(field, 'must be sealed personal data');
  }
}

export class InvalidSubjectHash extends InvalidField {
  readonly code = 'invalid-subject-hash';
  constructor() {
    super('subjectHash', 'must be a keyed hash of the subject (base64url or hex), never the subject itself');
  }
}

export class InvalidEmailHash extends InvalidField {
  readonly code = 'invalid-email-hash';
  constructor() {
    super('emailHash', 'must be a keyed hash of the e-mail (base64url or hex), never the e-mail itself');
  }
}
