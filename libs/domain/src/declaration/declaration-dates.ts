import type { Instant } from './declaration.events';
import { InvalidDates } from './declaration.errors';

/** A declarant's clock may run a little ahead of ours: "now" on their side is not "the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

// An offset is required: without one, JavaScript reads the time in the server's own zone.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_INSTANT.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  // Date would silently roll 30 February over to March.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The instant as the events store it: UTC, `toISOString()` form. */
export function normaliseInstant(value: unknown, field: string): Instant {
  const ms = parseInstant(value);
  if (ms === null) throw new InvalidDates(field, 'must be an ISO 8601 instant with a time zone offset');
  return new Date(ms).toISOString();
}

/** The command's clock reading; a bad one is a bug of the caller, not the client's mistake. */
export function clockReading(now: Instant): { at: Instant; ms: number } {
  const ms = parseInstant(now);
  if (ms === null) throw new Error(`The command's clock reading is not an ISO instant: ${String(now)}`);
  return { at: new Date(ms).toISOString(), ms };
}

function notInTheFuture(instant: Instant, field: string, nowMs: number): void {
  if (Date.parse(instant) > nowMs + CLOCK_SKEW_MS) throw new InvalidDates(field, 'must not be in the future');
}

/** occurredAt ≤ detectedAt ≤ now (+ skew); returns both normalised. */
export function checkIncidentDates(
  dates: { occurredAt: Instant; detectedAt: Instant },
  nowMs: number,
): { occurredAt: Instant; detectedAt: Instant } {
  const occurredAt = normaliseInstant(dates.occurredAt, 'occurredAt');
  const detectedAt = normaliseInstant(dates.detectedAt, 'detectedAt');
  notInTheFuture(detectedAt, 'detectedAt', nowMs);
  if (Date.parse(occurredAt) > Date.parse(detectedAt)) {
    throw new InvalidDates('occurredAt', 'must not be after detectedAt');
  }
  return { occurredAt, detectedAt };
}

/** detectedAt ≤ resolvedAt ≤ now (+ skew); returns resolvedAt normalised. */
export function checkResolvedAt(resolvedAt: Instant, detectedAt: Instant | null, nowMs: number): Instant {
  const resolved = normaliseInstant(resolvedAt, 'resolvedAt');
  notInTheFuture(resolved, 'resolvedAt', nowMs);
  if (detectedAt !== null && Date.parse(resolved) < Date.parse(detectedAt)) {
    throw new InvalidDates('resolvedAt', 'must not be before detectedAt');
  }
  return resolved;
}

/** A degraded-mode bound given by the declarant: a past instant, or null to clear it. */
export function checkDegradedModeInstant(
  value: Instant | null,
  field: string,
  nowMs: number,
): Instant | null {
  if (value === null) return null;
  const instant = normaliseInstant(value, field);
  notInTheFuture(instant, field, nowMs);
  return instant;
}

/** The degraded mode cannot end before it started; `blamed` is the field the client just changed. */
export function checkDegradedModePeriod(
  period: { startedAt: Instant | null; endedAt: Instant | null },
  blamed: 'degradedModeStartedAt' | 'degradedModeEndedAt',
): void {
  if (period.startedAt === null || period.endedAt === null) return;
  if (Date.parse(period.endedAt) < Date.parse(period.startedAt)) {
    throw new InvalidDates(blamed, 'degradedModeEndedAt must not be before degradedModeStartedAt');
  }
}
