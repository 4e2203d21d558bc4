/**
 * What the law leaves open. "Sans délai" (CSP L.1111-8-2) sets no number of hours: Vigie measures
 * the French declaration against a target, 24 h after detection by default. It is a convention
 * (the ANS reports count declarations made within 24 h), not a legal deadline.
 */
export interface ClockPolicy {
  cspTargetHours: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { cspTargetHours: 24 };

const MAX_TARGET_HOURS = 24 * 30;

/**
 * `VIGIE_CSP_TARGET_HOURS` (a number of hours, default 24). The deadlines read model stores due
 * dates computed with it: after a change, rebuild that read model.
 */
export function clockPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): ClockPolicy {
  const raw = env.VIGIE_CSP_TARGET_HOURS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_CLOCK_POLICY;
  const hours = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || hours <= 0 || hours > MAX_TARGET_HOURS) {
    throw new Error(
      `VIGIE_CSP_TARGET_HOURS must be a number of hours above 0 and at most ${MAX_TARGET_HOURS}, got "${raw}"`,
    );
  }
  return { cspTargetHours: hours };
}
