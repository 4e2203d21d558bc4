import { parisWallClock } from '../time/paris-wall-clock';
/**
 * What the law leaves open. "Sans délai" (CSP L.1111-8-2) sets no number of hours: Vigie measures
 * the French declaration against a target, 24 h after detection by default. It is a convention
 * (the ANS reports count declarations made within 24 h), not a legal deadline.
 */
export interface ClockPolicy {
  cspTargetHours: number;
  /**
   * From when each regime binds, by the incident's detection: an incident found before a law
   * applied owes nothing under it. NIS2 applies from the directive's date of application unless a
   * deployment sets its national law's (`VIGIE_NIS2_APPLIES_FROM`).
   */
  appliesFrom: RegimeDates;
}

/** ISO instants (Europe/Paris midnight) from which each regime binds. */
export interface RegimeDates {
  /** CSP L.1111-8-2 for health facilities: décret 2016-1214, in force 1 October 2017. */
  csp: string;
  /** The same obligation for ESMS: décret 2022-715, in force 29 April 2022. */
  cspEsms: string;
  /** GDPR art. 33: 25 May 2018. */
  gdpr: string;
  /** NIS2 art. 23: the directive applies from 18 October 2024 (art. 41). */
  nis2: string;
}

export const DEFAULT_REGIME_DATES: RegimeDates = {
  csp: '2017-09-30T22:00:00.000Z',
  cspEsms: '2022-04-28T22:00:00.000Z',
  gdpr: '2018-05-24T22:00:00.000Z',
  nis2: '2024-10-17T22:00:00.000Z',
};

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { cspTargetHours: 24, appliesFrom: DEFAULT_REGIME_DATES };

const MAX_TARGET_HOURS = 24 * 30;

/**
 * `VIGIE_CSP_TARGET_HOURS` (a number of hours, default 24). The deadlines read model stores due
 * dates computed with it: after a change, rebuild that read model.
 */
export function clockPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): ClockPolicy {
  const appliesFrom = { ...DEFAULT_REGIME_DATES, nis2: nis2Date(env.VIGIE_NIS2_APPLIES_FROM?.trim()) };
  return { cspTargetHours: cspTargetHours(env.VIGIE_CSP_TARGET_HOURS?.trim()), appliesFrom };
}

/**
 * `VIGIE_NIS2_APPLIES_FROM`: a date (`2025-06-01`), read as midnight in Paris, from which NIS2
 * clocks run in this deployment (its national law's); the directive's 18 October 2024 by default.
 */
function nis2Date(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_REGIME_DATES.nis2;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const utcMidnight =
    match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== raw)
    throw new Error(`VIGIE_NIS2_APPLIES_FROM must be a date such as 2024-10-18, got "${raw}"`);
  return new Date(parisMidnight(utcMidnight)).toISOString();
}

/** The instant of midnight in Paris on the UTC date `utcMidnight` (UTC+1 in winter, UTC+2 in summer). */
function parisMidnight(utcMidnight: number): number {
  for (const offsetHours of [2, 1]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    if (parisWallClock(candidate).hour === 0) return candidate;
  }
  return utcMidnight - 3_600_000;
}

function cspTargetHours(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_CLOCK_POLICY.cspTargetHours;
  const hours = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || hours <= 0 || hours > MAX_TARGET_HOURS) {
    throw new Error(
      `VIGIE_CSP_TARGET_HOURS must be a number of hours above 0 and at most ${MAX_TARGET_HOURS}, got "${raw}"`,
    );
  }
  return hours;
}
