import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreUnavailableError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { newStreamId, sampleEvent } from '../testing/sample-events';
import { SqliteEventStore } from './sqlite-event-store';

const NOBODY = 65534;

/** Another process (the CLI, say) takes the write lock, reports it, holds it `ms`, then commits. */
function holdWriteLock(path: string, ms: number): { locked: Promise<void>; exited: Promise<number | null> } {
  const script = `
    const db = new (require('better-sqlite3'))(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: __dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { locked, exited };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigie-sqlite-events-'));
}

for (const writer of ['inline', 'thread'] as const) {
  eventStoreContract(
    writer === 'inline' ? 'SQLite' : 'SQLite, writer thread',
    async () => {
      const dir = tempDir();
      const path = join(dir, 'nested', 'events.sqlite');
      const opened: EventStore[] = [await SqliteEventStore.open(path, { writer })];
      return {
        store: opened[0],
        reopen: async () => {
          opened.push(await SqliteEventStore.open(path, { writer }));
          return opened[opened.length - 1];
        },
        cleanup: async () => {
          for (const store of opened) await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    { imports: true },
  );
}

describe('SQLite event store, on its file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The file is read-only, its directory is not (WAL readers create the -shm file there). Root
   * writes through file modes, so as root the store runs with the effective uid of `nobody`, as a
   * service account would, from its opening to the append's answer: the writer thread opens its
   * own connection when the first append comes.
   */
  async function asServiceAccount<T>(path: string, work: () => Promise<T>): Promise<T> {
    chmodSync(dirname(path), 0o777);
    chmodSync(path, 0o444);
    if (process.getuid?.() !== 0) return work();
    process.seteuid?.(NOBODY);
    try {
      return await work();
    } finally {
      process.seteuid?.(0);
    }
  }

  it.each(['inline', 'thread'] as const)(
    'a read-only file still opens for reading, but an append fails as unavailable (%s writer)',
    async (writer) => {
      const path = join(dir, 'events.sqlite');
      const streamId = newStreamId();
      const writable = await SqliteEventStore.open(path);
      await writable.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
      await writable.close();
      let readOnly: SqliteEventStore | undefined;
      try {
        const refusal = await asServiceAccount(path, async () => {
          readOnly = await SqliteEventStore.open(path, { writer });
          expect(await readOnly.readStream(streamId)).toHaveLength(1);
          return readOnly.append(streamId, [sampleEvent()], { expectedRevision: 0 }).catch((error) => error);
        });
        expect(refusal).toBeInstanceOf(StoreUnavailableError);
        expect(refusal.message).toMatch(/SQLITE_READONLY/);
        expect(await readOnly?.readStream(streamId)).toHaveLength(1);
      } finally {
        await readOnly?.close();
        chmodSync(path, 0o644);
      }
    },
  );

  it('a path that cannot be created fails to open as unavailable', async () => {
    const blocker = join(dir, 'not-a-directory');
    writeFileSync(blocker, 'a file where the directory should be');
    await expect(SqliteEventStore.open(join(blocker, 'events.sqlite'))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('a file that is not a database fails to open as unavailable', async () => {
    const path = join(dir, 'events.sqlite');
    writeFileSync(path, 'this is not an SQLite database, only text long enough to have a header'.repeat(20));
    await expect(SqliteEventStore.open(path)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a closed store answers unavailable', async () => {
    const store = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('opens with WAL and synchronous FULL, and migrates once however often it is opened', async () => {
    const path = join(dir, 'events.sqlite');
    await (await SqliteEventStore.open(path)).close();
    await (await SqliteEventStore.open(path)).close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    } finally {
      db.close();
    }
    const store = await SqliteEventStore.open(path);
    try {
      const sync = (store as unknown as { db: { pragma: (p: string, o: object) => unknown } }).db.pragma(
        'synchronous',
        { simple: true },
      );
      expect(sync).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('a second store on the same file (the CLI next to the API) sees the first one’s appends and keeps revisions', async () => {
    const path = join(dir, 'events.sqlite');
    const api = await SqliteEventStore.open(path);
    const cli = await SqliteEventStore.open(path);
    try {
      const streamId = newStreamId();
      await api.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
      await expect(
        cli.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({ name: 'ConcurrencyError' });
      await cli.append(streamId, [sampleEvent()], { expectedRevision: 0 });
      expect((await api.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1]);
    } finally {
      await api.close();
      await cli.close();
    }
  });

  it('an append waits for another process holding the write lock, within busy_timeout', async () => {
    const path = join(dir, 'events.sqlite');
    const store = await SqliteEventStore.open(path);
    try {
      const holder = holdWriteLock(path, 1000);
      await holder.locked;
      const started = Date.now();
      const result = await store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      expect(result.revision).toBe(0);
      expect(await holder.exited).toBe(0);
    } finally {
      await store.close();
    }
  });

  it.each(['inline', 'thread'] as const)(
    'an append still locked out after busy_timeout fails as unavailable and appends nothing (%s writer)',
    async (writer) => {
      const path = join(dir, 'events.sqlite');
      const store = await SqliteEventStore.open(path, { busyTimeoutMs: 100, writer });
      const other = new (await import('better-sqlite3')).default(path);
      try {
        other.exec('BEGIN IMMEDIATE');
        const streamId = newStreamId();
        const attempt = store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
        await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(attempt).rejects.toThrow(/SQLITE_BUSY/);
        other.exec('ROLLBACK');
        expect(await store.readStream(streamId)).toEqual([]);
      } finally {
        other.close();
        await store.close();
      }
    },
  );

  it('an append with an event id already in the log is refused as a duplicate and appends nothing', async () => {
    const store = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    try {
      const event = sampleEvent();
      await store.append(newStreamId(), [event], { expectedRevision: 'no_stream' });
      const other = newStreamId();
      await expect(
        store.append(other, [sampleEvent(), event], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({ name: 'DuplicateEventIdError' });
      expect(await store.readStream(other)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
