import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { Erasure, KeyStore, SubjectKey } from './key-store.port';
import { KEY_BYTES, type KeyRef } from './personal-data-envelope';

const SCHEMA_LOCK = 0x4b455953; // 'KEYS'

const ignore = (): void => undefined;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject_id text NOT NULL,
    generation integer NOT NULL,
    key bytea,
    created_at timestamptz NOT NULL,
    erased_at timestamptz,
    PRIMARY KEY (subject_id, generation)
  )`;

/**
 * Keys in PostgreSQL, for deployments whose data dir is not durable. Use a database apart from
 * the event log's. After an erasure the table is rewritten (`VACUUM FULL`), so the destroyed key's
 * tuple does not linger in the table's files; the server's WAL and base backups keep it until
 * they are recycled (docs/security.md).
 */
export class PostgresKeyStore implements KeyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(url: string): Promise<PostgresKeyStore> {
    const pool = new Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 5000,
      application_name: 'vigie-keys',
    });
    // An idle connection the server terminates must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      client.on('error', ignore);
      try {
        await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
      } finally {
        client.off('error', ignore);
        client.release(true);
      }
      return new PostgresKeyStore(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async currentKey(subjectId: string): Promise<SubjectKey> {
    const client = await this.pool.connect();
    // A checked-out client has no listener: a connection the server ends between two statements
    // would otherwise raise an unhandled 'error' event and take the process down.
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // One person's first key is created once, whichever process asks first.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SCHEMA_LOCK, subjectId]);
      const { rows } = await client.query<{ generation: number; key: Buffer | null }>(
        'SELECT generation, key FROM subject_keys WHERE subject_id = $1 ORDER BY generation DESC LIMIT 1',
        [subjectId],
      );
      const latest = rows[0];
      let result: SubjectKey;
      if (latest?.key) {
        result = { subjectId, generation: latest.generation, key: latest.key };
      } else {
        result = { subjectId, generation: (latest?.generation ?? 0) + 1, key: randomBytes(KEY_BYTES) };
        await client.query(
          'INSERT INTO subject_keys (subject_id, generation, key, created_at) VALUES ($1, $2, $3, now())',
          [subjectId, result.generation, result.key],
        );
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', ignore);
      // A client whose transaction failed is not handed to the next caller.
      client.release(broken);
    }
  }

  async findKey(ref: KeyRef): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ key: Buffer | null }>(
      'SELECT key FROM subject_keys WHERE subject_id = $1 AND generation = $2',
      [ref.subjectId, ref.generation],
    );
    return rows[0]?.key ?? null;
  }

  async erase(subjectId: string, at: Date): Promise<Erasure> {
    const { rowCount } = await this.pool.query(
      'UPDATE subject_keys SET key = NULL, erased_at = $2 WHERE subject_id = $1 AND key IS NOT NULL',
      [subjectId, at],
    );
    // The dead tuple holding the key stays in the table file until it is rewritten.
    await this.pool.query('VACUUM FULL subject_keys');
    return { subjectId, destroyed: rowCount ?? 0 };
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
