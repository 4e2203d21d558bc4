import {
  REGION_CODES,
  clockPolicyFromEnv,
  validateFiness,
  type ClockPolicy,
  type RegionCode,
} from '@vigie/domain';

/** What the notifier needs from the environment (`loadNotifierConfig`); every duration in milliseconds. */
export interface NotifierConfig {
  /** HMAC-SHA256 key of `X-Vigie-Signature`. Never log it. */
  secret: string;
  /** The ARS webhook of each region that has one. */
  ars: Partial<Record<RegionCode, string>>;
  hfds: string | null;
  /** The facility's own webhook: `VIGIE_WEBHOOK_FACILITY_<FINESS>`, else the `VIGIE_WEBHOOK_FACILITIES` template. */
  facilityUrl: (finess: string) => string | null;
  /** How long before a stage falls due its reminder goes. */
  reminderLeadMs: number;
  /** HTTP attempts of one delivery round; the wait doubles from `backoffMs` between them. */
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  /** Rounds of a delivery that keeps failing, `roundCooldownMs` (doubling) apart, before the notifier gives up on it. */
  maxRounds: number;
  roundCooldownMs: number;
  /** The base of the links the messages carry (`VIGIE_PUBLIC_URL`); links are relative without it. */
  publicUrl: string | null;
  pollIntervalMs: number;
  batchSize: number;
  /** Where a notifier that never ran starts: the beginning of the log, or its head (history is not announced). */
  startFrom: 'beginning' | 'head';
  clockPolicy: ClockPolicy;
}

export class NotifierConfigError extends Error {
  override readonly name = 'NotifierConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const HOUR_MS = 3_600_000;
const MIN_SECRET_LENGTH = 16;
const FINESS_PLACEHOLDER = '{finess}';

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function url(env: Env, name: string): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  // The URL may carry a token: name the variable, never the value.
  if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new NotifierConfigError(`${name} must be an http(s) URL`);
  return raw;
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || parsed < min || parsed > max) {
    throw new NotifierConfigError(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return parsed;
}

const FACILITY_PREFIX = 'VIGIE_WEBHOOK_FACILITY_';

/**
 * Null when no webhook is configured: nothing to notify, the notifier does not run. Otherwise the
 * configuration, refusing a webhook without `VIGIE_WEBHOOK_SECRET` (an unsigned body could be forged).
 */
export function loadNotifierConfig(env: Env): NotifierConfig | null {
  const ars: Partial<Record<RegionCode, string>> = {};
  for (const region of REGION_CODES) {
    const target = url(env, `VIGIE_WEBHOOK_ARS_${region}`);
    if (target !== undefined) ars[region] = target;
  }
  const hfds = url(env, 'VIGIE_WEBHOOK_HFDS') ?? null;
  const facilities = new Map<string, string>();
  for (const name of Object.keys(env)) {
    if (!name.startsWith(FACILITY_PREFIX)) continue;
    const finess = name.slice(FACILITY_PREFIX.length);
    if (validateFiness(finess) !== null)
      throw new NotifierConfigError(`${name} does not end with a FINESS number`);
    const target = url(env, name);
    if (target !== undefined) facilities.set(finess, target);
  }
  const template = url(env, 'VIGIE_WEBHOOK_FACILITIES');
  if (template !== undefined && !template.includes(FINESS_PLACEHOLDER)) {
    throw new NotifierConfigError(`VIGIE_WEBHOOK_FACILITIES must contain ${FINESS_PLACEHOLDER}`);
  }
  const unknownArs = Object.keys(env).find(
    (name) =>
      name.startsWith('VIGIE_WEBHOOK_ARS_') && !(REGION_CODES as readonly string[]).includes(name.slice(18)),
  );
  if (unknownArs !== undefined)
    throw new NotifierConfigError(`${unknownArs} does not end with an INSEE region code`);

  if (Object.keys(ars).length === 0 && hfds === null && facilities.size === 0 && template === undefined)
    return null;
  const secret = value(env, 'VIGIE_WEBHOOK_SECRET');
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
    throw new NotifierConfigError(
      `Webhooks need VIGIE_WEBHOOK_SECRET, at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
  const startFrom = value(env, 'VIGIE_NOTIFIER_START') ?? 'beginning';
  if (startFrom !== 'beginning' && startFrom !== 'head') {
    throw new NotifierConfigError(`VIGIE_NOTIFIER_START must be "beginning" or "head", got "${startFrom}"`);
  }
  const publicUrl = url(env, 'VIGIE_PUBLIC_URL')?.replace(/\/+$/, '') ?? null;
  return {
    secret,
    ars,
    hfds,
    facilityUrl: (finess) =>
      facilities.get(finess) ??
      (template === undefined ? null : template.split(FINESS_PLACEHOLDER).join(encodeURIComponent(finess))),
    reminderLeadMs: number(env, 'VIGIE_REMINDER_LEAD_HOURS', 6, 0, 24 * 30) * HOUR_MS,
    maxAttempts: Math.floor(number(env, 'VIGIE_WEBHOOK_MAX_ATTEMPTS', 5, 1, 20)),
    backoffMs: number(env, 'VIGIE_WEBHOOK_BACKOFF_MS', 1000, 0, 60_000),
    timeoutMs: number(env, 'VIGIE_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    maxRounds: Math.floor(number(env, 'VIGIE_WEBHOOK_MAX_ROUNDS', 6, 1, 100)),
    roundCooldownMs: number(env, 'VIGIE_WEBHOOK_ROUND_COOLDOWN_MS', 5 * 60_000, 0, 24 * HOUR_MS),
    publicUrl,
    pollIntervalMs: number(env, 'VIGIE_NOTIFIER_POLL_MS', 1000, 10, 60_000),
    batchSize: 200,
    startFrom,
    clockPolicy: clockPolicyFromEnv(env),
  };
}
