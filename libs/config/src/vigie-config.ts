import { resolve } from 'node:path';
import type { PostgresLimits } from '@vigie/postgres';
import { ConfigError } from './config-error';
import { identityConfig, type IdentityConfig } from './identity-config';
import { resolveJwtSecret } from './jwt-secret';
import { mailConfig, type MailConfig } from './mail-config';
import { postgresLimits } from './postgres-config';
import {
  corsOrigins,
  logConfig,
  rateLimit,
  resolveSubjectSecret,
  trustProxy,
  type LogConfig,
  type RateLimitConfig,
} from './security-config';

export type ProjectorMode = 'inline' | 'off';

/** Tokens are either signed by the embedded secret or issued by an OpenID Connect provider. */
export type AuthConfig =
  { mode: 'embedded' } | { mode: 'oidc'; issuer: string; jwksUrl: string; audience: string };

export interface VigieConfig extends IdentityConfig {
  host: string;
  port: number;
  /** Absolute. */
  dataDir: string;
  eventStoreUrl: string;
  readDbUrl: string;
  projector: ProjectorMode;
  /** HS256 secret of the embedded mode; also what `vigie token` signs with. Never log it. */
  jwtSecret: string;
  auth: AuthConfig;
  /** Largest JSON body accepted, in the `bytes` notation of body-parser (`256kb`). */
  bodyLimit: string;
  /** How long a query with `minPosition` waits for the read models before answering 503. */
  minPositionTimeoutMs: number;
  /** A static bearer token that may read `/metrics` (for a Prometheus scraper), or null. Never log it. */
  metricsToken: string | null;
  /** Where the per-person keys of personal data live; apart from the event log. */
  keyStoreUrl: string;
  /** HMAC key turning a declarant's e-mail into its subject id. Never log it. */
  subjectSecret: string;
  /** The append-only record of who read which declaration. */
  auditDbUrl: string;
  /** Timeouts of every PostgreSQL store (`VIGIE_PG_*`): a stalled network costs a command seconds. */
  postgres: PostgresLimits;
  rateLimit: RateLimitConfig;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  /** Reverse proxies in front, whose X-Forwarded-For is believed (rate limits per address). */
  trustProxy: number;
  log: LogConfig;
  /** Mails to declarants (`VIGIE_SMTP_URL`, `VIGIE_MAIL*`, docs/mail.md). */
  mail: MailConfig;
}

const EVENT_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:', 'esdb:', 'esdb+discover:'];
const READ_DB_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:'];

/** Reads the environment once at start-up; an invalid value stops the service with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): VigieConfig {
  const dataDir = dataDirOf(env);
  const host = value(env, 'HOST') ?? '127.0.0.1';
  const listenPort = port(value(env, 'PORT') ?? '3000');
  return {
    host,
    port: listenPort,
    ...identityConfig((name) => value(env, name), host, listenPort),
    identityDbUrl: storeUrl(env, 'VIGIE_IDENTITY_DB_URL', READ_DB_SCHEMES, `${dataDir}/identity.sqlite`),
    dataDir,
    eventStoreUrl: storeUrl(env, 'VIGIE_EVENT_STORE_URL', EVENT_STORE_SCHEMES, `${dataDir}/events.sqlite`),
    readDbUrl: storeUrl(env, 'VIGIE_READ_DB_URL', READ_DB_SCHEMES, `${dataDir}/read.sqlite`),
    projector: projector(value(env, 'VIGIE_PROJECTOR') ?? 'inline'),
    jwtSecret: resolveJwtSecret(env, dataDir),
    auth: auth(env),
    bodyLimit: bodyLimit(value(env, 'VIGIE_BODY_LIMIT') ?? '256kb'),
    minPositionTimeoutMs: minPositionTimeout(value(env, 'VIGIE_MIN_POSITION_TIMEOUT_MS') ?? '5000'),
    metricsToken: metricsToken(value(env, 'VIGIE_METRICS_TOKEN')),
    keyStoreUrl: storeUrl(env, 'VIGIE_KEY_STORE_URL', READ_DB_SCHEMES, `${dataDir}/keys.sqlite`),
    subjectSecret: resolveSubjectSecret(value(env, 'VIGIE_SUBJECT_SECRET'), dataDir),
    auditDbUrl: storeUrl(env, 'VIGIE_AUDIT_DB_URL', READ_DB_SCHEMES, `${dataDir}/audit.sqlite`),
    postgres: postgresLimits(env),
    rateLimit: rateLimit(
      value(env, 'VIGIE_RATE_LIMIT_WINDOW_MS'),
      value(env, 'VIGIE_RATE_LIMIT_PER_ADDRESS'),
      value(env, 'VIGIE_RATE_LIMIT_PER_TOKEN'),
    ),
    corsOrigins: corsOrigins(value(env, 'VIGIE_CORS_ORIGINS')),
    trustProxy: trustProxy(value(env, 'VIGIE_TRUST_PROXY')),
    log: logConfig(value(env, 'VIGIE_LOG_LEVEL'), value(env, 'VIGIE_LOG_FILE')),
    mail: mailConfig((name) => value(env, name), dataDir),
  };
}

/** `VIGIE_DATA_DIR` as an absolute path (`./data` by default); the CLI finds the JWT secret there too. */
export const dataDirOf = (env: NodeJS.ProcessEnv): string =>
  resolve(value(env, 'VIGIE_DATA_DIR') ?? './data');

