import { resolve } from 'node:path';
import type { PostgresLimits } from '@vigie/postgres';
import { PostgresReadAuditLog } from './postgres-read-audit-log';
import type { ReadAuditLog } from './read-audit-log';
import { SqliteReadAuditLog } from './sqlite-read-audit-log';

/** `sqlite:<path>` or `postgres://…` (`VIGIE_AUDIT_DB_URL`), with its timeouts. */
export async function openReadAuditLog(url: string, postgres?: PostgresLimits): Promise<ReadAuditLog> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return PostgresReadAuditLog.open(url, postgres);
  const location = url.slice('sqlite:'.length).split('?', 1)[0];
  return SqliteReadAuditLog.open(resolve(location.startsWith('//') ? location.slice(2) : location));
}
