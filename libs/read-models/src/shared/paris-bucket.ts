import { parisDate } from '@vigie/domain';

/** Europe/Paris year and month (1–12) of an instant; zeros for an instant that is not one. */
export function parisBucketOf(instant: string): { year: number; month: number } {
  if (Number.isNaN(Date.parse(instant))) return { year: 0, month: 0 };
  const { year, month } = parisDate(instant);
  return { year, month };
}
