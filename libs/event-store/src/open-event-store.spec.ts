import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describePostgres } from '../../../test/support/postgres';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { openEventStore } from './open-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { newStreamId, sampleEvent } from './testing/sample-events';

describe('openEventStore', () => {
  let dir: string;
  let cwd: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-open-store-'));
    cwd = process.cwd();
  });

  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sqlite:<relative path> opens a SQLite store on that path, resolved against the working directory', async () => {
    process.chdir(dir);
    const store = await openEventStore('sqlite:data/events.sqlite');
    const streamId = newStreamId();
    await store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    process.chdir(cwd);
    const again = await SqliteEventStore.open(join(dir, 'data', 'events.sqlite'));
    expect(store).toBeInstanceOf(SqliteEventStore);
    expect(await again.readStream(streamId)).toHaveLength(1);
    await again.close();
  });

  it('sqlite:///absolute/path opens that file', async () => {
    const store = await openEventStore(`sqlite://${join(dir, 'abs.sqlite')}`);
    await store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    const again = await SqliteEventStore.open(join(dir, 'abs.sqlite'));
    expect(await again.headPosition()).toBe(1n);
    await again.close();
  });

  it('sqlite: refuses an empty path and an unknown synchronous mode', async () => {
    await expect(openEventStore('sqlite:')).rejects.toThrow(/needs a file path/);
    await expect(openEventStore(`sqlite:${join(dir, 'x.sqlite')}?synchronous=off`)).rejects.toThrow(
      /"full" or "normal"/,
    );
  });

  it('esdb:// gives an EventStoreDB store, without connecting yet', async () => {
    const store = await openEventStore('esdb://127.0.0.1:1?tls=false');
    expect(store).toBeInstanceOf(EsdbEventStore);
    await store.close();
  });

  it('an unknown scheme is refused with the schemes it accepts, without echoing the URL', async () => {
    const attempt = openEventStore('mysql://root:secret@db/events');
    await expect(attempt).rejects.toThrow(/Unknown event store URL scheme "mysql:".*sqlite:<path>/);
    await expect(attempt).rejects.not.toThrow(/secret/);
    await expect(openEventStore('events.sqlite')).rejects.toThrow(/scheme \(none\)/);
  });
});

describePostgres('openEventStore with a PostgreSQL URL', () => {
  it('postgres:// and postgresql:// open a PostgreSQL store', async () => {
    const database = await createTestDatabase('vigie_open_store');
    try {
      for (const url of [database.url, database.url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openEventStore(url);
        expect(store).toBeInstanceOf(PostgresEventStore);
        await store.ping();
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});
