import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { openSchemaPool, type PostgresLimits } from '@vigie/postgres';
import type { Erasure, KeyStore, SubjectKey } from './key-store.port';
import { KEY_BYTES, type KeyRef } from './personal-data-envelope';

const SCHEMA_LOCK = 0x4b455953; // 'KEYS'

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

  /** `limits`: the statements' and connections' timeouts; `vigie gdpr erase` (VACUUM FULL) passes the long ones. */
  static async open(url: string, limits?: PostgresLimits): Promise<PostgresKeyStore> {
    const store = { lock: SCHEMA_LOCK, schema: SCHEMA, applicationName: 'vigie-keys', max: 4 };
    return new PostgresKeyStore(await openSchemaPool(url, store, limits));
  }

  async currentKey(subjectId: string): Promise<SubjectKey> {
    const client = await this.pool.connect();
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
