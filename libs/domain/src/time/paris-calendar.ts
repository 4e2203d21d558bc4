/**
 * The report counts in Europe/Paris calendar time (a declaration submitted on 31 December at
 * 23:30 in Paris belongs to that year even though it is already 1 January in some other zone).
 */
import { parisWallClock } from './paris-wall-clock';

export interface ParisDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const epochOf = (instant: string | Date): number =>
  typeof instant === 'string' ? Date.parse(instant) : instant.getTime();

/** Throws a RangeError on an instant that does not parse, as Intl does. */
export function parisDate(instant: string | Date): ParisDate {
  const { year, month, day } = parisWallClock(epochOf(instant));
  return { year, month, day };
}

/** `YYYY-MM-DD` of the Paris calendar day containing the instant. */
export function parisDay(instant: string | Date): string {
  const { year, month, day } = parisDate(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const parisYear = (instant: string | Date): number => parisDate(instant).year;

/** `01`…`12`, the key used by the report's `byMonth` table. */
export const parisMonthKey = (instant: string | Date): string =>
  String(parisDate(instant).month).padStart(2, '0');
