/**
 * Europe/Paris wall-clock time, for deadlines counted in calendar months: "one month after"
 * means the same date and time on the Paris calendar, whatever the UTC offset did meanwhile.
 */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const HOUR_MS = 3_600_000;

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall clock as the time-zone database gives it: exact at any instant, and slow (Intl). */
export function zoneWallClock(epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of parisParts.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

/**
 * Since 1996 Paris changes its UTC offset only at 01:00 UTC (the EU rule), so one offset holds for
 * a whole UTC hour: it is asked of the zone database once per hour and kept. Reports and clocks
 * read thousands of instants of the same few days; Intl costs about 10 µs a reading.
 */
const ONE_OFFSET_PER_UTC_HOUR_FROM = Date.UTC(1996, 0, 1);
const OFFSETS_KEPT = 100_000;
const offsetOfHour = new Map<number, number>();

function cachedOffset(epochMs: number): number | null {
  if (!(epochMs >= ONE_OFFSET_PER_UTC_HOUR_FROM) || !Number.isFinite(epochMs)) return null;
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    if (offsetOfHour.size >= OFFSETS_KEPT) offsetOfHour.clear();
    offset = asUtc(zoneWallClock(hour * HOUR_MS)) - hour * HOUR_MS;
    offsetOfHour.set(hour, offset);
  }
  return offset;
}

export function parisWallClock(epochMs: number): WallClock {
  const offset = cachedOffset(epochMs);
  if (offset === null) return zoneWallClock(epochMs);
  const wall = new Date(epochMs + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

/** The wall clock read as if it were UTC: the difference with the instant is the offset. */
const asUtc = (wall: WallClock): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);

const offsetAt = (epochMs: number): number => asUtc(parisWallClock(epochMs)) - epochMs;

/**
 * The instant Paris clocks show `wall`. Twice a year the answer is not unique: in the spring gap
 * (02:30 does not exist) the clocks' own jump is followed, giving 03:30 summer time; in the
 * autumn overlap (02:30 happens twice) the earlier one is taken, so that a deadline is never
 * announced later than any reading of it.
 */
export function parisInstantOf(wall: WallClock): number {
  const local = asUtc(wall);
  const offsets = [...new Set([offsetAt(local - 12 * HOUR_MS), offsetAt(local + 12 * HOUR_MS)])];
  const candidates = offsets.map((offset) => local - offset);
  const exact = candidates.filter((candidate) => offsetAt(candidate) === local - candidate);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `months` calendar months after the instant, on the Paris calendar: same time of day, same day
 * of the month, or the last day of a shorter month (31 January → 28 or 29 February).
 */
export function addParisCalendarMonths(epochMs: number, months: number): number {
  const wall = parisWallClock(epochMs);
  const monthIndex = wall.month - 1 + months;
  const year = wall.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  return parisInstantOf({ ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) });
}
