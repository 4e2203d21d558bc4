import { parisDate } from '@vigie/domain';

const hourFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The instant of a Paris wall-clock time (the seed writes history the way people lived it, in Paris). */
export function parisInstant(year: number, month: number, day: number, hour: number, minute: number): number {
  for (const offsetHours of [1, 2]) {
    const candidate = Date.UTC(year, month - 1, day, hour - offsetHours, minute);
    const date = parisDate(new Date(candidate));
    const [h, m] = hourFormat.format(candidate).split(':').map(Number);
    if (date.year === year && date.month === month && date.day === day && h === hour && m === minute)
      return candidate;
  }
  // 02:30 on the night clocks go forward does not exist in Paris: an hour later does.
  return parisInstant(year, month, day, hour + 1, minute);
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();
