import fc from 'fast-check';
import { parisDate, parisDay } from './paris-calendar';
import { addParisCalendarMonths, parisInstantOf, parisWallClock, zoneWallClock } from './paris-wall-clock';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the Paris wall clock', () => {
  it('reads winter and summer time', () => {
    expect(parisWallClock(at('2026-01-15T22:59:00.250Z'))).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 23,
      minute: 59,
      second: 0,
      millisecond: 250,
    });
    expect(parisWallClock(at('2026-07-14T22:00:00Z'))).toMatchObject({ month: 7, day: 15, hour: 0 });
  });

  it('finds the instant of an ordinary wall-clock time', () => {
    const wall = { year: 2026, month: 7, day: 14, hour: 10, minute: 0, second: 0, millisecond: 0 };
    expect(iso(parisInstantOf(wall))).toBe('2026-07-14T08:00:00.000Z');
  });

  it('in the spring gap (02:30 does not exist), follows the clocks’ jump: 03:30 summer time', () => {
    const wall = { year: 2027, month: 3, day: 28, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(iso(parisInstantOf(wall))).toBe('2027-03-28T01:30:00.000Z');
    expect(parisWallClock(parisInstantOf(wall))).toMatchObject({ hour: 3, minute: 30 });
  });

  it('in the autumn overlap (02:30 happens twice), takes the earlier one', () => {
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(iso(parisInstantOf(wall))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('calendar months in Paris', () => {
  it.each([
    ['2026-01-31T09:00:00.000Z', 1, '2026-02-28T09:00:00.000Z'],
    ['2028-01-31T09:00:00.000Z', 1, '2028-02-29T09:00:00.000Z'],
    ['2026-12-15T09:00:00.000Z', 1, '2027-01-15T09:00:00.000Z'],
    ['2026-11-30T09:00:00.000Z', 3, '2027-02-28T09:00:00.000Z'],
    ['2026-02-28T01:30:00.000Z', 1, '2026-03-28T01:30:00.000Z'],
  ])('%s + %i month(s) = %s', (from, months, to) => {
    expect(iso(addParisCalendarMonths(at(from), months))).toBe(to);
  });

  it('a month landing in the spring gap moves forward with the clocks', () => {
    // 28 February 2027, 02:30 in Paris; 28 March 2027 02:30 does not exist.
    expect(iso(addParisCalendarMonths(at('2027-02-28T01:30:00Z'), 1))).toBe('2027-03-28T01:30:00.000Z');
  });

  it('a month landing in the autumn overlap takes the earlier instant', () => {
    // 25 September 2026, 02:30 summer time.
    expect(iso(addParisCalendarMonths(at('2026-09-25T00:30:00Z'), 1))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('the Paris wall clock kept per UTC hour', () => {
  it('reads what the time-zone database reads, at any instant from 1990 to 2100 (DST nights included)', () => {
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    const transitions = [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1), Date.UTC(1996, 9, 27, 1)];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: from, max: to }),
          fc
            .tuple(fc.constantFrom(...transitions), fc.integer({ min: -7_200_000, max: 7_200_000 }))
            .map(([t, d]) => t + d),
        ),
        (epochMs) => {
          expect(parisWallClock(epochMs)).toEqual(zoneWallClock(epochMs));
          const { year, month, day } = zoneWallClock(epochMs);
          expect(parisDate(new Date(epochMs))).toEqual({ year, month, day });
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('gives the calendar day as the zone database formats it, and refuses an instant that does not parse', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (const instant of [
      '2026-12-31T23:30:00Z',
      '2027-03-28T00:59:59.999Z',
      '1985-06-01T12:00:00Z',
      '0999-01-01T00:00:00Z',
    ])
      expect(parisDay(instant)).toBe(format.format(new Date(instant)));
    expect(() => parisDate('not a date')).toThrow(RangeError);
  });
});