/** An empty variable counts as unset, as shells and compose files often export them empty. */
function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function port(raw: string): number {
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed > 65535)
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  return parsed;
}

function projector(raw: string): ProjectorMode {
  if (raw !== 'inline' && raw !== 'off')
    throw new ConfigError(`VIGIE_PROJECTOR must be "inline" or "off", got "${raw}"`);
  return raw;
}

function storeUrl(env: NodeJS.ProcessEnv, name: string, schemes: string[], defaultPath: string): string {
  const raw = value(env, name);
  if (raw === undefined) return `sqlite:${defaultPath}`;
  const scheme = schemes.find((candidate) => raw.startsWith(candidate));
  if (scheme === undefined) {
    // The URL may hold a password: name the variable and the accepted schemes, not the value.
    throw new ConfigError(`${name} must start with one of ${schemes.join(' ')}`);
  }
  if (scheme === 'sqlite:' && raw.length === scheme.length)
    throw new ConfigError(`${name} needs a file path after "sqlite:"`);
  return raw;
}

function bodyLimit(raw: string): string {
  if (!/^\d+(\.\d+)?\s*(b|kb|mb)?$/i.test(raw)) {
    throw new ConfigError(`VIGIE_BODY_LIMIT must be a size such as 256kb or 1mb, got "${raw}"`);
  }
  return raw.toLowerCase().replace(/\s+/g, '');
}

function minPositionTimeout(raw: string): number {
  const parsed = Number(raw);
  // Bounded: a request waiting longer than a minute holds a connection for a client that gave up.
  if (!/^\d+$/.test(raw) || parsed > 60_000) {
    throw new ConfigError(`VIGIE_MIN_POSITION_TIMEOUT_MS must be an integer from 0 to 60000, got "${raw}"`);
  }
  return parsed;
}

const METRICS_TOKEN = /^[A-Za-z0-9._~+/-]{32,512}$/;

function metricsToken(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // The value is a secret: say what is expected, never repeat it.
  if (!METRICS_TOKEN.test(raw)) {
    throw new ConfigError(
      'VIGIE_METRICS_TOKEN must be 32 to 512 characters among letters, digits and . _ ~ + / -',
    );
  }
  return raw;
}

function auth(env: NodeJS.ProcessEnv): AuthConfig {
  const issuer = value(env, 'VIGIE_OIDC_ISSUER');
  const jwksUrl = value(env, 'VIGIE_OIDC_JWKS_URL');
  const audience = value(env, 'VIGIE_OIDC_AUDIENCE');
  if (issuer === undefined && jwksUrl === undefined && audience === undefined) return { mode: 'embedded' };
  const missing = [
    ['VIGIE_OIDC_ISSUER', issuer],
    ['VIGIE_OIDC_JWKS_URL', jwksUrl],
    ['VIGIE_OIDC_AUDIENCE', audience],
  ].filter(([, given]) => given === undefined);
  if (missing.length > 0) {
    // Without the issuer and audience checks any token of the provider, for any client, would pass.
    throw new ConfigError(`OpenID Connect needs ${missing.map(([name]) => name).join(' and ')} as well`);
  }
  if (!/^https?:\/\//.test(jwksUrl!)) throw new ConfigError('VIGIE_OIDC_JWKS_URL must be an http(s) URL');
  return { mode: 'oidc', issuer: issuer!, jwksUrl: jwksUrl!, audience: audience! };
}
