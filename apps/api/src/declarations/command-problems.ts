import { HttpProblem } from '../problem/http-problem';

/** RFC 9110: the revision the client based its change on (If-Match) is not the current one. */
export class StaleRevision extends HttpProblem {
  readonly status = 412;
  readonly code = 'precondition-failed';
  readonly title = 'Precondition failed';

  constructor(current: number | null) {
    super(
      current === null
        ? 'If-Match was given for a declaration that does not exist yet'
        : `The declaration is at revision ${current}, not the one given in If-Match: read it again`,
    );
  }
}

/** The caller already used this Idempotency-Key for a different request. */
export class IdempotencyKeyReused extends HttpProblem {
  readonly status = 422;
  readonly code = 'idempotency-key-reused';
  readonly title = 'Idempotency key reused';

  constructor() {
    super('This Idempotency-Key was already used with another request: use a new key for a new request');
  }
}
