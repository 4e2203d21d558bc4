import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, IdempotencyKeyTakenError } from './event-store.errors';
import type { EventStore, RecordedEvent } from './event-store.port';
import type { FoldCache, FoldedStream } from './folded-stream';
import type { Decider } from './decider';
import { handleCommand, type CommandOnStream } from './handle-command';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { newStreamId, sampleMetadata } from './testing/sample-events';

/** A tally with a ceiling: enough rules for the three outcomes (accepted, refused, nothing to do). */
interface Add {
  amount: number;
}
interface Tally {
  total: number;
}
type Added = { type: 'Added'; data: { amount: number } };

class OverTheCeiling extends Error {}

const CEILING = 10;
const tally: Decider<Add, Tally, Added> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: ({ amount }, state) => {
    if (state.total + amount > CEILING) throw new OverTheCeiling();
    return amount === 0 ? [] : [{ type: 'Added', data: { amount } }];
  },
};
const toAdded = (recorded: RecordedEvent): Added => ({
  type: 'Added',
  data: { amount: Number(recorded.data.amount) },
});

/** The real store, counting reads, with a hook run between a command's read and its append. */
function instrumented(store: EventStore) {
  const calls = { reads: 0, appends: 0 };
  let beforeAppend: (() => Promise<void>) | null = null;
  const wrapped: EventStore = {
    append: async (streamId, events, options) => {
      calls.appends += 1;
      const hook = beforeAppend;
      beforeAppend = null;
      await hook?.();
      return store.append(streamId, events, options);
    },
    readStream: (streamId) => {
      calls.reads += 1;
      return store.readStream(streamId);
    },
    readAll: (after, limit) => store.readAll(after, limit),
    headPosition: () => store.headPosition(),
    findIdempotency: (key) => store.findIdempotency(key),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return {
    store: wrapped,
    calls,
    /** Another writer appends `amount` to `streamId` after the next read, just before the next append. */
    raceOnce: (streamId: string, amount: number) => {
      beforeAppend = () => add(store, streamId, amount).then(() => undefined);
    },
  };
}

const add = (
  store: EventStore,
  streamId: string,
  amount: number,
  extra: Partial<CommandOnStream<Add, Tally, Added>> = {},
) =>
  handleCommand(store, {
    streamId,
    decider: tally,
    toDomain: toAdded,
    command: { amount },
    eventId: (index, revision) => `${streamId}/${revision + 1 + index}`,
    metadata: sampleMetadata({ correlationId: 'handle-command-spec' }),
    maxAttempts: 3,
    ...extra,
  });

/** A cache as simple as can be: every fold kept, none evicted. */
function keptFolds(): FoldCache<Tally> & { entries: Map<string, FoldedStream<Tally>> } {
  const entries = new Map<string, FoldedStream<Tally>>();
  return {
    entries,
    get: (streamId) => entries.get(streamId),
    remember: (streamId, folded) => void entries.set(streamId, folded),
    forget: (streamId, folded) => void (entries.get(streamId) === folded && entries.delete(streamId)),
  };
}

describe('handleCommand (real SQLite file)', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let streamId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-handle-command-'));
    sqlite = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    streamId = newStreamId();
  });
  afterEach(async () => {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given no stream, when a command is accepted, then its events open the stream and the fold moves on', async () => {
    const handled = await add(sqlite, streamId, 3);
    expect(handled.events).toEqual([{ type: 'Added', data: { amount: 3 } }]);
    expect(handled.result).toEqual({ revision: 0, position: expect.any(BigInt) });
    expect(handled.stream).toEqual({ state: { total: 3 }, revision: 0, position: handled.result!.position });
    const [recorded] = await sqlite.readStream(streamId);
    expect(recorded).toMatchObject({
      id: `${streamId}/0`,
      type: 'Added',
      data: { amount: 3 },
      metadata: { correlationId: 'handle-command-spec', schemaVersion: 1 },
    });
  });

  it('given a stream, when a command is accepted, then it is decided on the fold and appended at its revision', async () => {
    await add(sqlite, streamId, 4);
    await add(sqlite, streamId, 4);
    const { store, calls } = instrumented(sqlite);
    const seen: FoldedStream<Tally>[] = [];
    const handled = await add(store, streamId, 2, {
      command: (folded) => {
        seen.push(folded);
        return { amount: 2 };
      },
    });
    expect(seen).toEqual([{ state: { total: 8 }, revision: 1, position: expect.any(BigInt) }]);
    expect(handled.result?.revision).toBe(2);
    expect(handled.stream.state).toEqual({ total: 10 });
    expect(calls).toEqual({ reads: 1, appends: 1 });
    expect((await sqlite.readStream(streamId)).map((event) => event.id)).toEqual(
      [0, 1, 2].map((n) => `${streamId}/${n}`),
    );
  });

  it('given nothing to do, then nothing is appended and the stream is answered as read', async () => {
    await add(sqlite, streamId, 5);
    const head = await sqlite.headPosition();
    const handled = await add(sqlite, streamId, 0);
    expect(handled).toEqual({
      events: [],
      result: null,
      stream: { state: { total: 5 }, revision: 0, position: head },
    });
    expect(await sqlite.headPosition()).toBe(head);
  });

  it('given a refusal, then the domain error reaches the caller and nothing is appended', async () => {
    await add(sqlite, streamId, 9);
    await expect(add(sqlite, streamId, 2)).rejects.toBeInstanceOf(OverTheCeiling);
    expect(await sqlite.readStream(streamId)).toHaveLength(1);
  });

  it('given another writer appends between the read and the append, then the race is decided again on a fresh read', async () => {
    await add(sqlite, streamId, 1);
    const { store, calls, raceOnce } = instrumented(sqlite);
    raceOnce(streamId, 5);
    const seen: number[] = [];
    const handled = await add(store, streamId, 4, {
      command: (folded) => {
        seen.push(folded.state.total);
        return { amount: 4 };
      },
    });
    expect(seen).toEqual([1, 6]);
    expect(handled.result?.revision).toBe(2);
    expect(handled.stream.state).toEqual({ total: 10 });
    expect(calls.reads).toBe(2);
  });

  it('given the fresh read refuses what the lost race would have accepted, then the refusal is the answer', async () => {
    await add(sqlite, streamId, 1);
    const { store, raceOnce } = instrumented(sqlite);
    raceOnce(streamId, 8);
    await expect(add(store, streamId, 4)).rejects.toBeInstanceOf(OverTheCeiling);
    expect((await sqlite.readStream(streamId)).map((event) => event.data.amount)).toEqual([1, 8]);
  });

  it('given concurrent writers on one stream, then every one lands once, at its own revision', async () => {
    await add(sqlite, streamId, 1);
    const handled = await Promise.all([1, 1, 1].map(() => add(sqlite, streamId, 1, { maxAttempts: 5 })));
    expect(handled.map((one) => one.result!.revision).sort()).toEqual([1, 2, 3]);
    expect(
      (await sqlite.readStream(streamId)).reduce((sum, event) => sum + Number(event.data.amount), 0),
    ).toBe(4);
  });

  it('given every attempt loses its race, then the last ConcurrencyError reaches the caller', async () => {
    const { store, calls, raceOnce } = instrumented(sqlite);
    let races = 0;
    const racing = add(store, streamId, 1, {
      maxAttempts: 2,
      command: () => {
        if (races++ < 2) raceOnce(streamId, 1);
        return { amount: 1 };
      },
    });
    await expect(racing).rejects.toBeInstanceOf(ConcurrencyError);
    expect(calls.reads).toBe(2);
  });

  it('given an explicit expected revision, then a lost race is the caller’s: ConcurrencyError, no retry', async () => {
    await add(sqlite, streamId, 1);
    const { store, calls } = instrumented(sqlite);
    await add(store, streamId, 1);
    await expect(add(store, streamId, 1, { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(calls.reads).toBe(2);
    const appended = await add(store, streamId, 1, { expectedRevision: 1 });
    expect(appended.result?.revision).toBe(2);
  });

  it('given an idempotency record, then it is stored with the events, and a second use of its key appends nothing', async () => {
    const idempotency = {
      key: 'caller:key-1',
      requestHash: 'h',
      response: { status: 201, body: { id: 'x' } },
    };
    const handled = await add(sqlite, streamId, 2, {
      idempotency,
      recordedAt: new Date('2025-01-02T03:04:05.000Z'),
    });
    expect(await sqlite.findIdempotency('caller:key-1')).toEqual({
      ...idempotency,
      streamId,
      revision: 0,
      position: handled.result!.position,
    });
    expect((await sqlite.readStream(streamId))[0].recordedAt).toBe('2025-01-02T03:04:05.000Z');
    await expect(add(sqlite, streamId, 2, { idempotency })).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
    expect(await sqlite.readStream(streamId)).toHaveLength(1);
  });

  describe('with kept folds', () => {
    it('given a kept fold, then the command is decided on it without a read, and the fold kept moves on', async () => {
      const folds = keptFolds();
      await add(sqlite, streamId, 2, { folds });
      const { store, calls } = instrumented(sqlite);
      const handled = await add(store, streamId, 3, { folds });
      expect(calls).toEqual({ reads: 0, appends: 1 });
      expect(folds.entries.get(streamId)).toBe(handled.stream);
      expect(handled.stream).toMatchObject({ state: { total: 5 }, revision: 1 });
    });

    it('given a kept fold another writer has outdated, then the lost race is decided again on a fresh read', async () => {
      const folds = keptFolds();
      await add(sqlite, streamId, 2, { folds });
      await add(sqlite, streamId, 7);
      const { store, calls } = instrumented(sqlite);
      // On the kept fold (2) this is accepted; on the log (9) it is over the ceiling.
      await expect(add(store, streamId, 3, { folds, maxAttempts: 1 })).rejects.toBeInstanceOf(OverTheCeiling);
      expect(calls).toEqual({ reads: 1, appends: 1 });
      expect(folds.entries.get(streamId)?.state).toEqual({ total: 9 });
    });

    it('given a kept fold that refuses or has nothing to do, then the log decides, as without the fold', async () => {
      const folds = keptFolds();
      await add(sqlite, streamId, 9, { folds });
      const stale: FoldedStream<Tally> = { ...folds.entries.get(streamId)!, state: { total: 10 } };
      folds.entries.set(streamId, stale);
      const accepted = await add(sqlite, streamId, 1, { folds });
      expect(accepted.result?.revision).toBe(1);
      expect(folds.entries.get(streamId)?.state).toEqual({ total: 10 });
      const { store, calls } = instrumented(sqlite);
      expect((await add(store, streamId, 0, { folds })).result).toBeNull();
      expect(calls.reads).toBe(1);
    });

    it('given a stream that does not exist, then no fold of it is kept', async () => {
      const folds = keptFolds();
      await expect(add(sqlite, streamId, 11, { folds })).rejects.toBeInstanceOf(OverTheCeiling);
      expect(folds.entries.size).toBe(0);
    });
  });
});
