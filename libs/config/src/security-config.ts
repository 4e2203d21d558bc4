import { ConfigError } from './config-error';
import { readOrCreateSecret } from './jwt-secret';

/** Requests per window and per caller; 0 turns a limit off (benchmarks, a gateway that limits already). */
export interface RateLimitConfig {
  windowMs: number;
  perAddress: number;
  perToken: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface LogConfig {
  level: LogLevelName;
  /** JSON lines appended to this file; stdout when null. */
  file: string | null;
}

export const SUBJECT_SECRET_FILE = 'subject-secret';
const MIN_SECRET_LENGTH = 32;

/** The HMAC key of the subject ids: `VIGIE_SUBJECT_SECRET`, else generated once into the data dir. */
export function resolveSubjectSecret(configured: string | undefined, dataDir: string): string {
  if (configured === undefined) return readOrCreateSecret(dataDir, SUBJECT_SECRET_FILE);
  if (configured.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`VIGIE_SUBJECT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return configured;
}

function count(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from 0 to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** Generous by default: a facility's staff or the CERT's office behind one address are many people. */
export function rateLimit(windowMs = '60000', perAddress = '3000', perToken = '1200'): RateLimitConfig {
  const window = count('VIGIE_RATE_LIMIT_WINDOW_MS', windowMs, 3_600_000);
  if (window < 1000) throw new ConfigError('VIGIE_RATE_LIMIT_WINDOW_MS must be at least 1000');
  return {
    windowMs: window,
    perAddress: count('VIGIE_RATE_LIMIT_PER_ADDRESS', perAddress, 10_000_000),
    perToken: count('VIGIE_RATE_LIMIT_PER_TOKEN', perToken, 10_000_000),
  };
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Closed by default: no origin may call the API from a browser unless listed (`https://portail.example`). */
export function corsOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const invalid = origins.filter((origin) => !ORIGIN.test(origin));
  if (invalid.length > 0) {
    // `*` included: a wildcard would let any page drive a user's token.
    throw new ConfigError(
      `VIGIE_CORS_ORIGINS must list origins such as https://portal.example, comma-separated; refused: ${invalid.join(' ')}`,
    );
  }
  return origins;
}

/** How many reverse proxies stand in front (their X-Forwarded-For is then believed); 0 by default. */
export const trustProxy = (raw = '0'): number => count('VIGIE_TRUST_PROXY', raw, 10);

export function logConfig(level = 'info', file?: string): LogConfig {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`VIGIE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  }
  return { level: level as LogLevelName, file: file ?? null };
}
