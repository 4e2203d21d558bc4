import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiProblemShape } from './field-errors';
import type { DeclareForm, SubmitBody } from './declare-form';

export interface DraftRecord {
  /** The person's opaque user id (GET /api/v1/me): one draft per person on a shared device. */
  userId: string;
  form: DeclareForm;
  step: number;
  savedAt: string;
  /** A refusal the outbox met while the page was closed, shown when the draft is resumed. */
  problem?: ApiProblemShape;
}

export interface OutboxEntry {
  /** The Idempotency-Key: a retry is the same declaration, never a second one. */
  key: string;
  userId: string;
  body: SubmitBody;
  createdAt: string;
}

interface DeclareDb extends DBSchema {
  drafts: { key: string; value: DraftRecord };
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
}

/*
 * IndexedDB, never localStorage or sessionStorage: a draft holds personal data (the declarant's
 * name, e-mail, phone) and must survive a crash, and the outbox must be written before the request.
 */
let db: Promise<IDBPDatabase<DeclareDb>> | undefined;

export function declareDb(): Promise<IDBPDatabase<DeclareDb>> {
  db ??= openDB<DeclareDb>('vigie-declare', 1, {
    upgrade(database) {
      database.createObjectStore('drafts', { keyPath: 'userId' });
      database.createObjectStore('outbox', { keyPath: 'key' }).createIndex('byUser', 'userId');
    },
  });
  return db;
}
