import {
  CLOCK_SKEW_MS,
  checkDegradedModePeriod,
  checkIncidentDates,
  checkResolvedAt,
  clockReading,
  normaliseInstant,
} from './declaration-dates';
import { InvalidDates } from './declaration.errors';

const NOW = '2026-03-02T12:00:00.000Z';
const nowMs = Date.parse(NOW);
const plus = (ms: number): string => new Date(nowMs + ms).toISOString();

function refusal(check: () => unknown): InvalidDates {
  try {
    check();
  } catch (error) {
    if (error instanceof InvalidDates) return error;
    throw error;
  }
  throw new Error('expected InvalidDates, nothing was thrown');
}

describe('instants', () => {
  it.each([
    ['2026-03-02T07:40:00+01:00', '2026-03-02T06:40:00.000Z'],
    ['2026-07-14T10:00:00+02:00', '2026-07-14T08:00:00.000Z'],
    ['2026-03-02T07:40+01:00', '2026-03-02T06:40:00.000Z'],
    ['2026-03-02T07:40:00.250-0330', '2026-03-02T11:10:00.250Z'],
    ['2026-03-02T06:40:00Z', '2026-03-02T06:40:00.000Z'],
  ])('%s is stored as %s', (sent, stored) => {
    expect(normaliseInstant(sent, 'occurredAt')).toBe(stored);
  });

  it.each([
    ['no offset (it would be read in the server zone)', '2026-03-02T07:40:00'],
    ['a date alone', '2026-03-02'],
    ['a day that does not exist', '2026-02-30T07:40:00Z'],
    ['an hour that does not exist', '2026-03-02T24:00:00Z'],
    ['another format', 'Mon, 02 Mar 2026 07:40:00 GMT'],
    ['not a string', 1772437200000],
  ])('%s is refused, naming the field', (_case, sent) => {
    expect(refusal(() => normaliseInstant(sent, 'detectedAt')).field).toBe('detectedAt');
  });

  it('a bad clock reading is a bug of the caller, not an invalid request', () => {
    expect(() => clockReading('now')).toThrow(Error);
    expect(() => clockReading('now')).not.toThrow(InvalidDates);
    expect(clockReading('2026-03-02T13:00:00+01:00')).toEqual({ at: NOW, ms: nowMs });
  });
});

describe('occurredAt ≤ detectedAt ≤ now + clock skew', () => {
  const occurredAt = '2026-03-02T08:00:00Z';

  it('the skew is five minutes', () => {
    expect(CLOCK_SKEW_MS).toBe(300_000);
  });

  it('detection up to exactly five minutes ahead of our clock is accepted', () => {
    expect(checkIncidentDates({ occurredAt, detectedAt: plus(CLOCK_SKEW_MS) }, nowMs)).toEqual({
      occurredAt: '2026-03-02T08:00:00.000Z',
      detectedAt: '2026-03-02T12:05:00.000Z',
    });
  });

  it('detection one millisecond beyond the skew is refused on detectedAt', () => {
    expect(
      refusal(() => checkIncidentDates({ occurredAt, detectedAt: plus(CLOCK_SKEW_MS + 1) }, nowMs)).field,
    ).toBe('detectedAt');
  });

  it('occurrence after detection is refused on occurredAt', () => {
    const error = refusal(() =>
      checkIncidentDates(
        { occurredAt: '2026-03-02T10:00:01+01:00', detectedAt: '2026-03-02T09:00:00Z' },
        nowMs,
      ),
    );
    expect(error.field).toBe('occurredAt');
  });

  it('the comparison is between instants, whatever their offsets', () => {
    expect(() =>
      checkIncidentDates(
        { occurredAt: '2026-03-02T10:00:00+01:00', detectedAt: '2026-03-02T09:00:00Z' },
        nowMs,
      ),
    ).not.toThrow();
  });
});

describe('detectedAt ≤ resolvedAt ≤ now + clock skew', () => {
  const detectedAt = '2026-03-02T08:00:00.000Z';

  it('resolution up to exactly five minutes ahead is accepted', () => {
    expect(checkResolvedAt(plus(CLOCK_SKEW_MS), detectedAt, nowMs)).toBe('2026-03-02T12:05:00.000Z');
  });

  it('resolution one millisecond beyond the skew is refused', () => {
    expect(refusal(() => checkResolvedAt(plus(CLOCK_SKEW_MS + 1), detectedAt, nowMs)).field).toBe(
      'resolvedAt',
    );
  });

  it('resolution at the detection instant is accepted, one millisecond before is refused', () => {
    expect(checkResolvedAt('2026-03-02T09:00:00+01:00', detectedAt, nowMs)).toBe(detectedAt);
    expect(refusal(() => checkResolvedAt('2026-03-02T07:59:59.999Z', detectedAt, nowMs)).field).toBe(
      'resolvedAt',
    );
  });
});

describe('degradedModeEndedAt ≥ degradedModeStartedAt', () => {
  it('an end at or after the start, or a bound left open, is accepted', () => {
    const startedAt = '2026-03-02T08:00:00.000Z';
    expect(() =>
      checkDegradedModePeriod({ startedAt, endedAt: startedAt }, 'degradedModeEndedAt'),
    ).not.toThrow();
    expect(() =>
      checkDegradedModePeriod({ startedAt, endedAt: null }, 'degradedModeStartedAt'),
    ).not.toThrow();
    expect(() =>
      checkDegradedModePeriod({ startedAt: null, endedAt: startedAt }, 'degradedModeEndedAt'),
    ).not.toThrow();
  });

  it('an end before the start is refused on the field the client changed', () => {
    const period = { startedAt: '2026-03-02T08:00:00.000Z', endedAt: '2026-03-02T07:59:59.999Z' };
    expect(refusal(() => checkDegradedModePeriod(period, 'degradedModeStartedAt')).field).toBe(
      'degradedModeStartedAt',
    );
  });
});
