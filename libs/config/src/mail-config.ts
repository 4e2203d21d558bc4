import { join } from 'node:path';
import { ConfigError } from './config-error';

/**
 * The mails to declarants (docs/mail.md). `smtp`: sent through `VIGIE_SMTP_URL`; `outbox`: written
 * as `.eml` files under `<dataDir>/outbox`, for a deployment without a relay yet; `off`: none.
 */
export type MailMode = 'smtp' | 'outbox' | 'off';

export interface MailConfig {
  mode: MailMode;
  /** `smtp://user:password@host:port` or `smtps://…`; null unless `mode` is `smtp`. Never log it. */
  smtpUrl: string | null;
  /** The `From:` header. */
  from: string;
  outboxDir: string;
  /** SMTP attempts of one round; the wait doubles from `backoffMs` between them. */
  maxAttempts: number;
  backoffMs: number;
  /** Rounds of a mail that keeps failing, `roundCooldownMs` (doubling) apart, before the mailer gives up on it. */
  maxRounds: number;
  roundCooldownMs: number;
  pollIntervalMs: number;
  /** Where a mailer that never ran starts: the head of the log by default, so history is not mailed. */
  startFrom: 'beginning' | 'head';
}

type Read = (name: string) => string | undefined;

export const DEFAULT_MAIL_FROM = 'Vigie <no-reply@vigie.invalid>';

const ADDRESS = /^[^\s<>@]+@[^\s<>@]+$/;
const NAMED_ADDRESS = /^[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>$/;

function smtpUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // The URL holds credentials: name the variable, never the value.
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('VIGIE_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if ((parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || parsed.hostname === '')
    throw new ConfigError('VIGIE_SMTP_URL must be an smtp:// or smtps:// URL with a host');
  return raw;
}

function count(read: Read, name: string, fallback: number, min: number, max: number): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < min || parsed > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return parsed;
}

/**
 * On by default, as the embedded default promises: through `VIGIE_SMTP_URL` when it is set, else
 * written to the outbox. `VIGIE_MAIL=off` turns it off. Every mail is an event in the declaration's
 * stream (its revision moves), so the e2e suites about exact revisions run with it off
 * (test/support/vigie-api.ts); test/mail.e2e.ts and the browser tests run it.
 */
export function mailConfig(read: Read, dataDir: string): MailConfig {
  const url = smtpUrl(read('VIGIE_SMTP_URL'));
  const switch_ = read('VIGIE_MAIL') ?? 'on';
  if (switch_ !== 'on' && switch_ !== 'off')
    throw new ConfigError(`VIGIE_MAIL must be "on" or "off", got "${switch_}"`);
  const from = read('VIGIE_MAIL_FROM') ?? DEFAULT_MAIL_FROM;
  if (!ADDRESS.test(from) && !NAMED_ADDRESS.test(from))
    throw new ConfigError('VIGIE_MAIL_FROM must be an address, or a name and an <address>');
  const startFrom = read('VIGIE_MAIL_START') ?? 'head';
  if (startFrom !== 'beginning' && startFrom !== 'head')
    throw new ConfigError(`VIGIE_MAIL_START must be "beginning" or "head", got "${startFrom}"`);
  const mode: MailMode = switch_ === 'off' ? 'off' : url === null ? 'outbox' : 'smtp';
  return {
    mode,
    smtpUrl: mode === 'smtp' ? url : null,
    from,
    outboxDir: join(dataDir, 'outbox'),
    maxAttempts: count(read, 'VIGIE_MAIL_MAX_ATTEMPTS', 3, 1, 20),
    backoffMs: count(read, 'VIGIE_MAIL_BACKOFF_MS', 2000, 0, 60_000),
    maxRounds: count(read, 'VIGIE_MAIL_MAX_ROUNDS', 6, 1, 100),
    roundCooldownMs: count(read, 'VIGIE_MAIL_ROUND_COOLDOWN_MS', 10 * 60_000, 0, 24 * 3_600_000),
    pollIntervalMs: count(read, 'VIGIE_MAIL_POLL_MS', 1000, 10, 60_000),
    startFrom,
  };
}
