import type { ClientBase } from 'pg';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Both advisory locks live in Vigie's two-key space, apart from the one-key locks other code may take. */
export const VIGIE_LOCK_CLASS = 0x56494749; // 'VIGI'
export const APPEND_LOCK = 1;
export const MIGRATION_LOCK = 2;

/** Append-only: a shipped migration is never edited; a change is a new version. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and idempotency records',
    sql: `
      CREATE TABLE events (
        position bigserial PRIMARY KEY,
        event_id text NOT NULL CONSTRAINT events_event_id_unique UNIQUE,
        stream_id text NOT NULL,
        revision integer NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
      );
      CREATE TABLE idempotency (
        key text CONSTRAINT idempotency_key_pkey PRIMARY KEY,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        stream_id text NOT NULL,
        revision integer NOT NULL,
        position bigint NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
];

/**
 * One transaction, run under MIGRATION_LOCK (`withSchemaLock`): two processes opening at once apply
 * each migration once, and a failed migration leaves nothing half-done (PostgreSQL DDL is transactional).
 * Unqualified names land in the connection's search_path, so a deployment can give the log its own schema.
 */
export async function migratePostgres(client: ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter((candidate) => !done.has(candidate.version))) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
