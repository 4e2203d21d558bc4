import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadAuditLog, ReadFilter, ReadRecord, RecordedRead } from './read-audit-log';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS read_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    route TEXT NOT NULL,
    declaration_id TEXT NOT NULL,
    request_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS idx_read_audit_declaration ON read_audit (declaration_id, id);
  CREATE INDEX IF NOT EXISTS idx_read_audit_actor ON read_audit (actor, id);
  CREATE TRIGGER IF NOT EXISTS read_audit_no_update BEFORE UPDATE ON read_audit
    BEGIN SELECT RAISE(ABORT, 'read_audit is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS read_audit_no_delete BEFORE DELETE ON read_audit
    BEGIN SELECT RAISE(ABORT, 'read_audit is append-only'); END;
`;

interface Row {
  id: bigint;
  at: string;
  actor: string;
  role: string;
  route: string;
  declaration_id: string;
  request_id: string;
}

export class SqliteReadAuditLog implements ReadAuditLog {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string): SqliteReadAuditLog {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 5000');
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.exec(SCHEMA);
      db.defaultSafeIntegers(true);
      return new SqliteReadAuditLog(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async record(read: ReadRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO read_audit (at, actor, role, route, declaration_id, request_id) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(read.at, read.actor, read.role, read.route, read.declarationId, read.requestId);
  }

  async list(filter: ReadFilter): Promise<RecordedRead[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      where.push(clause);
      params.push(value);
    };
    if (filter.declarationId !== undefined) add('declaration_id = ?', filter.declarationId);
    if (filter.actor !== undefined) add('actor = ?', filter.actor);
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    if (filter.before !== undefined) add('id < ?', BigInt(filter.before));
    const rows = this.db
      .prepare(
        `SELECT * FROM read_audit ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY id DESC LIMIT ?`,
      )
      .all(...params, filter.limit) as Row[];
    return rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actor: row.actor,
      role: row.role,
      route: row.route,
      declarationId: row.declaration_id,
      requestId: row.request_id,
    }));
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
