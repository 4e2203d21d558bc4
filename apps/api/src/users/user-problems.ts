import { HttpProblem } from '../problem/http-problem';

/** An invitation for an e-mail already invited: matched by its keyed hash, never by the e-mail. */
export class UserExists extends HttpProblem {
  readonly status = 409;
  readonly code = 'user-exists';
  readonly title = 'User exists';

  constructor() {
    super('A user was already invited with this e-mail address');
  }
}

/** No account of the embedded provider for this user (another provider logs people in, or none was made). */
export class NoLocalAccount extends HttpProblem {
  readonly status = 404;
  readonly code = 'local-account-not-found';
  readonly title = 'Not found';

  constructor(userId: string) {
    super(`User ${userId} has no account of the embedded provider`);
  }
}

export class ApiTokenNotFound extends HttpProblem {
  readonly status = 404;
  readonly code = 'api-token-not-found';
  readonly title = 'Not found';

  constructor(id: string) {
    super(`You have no API token ${id}`);
  }
}
