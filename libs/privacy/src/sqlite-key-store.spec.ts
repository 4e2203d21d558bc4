import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from './sqlite-key-store';

describe('SqliteKeyStore locking', () => {
  let dir: string;
  let store: SqliteKeyStore;
  let other: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-key-store-'));
    store = SqliteKeyStore.open(join(dir, 'keys.sqlite'), { busyTimeoutMs: 50 });
    other = new Database(join(dir, 'keys.sqlite'));
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a live key while another process holds the write lock; only creating a key waits for it', async () => {
    const live = await store.currentKey('ds_a');
    other.exec('BEGIN IMMEDIATE');
    expect((await store.currentKey('ds_a')).key.equals(live.key)).toBe(true);
    await expect(store.currentKey('ds_b')).rejects.toThrow(/locked|busy/i);
    other.exec('ROLLBACK');
    expect((await store.currentKey('ds_b')).generation).toBe(1);
  });
});
