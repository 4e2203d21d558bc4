import { resolve } from 'node:path';
import type { PostgresLimits } from '@vigie/postgres';
import { PostgresReadAuditLog } from './postgres-read-audit-log';
import { SqliteReadAuditLog } from './sqlite-read-audit-log';

/** One read of a declaration by an analyst or an admin: who, when, what. */
export interface ReadRecord {
  at: string;
  actor: string;
  role: string;
  /** `GET /api/v1/declarations/:id/history` */
  route: string;
  declarationId: string;
  requestId: string;
}

export interface RecordedRead extends ReadRecord {
  /** Decimal, increasing in the order reads were recorded. */
  id: string;
}

export interface ReadFilter {
  declarationId?: string;
  actor?: string;
  /** ISO instants: at ≥ from, at < to. */
  from?: string;
  to?: string;
  limit: number;
  /** Reads recorded before this id (the previous page's `nextCursor`). */
  before?: string;
}

/**
 * The accountability log: append-only (the stores refuse UPDATE and DELETE by trigger), kept apart
 * from the read models, which may be dropped and rebuilt from the event log while this may not.
 */
export interface ReadAuditLog {
  record(read: ReadRecord): Promise<void>;
  /** Newest first. */
  list(filter: ReadFilter): Promise<RecordedRead[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `sqlite:<path>` or `postgres://…` (`VIGIE_AUDIT_DB_URL`), with its timeouts. */
export async function openReadAuditLog(url: string, postgres?: PostgresLimits): Promise<ReadAuditLog> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return PostgresReadAuditLog.open(url, postgres);
  const location = url.slice('sqlite:'.length).split('?', 1)[0];
  return SqliteReadAuditLog.open(resolve(location.startsWith('//') ? location.slice(2) : location));
}
