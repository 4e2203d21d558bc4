import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Erasure, KeyStore, SubjectKey } from './key-store.port';
import { KEY_BYTES, type KeyRef } from './personal-data-envelope';

interface KeyRow {
  generation: number;
  key: Buffer | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    key BLOB,
    created_at TEXT NOT NULL,
    erased_at TEXT,
    PRIMARY KEY (subject_id, generation)
  )`;

/**
 * The key store of the embedded default: a SQLite file of its own (`keys.sqlite`), never the
 * event log's. `secure_delete` overwrites a destroyed key's bytes in the file, and the WAL is
 * truncated after each erasure, so that no copy of the key is left in either file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  static open(path: string, options: { busyTimeoutMs?: number } = {}): SqliteKeyStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.exec(SCHEMA);
      return new SqliteKeyStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async currentKey(subjectId: string): Promise<SubjectKey> {
    // A live key never changes: reading it needs no lock. Only creating one takes the write lock.
    return this.liveKey(subjectId) ?? this.createKey(subjectId);
  }

  async findKey(ref: KeyRef): Promise<Buffer | null> {
    const row = this.statements.findKey.get(ref.subjectId, ref.generation) as
      { key: Buffer | null } | undefined;
    return row?.key ?? null;
  }

  async erase(subjectId: string, at: Date): Promise<Erasure> {
    const { statements } = this;
    const destroyed = this.db
      .transaction((): number => {
        const live = statements.liveGenerations.all(subjectId) as { generation: number }[];
        // Deleted, not updated: secure_delete zeroes the freed cell that held the key.
        statements.deleteLive.run(subjectId);
        for (const { generation } of live)
          statements.insertTombstone.run(subjectId, generation, at.toISOString(), at.toISOString());
        return live.length;
      })
      .immediate();
    this.truncateWal();
    return { subjectId, destroyed };
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private liveKey(subjectId: string): SubjectKey | null {
    const latest = this.statements.latest.get(subjectId) as KeyRow | undefined;
    return latest?.key ? { subjectId, generation: latest.generation, key: latest.key } : null;
  }

  /** IMMEDIATE, and read again under the lock: two processes creating the first key of one person agree on a single one. */
  private createKey(subjectId: string): SubjectKey {
    const { statements } = this;
    return this.db
      .transaction((): SubjectKey => {
        const latest = statements.latest.get(subjectId) as KeyRow | undefined;
        if (latest?.key) return { subjectId, generation: latest.generation, key: latest.key };
        const generation = (latest?.generation ?? 0) + 1;
        const key = randomBytes(KEY_BYTES);
        statements.insertKey.run(subjectId, generation, key, new Date().toISOString());
        return { subjectId, generation, key };
      })
      .immediate();
  }

  /** Copies the WAL into the file and empties it: the pages that held the key are gone from both. */
  private truncateWal(): void {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
    }
    throw new Error('the key store WAL could not be truncated: a reader kept it busy; run the erasure again');
  }
}

/** Prepared once: preparing costs more than the lookup of a key it serves. */
function prepareStatements(db: Database.Database) {
  return {
    latest: db.prepare(
      'SELECT generation, key FROM subject_keys WHERE subject_id = ? ORDER BY generation DESC LIMIT 1',
    ),
    insertKey: db.prepare(
      'INSERT INTO subject_keys (subject_id, generation, key, created_at) VALUES (?, ?, ?, ?)',
    ),
    findKey: db.prepare('SELECT key FROM subject_keys WHERE subject_id = ? AND generation = ?'),
    liveGenerations: db.prepare(
      'SELECT generation FROM subject_keys WHERE subject_id = ? AND key IS NOT NULL',
    ),
    deleteLive: db.prepare('DELETE FROM subject_keys WHERE subject_id = ? AND key IS NOT NULL'),
    insertTombstone: db.prepare(
      'INSERT INTO subject_keys (subject_id, generation, key, created_at, erased_at) VALUES (?, ?, NULL, ?, ?)',
    ),
    ping: db.prepare('SELECT 1'),
  };
}
