import { HttpProblem } from '../problem/http-problem';

export class ActivationExpired extends HttpProblem {
  readonly status = 410;
  readonly code = 'activation-expired';
  readonly title = 'Activation link expired';

  constructor() {
    super('The activation link is unknown, already used or expired; ask for a new one');
  }
}

export class NoLocalAccount extends HttpProblem {
  readonly status = 404;
  readonly code = 'local-account-not-found';
  readonly title = 'Not found';

  constructor() {
    super('You have no account of the embedded provider');
  }
}

export class WrongPassword extends HttpProblem {
  readonly status = 403;
  readonly code = 'wrong-password';
  readonly title = 'Wrong password';

  constructor() {
    super('The current password is not right');
  }
}

export class AccountLocked extends HttpProblem {
  readonly status = 403;
  readonly code = 'account-locked';
  readonly title = 'Account locked';

  constructor(until: string) {
    super(`Too many failures in a row: the account is locked until ${until}`);
  }
}
