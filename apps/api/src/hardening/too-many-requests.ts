import { HttpProblem } from '../problem/http-problem';

/** A caller (an address, a token) went over its share of the window: it may retry after `Retry-After`. */
export class TooManyRequests extends HttpProblem {
  readonly status = 429;
  readonly code = 'rate-limited';
  readonly title = 'Too many requests';
  override readonly headers: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`);
    this.headers = { 'Retry-After': String(Math.max(1, retryAfterSeconds)) };
  }
}
