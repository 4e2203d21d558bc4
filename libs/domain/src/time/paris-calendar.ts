/**
 * The report counts in Europe/Paris calendar time (a declaration submitted on 31 December at
 * 23:30 in Paris belongs to that year even though it is already 1 January in some other zone).
 */
export interface ParisDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const parisFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function parisDate(instant: string | Date): ParisDate {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const [year, month, day] = parisFormat.format(date).split('-').map(Number);
  return { year, month, day };
}

/** `YYYY-MM-DD` of the Paris calendar day containing the instant. */
export function parisDay(instant: string | Date): string {
  return parisFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export const parisYear = (instant: string | Date): number => parisDate(instant).year;

/** `01`…`12`, the key used by the report's `byMonth` table. */
export const parisMonthKey = (instant: string | Date): string =>
  String(parisDate(instant).month).padStart(2, '0');
