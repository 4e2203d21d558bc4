import type { MailConfig } from '@vigie/config';
import { loadNotifierConfig, NotifierConfigError } from '@vigie/notifications';
import { REGION_CODES } from '@vigie/domain';

/**
 * Where a URL points, and nothing it carries: scheme, host and port. A webhook's path or query may
 * hold a token, an SMTP URL holds credentials; an administrator sees the destination, never those.
 */
export function originOf(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

export interface MailSettings {
  mode: MailConfig['mode'];
  /** The relay (`smtp://host:port`, `smtps://…`) when mode is smtp; never its credentials. */
  relay: string | null;
  /** Whether the relay URL carries credentials (a user name): yes or no, not which. */
  relayAuthenticated: boolean;
  from: string;
  maxAttempts: number;
  backoffMs: number;
  maxRounds: number;
  roundCooldownMs: number;
}

export interface WebhookSettings {
  configured: boolean;
  /** The configuration the notifier refuses (it then does not start), in its own words; null when fine. */
  problem: string | null;
  ars: { region: string; origin: string | null }[];
  hfds: string | null;
  /** `VIGIE_WEBHOOK_FACILITIES` (a template with `{finess}`): its origin. */
  facilitiesTemplate: string | null;
  /** How many facilities have their own `VIGIE_WEBHOOK_FACILITY_<FINESS>`. */
  facilityOverrides: number;
  publicUrl: string | null;
  reminderLeadMs: number | null;
  maxAttempts: number | null;
  timeoutMs: number | null;
}

export function mailSettings(mail: MailConfig): MailSettings {
  let authenticated = false;
  try {
    authenticated = mail.smtpUrl !== null && new URL(mail.smtpUrl).username !== '';
  } catch {
    authenticated = false;
  }
  return {
    mode: mail.mode,
    relay: mail.mode === 'smtp' ? originOf(mail.smtpUrl) : null,
    relayAuthenticated: authenticated,
    from: mail.from,
    maxAttempts: mail.maxAttempts,
    backoffMs: mail.backoffMs,
    maxRounds: mail.maxRounds,
    roundCooldownMs: mail.roundCooldownMs,
  };
}

/** The webhooks as the notifier reads them (`VIGIE_WEBHOOK_*`, the process environment), secrets left out. */
export function webhookSettings(env: NodeJS.ProcessEnv): WebhookSettings {
  const empty: WebhookSettings = {
    configured: false,
    problem: null,
    ars: [],
    hfds: null,
    facilitiesTemplate: null,
    facilityOverrides: 0,
    publicUrl: null,
    reminderLeadMs: null,
    maxAttempts: null,
    timeoutMs: null,
  };
  let config: ReturnType<typeof loadNotifierConfig>;
  try {
    config = loadNotifierConfig(env);
  } catch (error) {
    // The message names variables, never their values (notifier-config.ts).
    if (error instanceof NotifierConfigError) return { ...empty, problem: error.message };
    throw error;
  }
  if (config === null) return empty;
  return {
    configured: true,
    problem: null,
    ars: REGION_CODES.filter((region) => config.ars[region] !== undefined).map((region) => ({
      region,
      origin: originOf(config.ars[region]),
    })),
    hfds: originOf(config.hfds),
    facilitiesTemplate: originOf(env.VIGIE_WEBHOOK_FACILITIES?.replace('{finess}', '0')),
    facilityOverrides: Object.keys(env).filter(
      (name) => name.startsWith('VIGIE_WEBHOOK_FACILITY_') && (env[name] ?? '') !== '',
    ).length,
    publicUrl: config.publicUrl,
    reminderLeadMs: config.reminderLeadMs,
    maxAttempts: config.maxAttempts,
    timeoutMs: config.timeoutMs,
  };
}
