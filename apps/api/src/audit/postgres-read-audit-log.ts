import type { Pool } from 'pg';
import { openSchemaPool, type PostgresLimits } from '@vigie/postgres';
import type { ReadAuditLog, ReadFilter, ReadRecord, RecordedRead } from './read-audit-log';

const SCHEMA_LOCK = 0x41554449; // 'AUDI'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS read_audit (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    route text NOT NULL,
    declaration_id text NOT NULL,
    request_id text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS idx_read_audit_declaration ON read_audit (declaration_id, id);
  CREATE INDEX IF NOT EXISTS idx_read_audit_actor ON read_audit (actor, id);
  CREATE OR REPLACE FUNCTION read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'read_audit is append-only'; END $$;
  DROP TRIGGER IF EXISTS read_audit_append_only ON read_audit;
  CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE ON read_audit
    FOR EACH ROW EXECUTE FUNCTION read_audit_append_only();
  DROP TRIGGER IF EXISTS read_audit_no_truncate ON read_audit;
  CREATE TRIGGER read_audit_no_truncate BEFORE TRUNCATE ON read_audit
    FOR EACH STATEMENT EXECUTE FUNCTION read_audit_append_only();
`;

interface Row {
  id: string;
  at: Date;
  actor: string;
  role: string;
  route: string;
  declaration_id: string;
  request_id: string;
}

export class PostgresReadAuditLog implements ReadAuditLog {
  private constructor(private readonly pool: Pool) {}

  static async open(url: string, limits?: PostgresLimits): Promise<PostgresReadAuditLog> {
    const store = { lock: SCHEMA_LOCK, schema: SCHEMA, applicationName: 'vigie-audit', max: 4 };
    return new PostgresReadAuditLog(await openSchemaPool(url, store, limits));
  }

  async record(read: ReadRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO read_audit (at, actor, role, route, declaration_id, request_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [read.at, read.actor, read.role, read.route, read.declarationId, read.requestId],
    );
  }

  async list(filter: ReadFilter): Promise<RecordedRead[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.declarationId !== undefined) add((p) => `declaration_id = ${p}`, filter.declarationId);
    if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
    if (filter.from !== undefined) add((p) => `at >= ${p}`, filter.from);
    if (filter.to !== undefined) add((p) => `at < ${p}`, filter.to);
    if (filter.before !== undefined) add((p) => `id < ${p}`, filter.before);
    params.push(filter.limit);
    const { rows } = await this.pool.query<Row>(
      `SELECT id::text AS id, at, actor, role, route, declaration_id, request_id FROM read_audit
       ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      role: row.role,
      route: row.route,
      declarationId: row.declaration_id,
      requestId: row.request_id,
    }));
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
