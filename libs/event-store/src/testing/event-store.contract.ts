import { ConcurrencyError, IdempotencyKeyTakenError } from '../event-store.errors';
import type {
  AppendRequest,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  RecordedEvent,
} from '../event-store.port';
import { inParallel, newStreamId, sampleEvent, sampleEvents } from './sample-events';

export interface OpenedEventStore {
  store: EventStore;
  /** Opens the same log again, after the test closed `store`. */
  reopen: () => Promise<EventStore>;
  /** Closes every store it opened and removes the log. */
  cleanup: () => Promise<void>;
}

export interface EventStoreContractOptions {
  /**
   * The log outlives one test (a shared EventStoreDB): assertions then look only at the test's own
   * streams, and the empty-log test cannot be checked.
   */
  sharedLog?: boolean;
  /** The adapter offers the optional import methods `appendMany` and `listIdempotency`. */
  imports?: boolean;
}

/** Registers the behaviour every adapter must show. Each test opens a fresh store. */
export function eventStoreContract(
  name: string,
  open: () => Promise<OpenedEventStore>,
  options: EventStoreContractOptions = {},
): void {
  describe(`${name} event store contract`, () => {
    let opened: OpenedEventStore | undefined;
    let store: EventStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });

    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    /** The feed after `after`, restricted to `streams` when other tests write to the same log. */
    async function feedOf(streams: Set<string>, after: bigint, limit = 10_000): Promise<RecordedEvent[]> {
      const feed = await store.readAll(after, limit);
      return options.sharedLog ? feed.filter((event) => streams.has(event.streamId)) : feed;
    }

    async function streamWith(count: number): Promise<string> {
      const streamId = newStreamId();
      await store.append(streamId, sampleEvents(count), { expectedRevision: 'no_stream' });
      return streamId;
    }

    function idempotency(key: string, requestHash = 'sha256:first'): IdempotencyRecord {
      return { key, requestHash, response: { status: 201, body: { answer: key }, headers: { etag: '"0"' } } };
    }

    describe('expected revision', () => {
      it('no_stream creates the stream at revision 0', async () => {
        const streamId = newStreamId();
        const result = await store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
        expect(result.revision).toBe(0);
        expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0]);
      });

      it('no_stream is refused once the stream exists, and nothing is appended', async () => {
        const streamId = await streamWith(1);
        const attempt = store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' });
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ streamId, expected: 'no_stream', actual: 0 });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('the last revision, given exactly, appends after it', async () => {
        const streamId = await streamWith(1);
        const result = await store.append(streamId, sampleEvents(2), { expectedRevision: 0 });
        expect(result.revision).toBe(2);
        expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('a stale revision is refused with the actual one, and nothing is appended', async () => {
        const streamId = await streamWith(2);
        const head = await store.headPosition();
        const attempt = store.append(streamId, [sampleEvent()], { expectedRevision: 0 });
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ streamId, expected: 0, actual: 1 });
        expect(await store.readStream(streamId)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('a revision on a missing stream is refused with actual no_stream', async () => {
        const streamId = newStreamId();
        const attempt = store.append(streamId, [sampleEvent()], { expectedRevision: 0 });
        await expect(attempt).rejects.toMatchObject({
          name: 'ConcurrencyError',
          expected: 0,
          actual: 'no_stream',
        });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('any appends to a missing stream and to an existing one', async () => {
        const streamId = newStreamId();
        expect((await store.append(streamId, [sampleEvent()], { expectedRevision: 'any' })).revision).toBe(0);
        expect((await store.append(streamId, sampleEvents(2), { expectedRevision: 'any' })).revision).toBe(2);
      });

      it('of 20 concurrent appends at the same revision exactly one wins, the others lose the race', async () => {
        const streamId = await streamWith(1);
        const contenders = sampleEvents(20);
        const outcomes = await Promise.allSettled(
          contenders.map((event) => store.append(streamId, [event], { expectedRevision: 0 })),
        );
        const winners = contenders.filter((_, index) => outcomes[index].status === 'fulfilled');
        const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(19);
        for (const error of losers) expect(error).toBeInstanceOf(ConcurrencyError);
        const stream = await store.readStream(streamId);
        expect(stream.map((event) => [event.revision, event.id])).toEqual([
          [0, stream[0].id],
          [1, winners[0].id],
        ]);
      });

      it('an append without events is refused', async () => {
        const streamId = newStreamId();
        await expect(store.append(streamId, [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          RangeError,
        );
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('reading a stream', () => {
      it('returns its events in revision order, as appended', async () => {
        const streamId = newStreamId();
        const first = sampleEvents(2);
        const second = [
          sampleEvent({ type: 'DeclarationQualified', data: { declarationId: streamId, level: 2 } }),
        ];
        await store.append(streamId, first, { expectedRevision: 'no_stream' });
        await store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });
        await store.append(streamId, second, { expectedRevision: 1 });
        const stream = await store.readStream(streamId);
        expect(stream.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }))).toEqual([
          ...first,
          ...second,
        ]);
        expect(stream.map((event) => [event.streamId, event.revision])).toEqual([
          [streamId, 0],
          [streamId, 1],
          [streamId, 2],
        ]);
      });

      it('of a missing stream is empty', async () => {
        expect(await store.readStream(newStreamId())).toEqual([]);
      });
    });

    describe('global feed', () => {
      async function interleavedAppends() {
        const start = await store.headPosition();
        const [a, b] = [newStreamId(), newStreamId()];
        const appends: Array<[string, NewEvent[]]> = [
          [a, sampleEvents(2)],
          [b, sampleEvents(1)],
          [a, sampleEvents(1)],
          [b, sampleEvents(3)],
        ];
        const results = [];
        for (const [streamId, events] of appends)
          results.push(await store.append(streamId, events, { expectedRevision: 'any' }));
        return { start, streams: new Set([a, b]), appends, results };
      }

      it('lists every append in commit order across streams, with strictly increasing positions', async () => {
        const { start, streams, appends, results } = await interleavedAppends();
        const feed = await feedOf(streams, start);
        expect(feed.map((event) => event.id)).toEqual(
          appends.flatMap(([, events]) => events.map((event) => event.id)),
        );
        for (let index = 1; index < feed.length; index++)
          expect(feed[index].position).toBeGreaterThan(feed[index - 1].position);
        const lastOfEachAppend = appends.map(
          (_, index) => appends.slice(0, index + 1).flatMap(([, events]) => events).length - 1,
        );
        expect(results.map((result) => result.position)).toEqual(
          lastOfEachAppend.map((index) => feed[index].position),
        );
        expect(feed[0].position).toBeGreaterThan(start);
      });

      it('resumes after any position without skipping or repeating an event', async () => {
        const { start, streams } = await interleavedAppends();
        const feed = await feedOf(streams, start);
        for (let index = 0; index < feed.length; index++) {
          const rest = await feedOf(streams, feed[index].position);
          expect(rest.map((event) => event.id)).toEqual(feed.slice(index + 1).map((event) => event.id));
        }
      });

      it('reads in pages that respect the limit and add up to the whole feed', async () => {
        const { start, streams } = await interleavedAppends();
        const whole = await feedOf(streams, start);
        const paged: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll(after, 3);
          expect(page.length).toBeLessThanOrEqual(3);
          if (page.length === 0) break;
          paged.push(...page.filter((event) => !options.sharedLog || streams.has(event.streamId)));
          after = page[page.length - 1].position;
        }
        expect(paged.map((event) => event.id)).toEqual(whole.map((event) => event.id));
        expect(await store.readAll(start, 0)).toEqual([]);
      });

      it('ends at the head position, which is the last position appended', async () => {
        const { results } = await interleavedAppends();
        const head = await store.headPosition();
        expect(head).toBe(results[results.length - 1].position);
        if (!options.sharedLog) expect(await store.readAll(head, 10)).toEqual([]);
      });

      (options.sharedLog ? it.skip : it)('an empty log has head position 0n and an empty feed', async () => {
        expect(await store.headPosition()).toBe(0n);
        expect(await store.readAll(0n, 10)).toEqual([]);
      });
    });

    describe('idempotency records', () => {
      it('are stored with the stream, revision and position of the append that produced them', async () => {
        const streamId = await streamWith(1);
        const record = idempotency(`user-1:${newStreamId()}`);
        const result = await store.append(streamId, sampleEvents(2), {
          expectedRevision: 0,
          idempotency: record,
        });
        expect(await store.findIdempotency(record.key)).toEqual({
          ...record,
          streamId,
          revision: 2,
          position: result.position,
        });
      });

      it('a taken key refuses the append and appends nothing', async () => {
        const record = idempotency(`user-1:${newStreamId()}`);
        const first = newStreamId();
        await store.append(first, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record });
        const head = await store.headPosition();
        const other = newStreamId();
        const retry = store.append(other, [sampleEvent()], {
          expectedRevision: 'no_stream',
          idempotency: idempotency(record.key, 'sha256:other'),
        });
        await expect(retry).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
        await expect(retry).rejects.toMatchObject({ key: record.key });
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.headPosition()).toBe(head);
        expect(await store.findIdempotency(record.key)).toMatchObject({
          streamId: first,
          requestHash: 'sha256:first',
        });
      });

      it('a taken key is reported before a stale revision, so a retry reads its first answer back', async () => {
        const record = idempotency(`user-1:${newStreamId()}`);
        const streamId = newStreamId();
        await store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record });
        const retry = store.append(streamId, [sampleEvent()], {
          expectedRevision: 'no_stream',
          idempotency: record,
        });
        await expect(retry).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      });

      it('a refused append stores no record, and the key stays usable', async () => {
        const streamId = await streamWith(1);
        const record = idempotency(`user-1:${newStreamId()}`);
        const stale = store.append(streamId, [sampleEvent()], {
          expectedRevision: 'no_stream',
          idempotency: record,
        });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.findIdempotency(record.key)).toBeNull();
        const result = await store.append(streamId, [sampleEvent()], {
          expectedRevision: 0,
          idempotency: record,
        });
        expect(await store.findIdempotency(record.key)).toMatchObject({
          streamId,
          revision: 1,
          position: result.position,
        });
      });

      it('of 5 concurrent appends sharing a key exactly one is stored, the others append nothing', async () => {
        const record = idempotency(`user-1:${newStreamId()}`);
        const streams = Array.from({ length: 5 }, () => newStreamId());
        const outcomes = await Promise.allSettled(
          streams.map((streamId) =>
            store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record }),
          ),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(IdempotencyKeyTakenError);
        }
        const written = [];
        for (const streamId of streams)
          if ((await store.readStream(streamId)).length > 0) written.push(streamId);
        expect(written).toEqual([streams[outcomes.findIndex((outcome) => outcome.status === 'fulfilled')]]);
        expect(await store.findIdempotency(record.key)).toMatchObject({ streamId: written[0], revision: 0 });
      });

      it('an unknown key has no record', async () => {
        expect(await store.findIdempotency(`user-1:${newStreamId()}`)).toBeNull();
      });
    });

    describe('imports (appendMany, listIdempotency)', () => {
      if (!options.imports) {
        it('are not offered, so an import falls back to one append at a time', () => {
          expect(store.appendMany).toBeUndefined();
          expect(store.listIdempotency).toBeUndefined();
        });
        return;
      }

      it('appendMany appends in the order given, each request seeing the ones before it', async () => {
        const start = await store.headPosition();
        const [a, b] = [newStreamId(), newStreamId()];
        const record = idempotency(`user-1:${newStreamId()}`);
        const requests: AppendRequest[] = [
          { streamId: a, events: sampleEvents(2), options: { expectedRevision: 'no_stream' } },
          { streamId: b, events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
          { streamId: a, events: sampleEvents(1), options: { expectedRevision: 1, idempotency: record } },
        ];
        const results = await store.appendMany!(requests);
        const feed = await feedOf(new Set([a, b]), start);
        expect(feed.map((event) => event.id)).toEqual(
          requests.flatMap((request) => request.events.map((event) => event.id)),
        );
        expect(results).toEqual([
          { revision: 1, position: feed[1].position },
          { revision: 0, position: feed[2].position },
          { revision: 2, position: feed[3].position },
        ]);
        expect(await store.findIdempotency(record.key)).toMatchObject({
          streamId: a,
          revision: 2,
          position: feed[3].position,
        });
        expect(await store.appendMany!([])).toEqual([]);
      });

      it('appendMany stores nothing when one request is refused, and rejects with that request’s error', async () => {
        const existing = await streamWith(1);
        const head = await store.headPosition();
        const fresh = newStreamId();
        const record = idempotency(`user-1:${newStreamId()}`);
        const attempt = store.appendMany!([
          {
            streamId: fresh,
            events: sampleEvents(1),
            options: { expectedRevision: 'no_stream', idempotency: record },
          },
          { streamId: existing, events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
          { streamId: newStreamId(), events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ streamId: existing, actual: 0 });
        expect(await store.readStream(fresh)).toEqual([]);
        expect(await store.findIdempotency(record.key)).toBeNull();
        expect(await store.headPosition()).toBe(head);
      });

      it('listIdempotency pages through the records in key order, each as findIdempotency reads it', async () => {
        const prefix = `user-${newStreamId()}:`;
        const keys = ['c', 'a', 'e', 'b', 'd'].map((suffix) => `${prefix}${suffix}`);
        for (const key of keys)
          await store.append(newStreamId(), [sampleEvent()], {
            expectedRevision: 'no_stream',
            idempotency: idempotency(key),
          });
        const listed = [];
        for (let after = prefix; ;) {
          const page = (await store.listIdempotency!(after, 2)).filter((record) =>
            record.key.startsWith(prefix),
          );
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          listed.push(...page);
          after = page[page.length - 1].key;
        }
        expect(listed.map((record) => record.key)).toEqual([...keys].sort());
        for (const record of listed) expect(await store.findIdempotency(record.key)).toEqual(record);
      });
    });

    describe('payloads', () => {
      it('a 1 MB event round-trips unchanged through its stream and the feed', async () => {
        const streamId = newStreamId();
        const start = await store.headPosition();
        const big = 'Journal des événements: '.padEnd(1_000_000, 'abcdefghij0123456789');
        const event = sampleEvent({ data: { declarationId: streamId, description: big } });
        await store.append(streamId, [event], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(streamId);
        expect(stored.data).toEqual(event.data);
        expect((await feedOf(new Set([streamId]), start))[0].data).toEqual(event.data);
      });

      it('unicode round-trips: emoji, right-to-left scripts, combining marks, astral planes, escapes', async () => {
        const streamId = newStreamId();
        const data = {
          declarationId: streamId,
          description:
            '🔐🏥 Rançongiciel — مستشفى الجامعة — בית חולים \u200f — e\u0301 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — 医院 — 👩🏽‍⚕️',
          'clé-spéciale ✓': ['"quoted"', "l'apostrophe", 'back\\slash', 'line\nbreak\ttab', '\u2028\u2029'],
        };
        await store.append(streamId, [sampleEvent({ data })], { expectedRevision: 'no_stream' });
        expect((await store.readStream(streamId))[0].data).toEqual(data);
      });

      it('recordedAt is the store clock at append time, or the instant an import brings', async () => {
        const before = Date.now();
        const live = newStreamId();
        await store.append(live, [sampleEvent()], { expectedRevision: 'no_stream' });
        const after = Date.now();
        const [recorded] = await store.readStream(live);
        expect(recorded.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Date.parse(recorded.recordedAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(recorded.recordedAt)).toBeLessThanOrEqual(after);

        const imported = newStreamId();
        const historical = new Date('2021-03-04T05:06:07.890Z');
        await store.append(imported, [sampleEvent()], {
          expectedRevision: 'no_stream',
          recordedAt: historical,
        });
        expect((await store.readStream(imported))[0].recordedAt).toBe('2021-03-04T05:06:07.890Z');
      });
    });

    describe('scale and durability', () => {
      it('2,000 streams are each readable and the feed holds each once, in position order', async () => {
        const start = await store.headPosition();
        const streams = Array.from({ length: 2000 }, () => newStreamId());
        await inParallel(streams, 8, (streamId) =>
          store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' }),
        );
        const ours = new Set(streams);
        const feed: RecordedEvent[] = [];
        for (let after = start; ;) {
          const page = await store.readAll(after, 500);
          if (page.length === 0) break;
          feed.push(...page.filter((event) => ours.has(event.streamId)));
          after = page[page.length - 1].position;
        }
        expect(feed).toHaveLength(2000);
        expect(new Set(feed.map((event) => event.streamId)).size).toBe(2000);
        for (let index = 1; index < feed.length; index++)
          expect(feed[index].position > feed[index - 1].position).toBe(true);
        for (const streamId of [streams[0], streams[999], streams[1999]])
          expect(await store.readStream(streamId)).toHaveLength(1);
      }, 180_000);

      it('reopening after close keeps streams, feed, head and idempotency records, and appends continue', async () => {
        const start = await store.headPosition();
        const streamId = await streamWith(2);
        const record = idempotency(`user-1:${newStreamId()}`);
        await store.append(streamId, [sampleEvent()], { expectedRevision: 1, idempotency: record });
        const before = {
          stream: await store.readStream(streamId),
          feed: await feedOf(new Set([streamId]), start),
          head: await store.headPosition(),
          record: await store.findIdempotency(record.key),
        };
        await store.close();

        const reopened = await opened!.reopen();
        expect(await reopened.readStream(streamId)).toEqual(before.stream);
        const feed = await reopened.readAll(start, 10_000);
        expect(options.sharedLog ? feed.filter((event) => event.streamId === streamId) : feed).toEqual(
          before.feed,
        );
        expect(await reopened.headPosition()).toBe(before.head);
        expect(await reopened.findIdempotency(record.key)).toEqual(before.record);
        const next = await reopened.append(streamId, [sampleEvent()], { expectedRevision: 2 });
        expect(next.revision).toBe(3);
        expect(next.position).toBeGreaterThan(before.head);
      });

      it('ping answers on an open store', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
