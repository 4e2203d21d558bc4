import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';
import type { AppendResult, IdempotencyRecord } from '../event-store.port';
import { newStreamId, sampleEvent, sampleEvents } from '../testing/sample-events';
import { SqliteEventStore } from './sqlite-event-store';
import { GROUP_COMMIT_MAX } from './sqlite-group-commit';

function record(key: string): IdempotencyRecord {
  return { key, requestHash: 'sha256:first', response: { status: 201, body: { id: key } } };
}

function connectionOf(store: SqliteEventStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}

describe.each(['inline', 'thread'] as const)('SQLite group commit, %s writer', (writer) => {
  let dir: string;
  let path: string;
  let batches: number[];
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-group-commit-'));
    path = join(dir, 'events.sqlite');
    batches = [];
    store = await SqliteEventStore.open(path, { writer, onGroupCommit: (appends) => batches.push(appends) });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('200 concurrent appends to 200 streams share one commit, get increasing positions in call order, and survive a reopen', async () => {
    const streams = Array.from({ length: 200 }, () => newStreamId());
    const results = await Promise.all(
      streams.map((streamId) => store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' })),
    );
    expect(batches).toEqual([200]);
    for (let index = 1; index < results.length; index++)
      expect(results[index].position).toBeGreaterThan(results[index - 1].position);

    await store.close();
    store = await SqliteEventStore.open(path, { writer });
    const feed = await store.readAll(0n, 1000);
    expect(feed.map((event) => [event.streamId, event.position])).toEqual(
      streams.map((streamId, index) => [streamId, results[index].position]),
    );
    for (const streamId of [streams[0], streams[100], streams[199]])
      expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('a refused append in a batch rolls back only itself and rejects only its own promise', async () => {
    const [first, second, third, fourth, fifth] = Array.from({ length: 5 }, () => newStreamId());
    const reused = sampleEvent();
    const key = `user-1:${newStreamId()}`;
    const outcomes = await Promise.allSettled([
      store.append(first, [reused], { expectedRevision: 'no_stream', idempotency: record(key) }),
      store.append(second, sampleEvents(2), { expectedRevision: 3 }),
      store.append(third, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record(key) }),
      store.append(fourth, [sampleEvent(), reused], { expectedRevision: 'no_stream' }),
      store.append(fifth, sampleEvents(2), { expectedRevision: 'no_stream' }),
    ]);
    expect(batches).toEqual([5]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : null));
    expect(reasons[1]).toBeInstanceOf(ConcurrencyError);
    expect(reasons[2]).toBeInstanceOf(IdempotencyKeyTakenError);
    expect(reasons[3]).toBeInstanceOf(DuplicateEventIdError);
    const feed = await store.readAll(0n, 100);
    expect(feed.map((event) => [event.streamId, event.revision])).toEqual([
      [first, 0],
      [fifth, 0],
      [fifth, 1],
    ]);
    expect((outcomes[4] as PromiseFulfilledResult<AppendResult>).value).toEqual({
      revision: 1,
      position: feed[2].position,
    });
    expect(await store.findIdempotency(key)).toMatchObject({ streamId: first, revision: 0 });
  });

  it('racing appends in one batch: the second at the same expected revision loses, as it would alone', async () => {
    const streamId = newStreamId();
    await store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
    const [winner, loser] = sampleEvents(2);
    const outcomes = await Promise.allSettled([
      store.append(streamId, [winner], { expectedRevision: 0 }),
      store.append(streamId, [loser], { expectedRevision: 0 }),
    ]);
    expect(batches).toEqual([1, 2]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: expect.objectContaining({ revision: 1 }) });
    expect(outcomes[1]).toEqual({
      status: 'rejected',
      reason: expect.objectContaining({ name: 'ConcurrencyError', expected: 0, actual: 1 }),
    });
    expect((await store.readStream(streamId)).map((event) => event.id).slice(1)).toEqual([winner.id]);
  });

  it('appends to one stream in one batch see each other: each expected revision follows the one before', async () => {
    const streamId = newStreamId();
    const results = await Promise.all([
      store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' }),
      store.append(streamId, sampleEvents(2), { expectedRevision: 0 }),
      store.append(streamId, [sampleEvent()], { expectedRevision: 2 }),
    ]);
    expect(batches).toEqual([3]);
    expect(results.map((result) => result.revision)).toEqual([0, 2, 3]);
  });

  it('an append is invisible to readers, on this connection or another, until it is acknowledged', async () => {
    const other = await SqliteEventStore.open(path, { writer });
    const streamId = newStreamId();
    let seenByOtherAtAck: number | undefined;
    const appended = store
      .append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' })
      .then(async (result) => {
        seenByOtherAtAck = (await other.readStream(streamId)).length;
        return result;
      });
    try {
      expect(await store.readStream(streamId)).toEqual([]);
      expect(await store.headPosition()).toBe(0n);
      expect(await other.readStream(streamId)).toEqual([]);
      await appended;
      expect(seenByOtherAtAck).toBe(1);
    } finally {
      await appended.catch(() => undefined);
      await other.close();
    }
  });

  it(`a batch flushes at once when ${GROUP_COMMIT_MAX} appends wait`, async () => {
    const count = 2 * GROUP_COMMIT_MAX + 88;
    await Promise.all(
      Array.from({ length: count }, () =>
        store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' }),
      ),
    );
    expect(batches).toEqual([GROUP_COMMIT_MAX, GROUP_COMMIT_MAX, 88]);
    expect(await store.readAll(0n, 10_000)).toHaveLength(count);
  });

  it('a refused appendMany rolls back all of its own appends and none of the batch’s others', async () => {
    const [alone, many, existing] = [newStreamId(), newStreamId(), newStreamId()];
    await store.append(existing, [sampleEvent()], { expectedRevision: 'no_stream' });
    const [single, refused] = await Promise.allSettled([
      store.append(alone, [sampleEvent()], { expectedRevision: 'no_stream' }),
      store.appendMany([
        { streamId: many, events: [sampleEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: existing, events: [sampleEvent()], options: { expectedRevision: 'no_stream' } },
      ]),
    ]);
    expect(batches).toEqual([1, 2]);
    expect(single.status).toBe('fulfilled');
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: { name: 'ConcurrencyError', streamId: existing },
    });
    expect(await store.readStream(alone)).toHaveLength(1);
    expect(await store.readStream(many)).toEqual([]);
  });

  it('a COMMIT that fails rejects every append of the batch as unavailable, stores none, and the next batch commits', async () => {
    // A deferred foreign key is checked by COMMIT itself: a real commit failure, without a broken disk.
    const db = connectionOf(store);
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE nowhere (id INTEGER PRIMARY KEY);
      CREATE TABLE tripwire (ref INTEGER REFERENCES nowhere (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER trip AFTER INSERT ON events WHEN NEW.type = 'Tripwire'
      BEGIN INSERT INTO tripwire VALUES (1); END;`);
    const streams = [newStreamId(), newStreamId(), newStreamId()];
    const outcomes = await Promise.allSettled([
      store.append(streams[0], [sampleEvent()], { expectedRevision: 'no_stream' }),
      store.append(streams[1], [sampleEvent({ type: 'Tripwire' })], { expectedRevision: 'no_stream' }),
      store.append(streams[2], [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record('k') }),
    ]);
    expect(batches).toEqual([]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
      expect((outcome as PromiseRejectedResult).reason.message).toMatch(/could not commit.*FOREIGNKEY/);
    }
    expect(db.inTransaction).toBe(false);
    expect(await store.readAll(0n, 10)).toEqual([]);
    expect(await store.findIdempotency('k')).toBeNull();

    const result = await store.append(streams[0], [sampleEvent()], { expectedRevision: 'no_stream' });
    expect(result.revision).toBe(0);
    expect(batches).toEqual([1]);
  });

  it('close writes the appends still queued before closing the file', async () => {
    const streamId = newStreamId();
    const appended = store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    await expect(appended).resolves.toMatchObject({ revision: 0 });
    store = await SqliteEventStore.open(path, { writer });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });
});

describe('SQLite writer thread', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-writer-thread-'));
    store = await SqliteEventStore.open(join(dir, 'events.sqlite'), { writer: 'thread' });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function workerOf(target: SqliteEventStore): Worker | undefined {
    return (target as unknown as { writerThread: { worker?: Worker } }).writerThread.worker;
  }

  it('a thread that dies fails its batch as unavailable, stores none of it, and the next append starts another', async () => {
    const lost = newStreamId();
    const attempt = store.append(lost, [sampleEvent()], { expectedRevision: 'no_stream' });
    // The group commit sends the batch on the next turn; the thread is killed before it answers.
    await new Promise((resolve) => setImmediate(resolve));
    const dying = workerOf(store);
    expect(dying).toBeDefined();
    await dying?.terminate();
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(/writer thread stopped/);
    expect(await store.readStream(lost)).toEqual([]);

    const result = await store.append(lost, [sampleEvent()], { expectedRevision: 'no_stream' });
    expect(result.revision).toBe(0);
    expect(workerOf(store)).not.toBe(dying);
    expect(await store.readStream(lost)).toHaveLength(1);
  });

  it('close ends the thread, and the store then answers unavailable without starting another', async () => {
    await store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });
    const worker = workerOf(store);
    const exited = new Promise((resolve) => worker?.once('exit', resolve));
    await store.close();
    await exited;
    await expect(
      store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(workerOf(store)).toBeUndefined();
  });
});
