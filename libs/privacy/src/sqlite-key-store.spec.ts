import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from './sqlite-key-store';

/** Another process (the CLI next to the API) holding the key store's write lock until told to let go. */
async function lockHolder(path: string): Promise<ChildProcessWithoutNullStreams> {
  const script = `
    const db = new (require('better-sqlite3'))(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd() });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  if (!chunk.toString().includes('locked')) throw new Error(`lock holder said ${chunk.toString()}`);
  return child;
}

describe('SqliteKeyStore locking', () => {
  let dir: string;
  let store: SqliteKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-key-store-'));
    store = SqliteKeyStore.open(join(dir, 'keys.sqlite'), { busyTimeoutMs: 50 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a live key while another process holds the write lock; only creating a key waits for it', async () => {
    const live = await store.currentKey('ds_a');
    const holder = await lockHolder(join(dir, 'keys.sqlite'));
    try {
      expect((await store.currentKey('ds_a')).key.equals(live.key)).toBe(true);
      // Matched by message: under jest, better-sqlite3's SqliteError extends the Error of whichever
      // test file loaded the addon first, so `toThrow` may not see an Error in it.
      await expect(store.currentKey('ds_b')).rejects.toMatchObject({
        message: expect.stringMatching(/locked|busy/i),
      });
    } finally {
      holder.stdin.write('go\n');
      await once(holder, 'exit');
    }
    expect((await store.currentKey('ds_b')).generation).toBe(1);
  });
});
