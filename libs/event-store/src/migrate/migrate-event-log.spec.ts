import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import type { EventStore, IdempotencyRecord, RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { createTestSchema } from '../testing/postgres-test-schema';
import { newStreamId, sampleEvent, sampleEvents, sampleMetadata } from '../testing/sample-events';
import { checksumEventLog } from './event-log-checksum';
import { migrateEventLog } from './migrate-event-log';
import { MigrationMismatchError, MigrationRefusedError } from './migration.errors';

interface History {
  streams: string[];
  keys: string[];
}

const day = (n: number) => new Date(Date.UTC(2021, 0, 1 + n, 9, 30, 0, 123));

function record(key: string): IdempotencyRecord {
  return {
    key,
    requestHash: `sha256:${key}`,
    response: { status: 201, body: { id: key }, headers: { Location: '/x' } },
  };
}

/** Interleaved streams, multi-event appends, historical and live instants, records, odd payloads. */
async function writeHistory(store: EventStore): Promise<History> {
  const streams = Array.from({ length: 12 }, () => newStreamId());
  const keys: string[] = [];
  for (const [index, streamId] of streams.entries()) {
    const key = index % 2 === 0 ? `analyst-${index}:${randomUUID()}` : undefined;
    if (key) keys.push(key);
    const submitted = sampleEvent({
      type: 'DeclarationSubmitted',
      data: { declarationId: streamId, nested: { z: 1, a: [3, { y: 'é', b: null }] }, level: 2.5 },
    });
    await store.append(streamId, [submitted, sampleEvent()], {
      expectedRevision: 'no_stream',
      recordedAt: day(index),
      idempotency: key ? record(key) : undefined,
    });
  }
  for (let round = 0; round < 3; round++)
    for (const [index, streamId] of streams.entries())
      if ((index + round) % 3 !== 0)
        await store.append(streamId, sampleEvents(1 + (round % 2)), {
          expectedRevision: 'any',
          recordedAt: round === 2 ? undefined : day(40 + round),
        });
  // Two appends to one stream at one instant: the first's record must stay with its single event.
  const key = `analyst-x:${randomUUID()}`;
  keys.push(key);
  await store.append(streams[0], [sampleEvent()], {
    expectedRevision: 'any',
    recordedAt: day(90),
    idempotency: record(key),
  });
  await store.append(streams[0], sampleEvents(2), { expectedRevision: 'any', recordedAt: day(90) });
  await store.append(
    streams[1],
    [
      sampleEvent({
        data: {
          description: '🔐 Rançongiciel — مستشفى — e\u0301 — 𝔘',
          'clé ✓': ['"q"', 'line\nbreak', '\u2028'],
        },
        metadata: sampleMetadata({ causationId: randomUUID() }),
      }),
    ],
    { expectedRevision: 'any' },
  );
  return { streams, keys };
}

const withoutPosition = (events: RecordedEvent[]) => events.map(({ position: _position, ...rest }) => rest);

async function expectSameLog(source: EventStore, target: EventStore, history: History): Promise<void> {
  for (const streamId of history.streams)
    expect(withoutPosition(await target.readStream(streamId))).toEqual(
      withoutPosition(await source.readStream(streamId)),
    );
  for (const key of history.keys) {
    const [original, copy] = [await source.findIdempotency(key), await target.findIdempotency(key)];
    expect(copy).toEqual({ ...original, position: expect.any(BigInt) });
    // The record points at the target's own position of the append that produced it.
    expect(copy!.position).toBe((await target.readStream(copy!.streamId))[copy!.revision].position);
  }
  expect(await checksumEventLog(target)).toEqual(await checksumEventLog(source));
}

/** The port without the optional import methods, as EventStoreDB offers it; counts appends. */
function asEsdbWouldOffer(store: EventStore): EventStore & { appends: number } {
  const view = {
    appends: 0,
    append: (...args: Parameters<EventStore['append']>) => {
      view.appends++;
      return store.append(...args);
    },
    readStream: (streamId: string) => store.readStream(streamId),
    readAll: (after: bigint, limit: number) => store.readAll(after, limit),
    headPosition: () => store.headPosition(),
    findIdempotency: (key: string) => store.findIdempotency(key),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return view;
}

describe('migrateEventLog', () => {
  let dir: string;
  const opened: EventStore[] = [];
  const sqlite = async (name: string) => {
    const store = await SqliteEventStore.open(join(dir, `${name}.sqlite`));
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-migrate-'));
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every event and idempotency record into an empty store, and both checksums agree', async () => {
    const [source, target] = [await sqlite('source'), await sqlite('target')];
    const history = await writeHistory(source);
    const progress: Array<[number, number]> = [];
    const result = await migrateEventLog({
      from: source,
      to: target,
      batchSize: 5,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const { count, checksum } = await checksumEventLog(source);
    expect(result).toEqual({
      copied: count,
      skipped: 0,
      total: count,
      checksum,
      idempotency: { records: history.keys.length, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(progress[0]).toEqual([0, count]);
    expect(progress[progress.length - 1]).toEqual([count, count]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    await expectSameLog(source, target, history);
  });

  it('resumes after an interrupted copy: what the target holds is checked, skipped, and the rest copied', async () => {
    const [source, target] = [await sqlite('source'), await sqlite('target')];
    const history = await writeHistory(source);
    const { count } = await checksumEventLog(source);
    const interrupted = migrateEventLog({
      from: source,
      to: target,
      batchSize: 7,
      onProgress: (done) => {
        if (done >= count / 2) throw new Error('the process was stopped');
      },
    });
    await expect(interrupted).rejects.toThrow('the process was stopped');
    const held = (await checksumEventLog(target)).count;
    expect(held).toBeGreaterThanOrEqual(count / 2);
    expect(held).toBeLessThan(count);

    const resumed = await migrateEventLog({ from: source, to: target, batchSize: 7 });
    expect(resumed).toMatchObject({ skipped: held, copied: count - held, total: count });
    await expectSameLog(source, target, history);
    expect(await migrateEventLog({ from: source, to: target })).toMatchObject({ skipped: count, copied: 0 });
  });

  describe('refuses a target that is not an earlier copy of the source, and writes nothing to it', () => {
    const cases: Array<[string, (source: EventStore, target: EventStore) => Promise<void>, RegExp]> = [
      [
        'foreign events',
        (_, target) =>
          target.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' }).then(),
        /event #1 is .* where the source has/,
      ],
      [
        'the source’s first event recorded at another instant',
        async (source, target) => {
          const [first] = await source.readAll(0n, 1);
          await target.append(first.streamId, [first], {
            expectedRevision: 'no_stream',
            recordedAt: day(300),
          });
        },
        /event #1 is .*recorded 2021-10-28T09:30:00.123Z/,
      ],
      [
        'more events than the source',
        async (source, target) => {
          await migrateEventLog({ from: source, to: target });
          await target.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' });
        },
        /holds more events than the source/,
      ],
    ];
    it.each(cases)('%s', async (_, prepare, message) => {
      const [source, target] = [await sqlite('source'), await sqlite('target')];
      await writeHistory(source);
      await prepare(source, target);
      const before = await checksumEventLog(target);
      const attempt = migrateEventLog({ from: source, to: target });
      await expect(attempt).rejects.toBeInstanceOf(MigrationRefusedError);
      await expect(attempt).rejects.toThrow(message);
      expect(await checksumEventLog(target)).toEqual(before);
    });
  });

  it('fails loudly when the target does not end up holding what the source holds', async () => {
    const [source, store] = [await sqlite('source'), await sqlite('target')];
    await writeHistory(source);
    const altering: EventStore = {
      ...asEsdbWouldOffer(store),
      append: (streamId, events, options) =>
        store.append(
          streamId,
          events.map((event) => (event.type === 'DeclarationSubmitted' ? { ...event, data: {} } : event)),
          options,
        ),
    };
    const attempt = migrateEventLog({ from: source, to: altering });
    await expect(attempt).rejects.toBeInstanceOf(MigrationMismatchError);
    await expect(attempt).rejects.toThrow(/checksum/);
  });

  it('into a store without the import methods (EventStoreDB), writes one append at a time and checks records one by one', async () => {
    const [source, store] = [await sqlite('source'), await sqlite('target')];
    const history = await writeHistory(source);
    const target = asEsdbWouldOffer(store);
    const result = await migrateEventLog({ from: source, to: target });
    expect(result.idempotency?.records).toBe(history.keys.length);
    // 12 submissions, 24 follow-ups, the same-instant pair split by its record, the unicode one.
    expect(target.appends).toBe(12 + 24 + 2 + 1);
    await expectSameLog(source, store, history);
  });

  it('from a store that cannot list idempotency records, copies the events and reports no records', async () => {
    const [store, target] = [await sqlite('source'), await sqlite('target')];
    await writeHistory(store);
    const result = await migrateEventLog({ from: asEsdbWouldOffer(store), to: target });
    expect(result.idempotency).toBeNull();
    expect(await checksumEventLog(target)).toEqual(await checksumEventLog(store));
  });

  it('an empty source into an empty target copies nothing and verifies', async () => {
    const result = await migrateEventLog({ from: await sqlite('source'), to: await sqlite('target') });
    expect(result).toMatchObject({ copied: 0, skipped: 0, total: 0, idempotency: { records: 0 } });
    expect(result.checksum).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('refuses a batch size that is not a positive integer', async () => {
    const [source, target] = [await sqlite('source'), await sqlite('target')];
    await expect(migrateEventLog({ from: source, to: target, batchSize: 0 })).rejects.toBeInstanceOf(
      RangeError,
    );
  });
});

describePostgres('migrateEventLog across stores', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('vigie_migrate');
    dir = mkdtempSync(join(tmpdir(), 'vigie-migrate-pg-'));
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SQLite → PostgreSQL → SQLite keeps every event, record and the checksum', async () => {
    const schema = await createTestSchema(database.url);
    const source = await SqliteEventStore.open(join(dir, 'source.sqlite'));
    const postgres = await PostgresEventStore.open(schema.url);
    const back = await SqliteEventStore.open(join(dir, 'back.sqlite'));
    try {
      const history = await writeHistory(source);
      const there = await migrateEventLog({ from: source, to: postgres, batchSize: 6 });
      const home = await migrateEventLog({ from: postgres, to: back, batchSize: 6 });
      expect(home.checksum).toBe(there.checksum);
      expect(home.idempotency).toEqual(there.idempotency);
      expect(there.checksum).toBe((await checksumEventLog(source)).checksum);
      await expectSameLog(source, postgres, history);
      await expectSameLog(source, back, history);
    } finally {
      await source.close();
      await postgres.close();
      await back.close();
      await schema.drop();
    }
  });
});
