import { parisDate } from '@vigie/domain';
import { HttpProblem, RequestValidationError } from '../problem/http-problem';

/** No edition with this id for this year (the id may be one of another year's). */
export class PublicationNotFound extends HttpProblem {
  readonly status = 404;
  readonly code = 'publication-not-found';
  readonly title = 'Not found';

  constructor(year: number, id: string) {
    super(`No publication ${id} of the ${year} report`);
  }
}

/** The log holds nothing after now: a report "as of" a later instant would be a guess about the future. */
export function assertNotFuture(field: string, instant: Date, now: Date): void {
  if (instant.getTime() > now.getTime()) {
    throw new RequestValidationError([
      { field, message: `must not be in the future (now is ${now.toISOString()})` },
    ]);
  }
}

/** An edition of a year that has not begun would freeze an empty report under a misleading title. */
export function assertYearBegun(year: number, now: Date): void {
  const current = parisDate(now).year;
  if (year > current) {
    throw new RequestValidationError([
      { field: 'year', message: `must not be after the current year (${current})` },
    ]);
  }
}
