/**
 * How long Vigie waits for PostgreSQL. Every pool and connection is bounded: a network that drops
 * packets silently must cost a command seconds (then a 503 with Retry-After), not the minutes TCP
 * takes to give up.
 */
export interface PostgresLimits {
  /** `statement_timeout` of every session: the server cancels a longer statement (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** The same, for work long by nature: schema changes, rebuilds, `vigie migrate`, reports over the log. */
  longStatementTimeoutMs: number;
  /** Opening a connection, and waiting for a free one in a full pool. */
  connectTimeoutMs: number;
}

export const DEFAULT_POSTGRES_LIMITS: PostgresLimits = {
  statementTimeoutMs: 5_000,
  longStatementTimeoutMs: 600_000,
  connectTimeoutMs: 5_000,
};

/** The limits of a process (or a connection) whose work is one long operation. */
export const forLongWork = (limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS): PostgresLimits => ({
  ...limits,
  statementTimeoutMs: limits.longStatementTimeoutMs,
});
