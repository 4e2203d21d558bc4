import { DEFAULT_POSTGRES_LIMITS, type PostgresLimits } from '@vigie/postgres';
import { ConfigError } from './config-error';

/** From 100 ms (less would fail healthy statements) to a day. */
const MIN_MS = 100;
const MAX_MS = 86_400_000;

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < MIN_MS || parsed > MAX_MS)
    throw new ConfigError(
      `${name} must be an integer from ${MIN_MS} to ${MAX_MS} (milliseconds), got "${raw}"`,
    );
  return parsed;
}

/**
 * How long PostgreSQL stores may take (every pool of the API, the projector and `vigie`): a
 * command's statements, long work's (schema set-up, rebuilds, migrations, reports), and a connection.
 * Read apart from `loadConfig` for commands such as `vigie migrate` that need nothing else.
 */
export function postgresLimits(env: NodeJS.ProcessEnv): PostgresLimits {
  return {
    statementTimeoutMs: milliseconds(
      env,
      'VIGIE_PG_STATEMENT_TIMEOUT_MS',
      DEFAULT_POSTGRES_LIMITS.statementTimeoutMs,
    ),
    longStatementTimeoutMs: milliseconds(
      env,
      'VIGIE_PG_LONG_STATEMENT_TIMEOUT_MS',
      DEFAULT_POSTGRES_LIMITS.longStatementTimeoutMs,
    ),
    connectTimeoutMs: milliseconds(
      env,
      'VIGIE_PG_CONNECT_TIMEOUT_MS',
      DEFAULT_POSTGRES_LIMITS.connectTimeoutMs,
    ),
  };
}
