import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { createTestSchema, eventually } from '../testing/postgres-test-schema';
import { newStreamId, sampleEvent, sampleEvents } from '../testing/sample-events';
import { PostgresEventStore } from './postgres-event-store';

const HOLD_KEY = 4343;

const record = (key: string) => ({ key, requestHash: 'sha256:x', response: { status: 201, body: {} } });

describePostgres('PostgreSQL group commit', () => {
  let database: { url: string; drop: () => Promise<void> };
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('vigie_group_commit');
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    schema = await createTestSchema(database.url);
    store = await PostgresEventStore.open(schema.url);
  });

  afterEach(async () => {
    await store.close();
    await schema.drop();
  });

  /** The transactions that wrote the given streams' events: one id per batch. */
  async function transactionsOf(streams: string[]): Promise<number> {
    const result = await schema.admin.query(
      'SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE stream_id = ANY($1::text[])',
      [streams],
    );
    return result.rows[0].n as number;
  }

  it('appends submitted together commit in one transaction, each with its own result', async () => {
    const streams = Array.from({ length: 8 }, () => newStreamId());
    const results = await Promise.all(
      streams.map((streamId) => store.append(streamId, sampleEvents(2), { expectedRevision: 'no_stream' })),
    );
    expect(await transactionsOf(streams)).toBe(1);
    const feed = await store.readAll(0n, 100);
    expect(results).toEqual(
      streams.map((streamId) => ({
        revision: 1,
        position: feed.filter((event) => event.streamId === streamId)[1].position,
      })),
    );
    expect(feed.map((event) => event.streamId)).toEqual(streams.flatMap((streamId) => [streamId, streamId]));
  });

  it('a refused append is set aside with its own error; the others of its batch commit', async () => {
    const existing = newStreamId();
    await store.append(existing, [sampleEvent()], { expectedRevision: 'no_stream' });
    const head = await store.headPosition();
    const [fresh, other] = [newStreamId(), newStreamId()];
    const outcomes = await Promise.allSettled([
      store.append(fresh, [sampleEvent()], { expectedRevision: 'no_stream' }),
      store.append(existing, [sampleEvent()], { expectedRevision: 'no_stream' }),
      store.appendMany([
        { streamId: other, events: [sampleEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: existing, events: [sampleEvent()], options: { expectedRevision: 5 } },
      ]),
      store.append(existing, [sampleEvent()], { expectedRevision: 0 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(
      expect.objectContaining({
        name: 'ConcurrencyError',
        streamId: existing,
        expected: 'no_stream',
        actual: 0,
      }),
    );
    // The whole appendMany is refused, with its refused request's error.
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(
      expect.objectContaining({ name: 'ConcurrencyError', streamId: existing, expected: 5 }),
    );
    expect(await store.readStream(other)).toEqual([]);
    expect((await store.readStream(existing)).map((event) => event.revision)).toEqual([0, 1]);
    const written = await schema.admin.query(
      'SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE position > $1',
      [head.toString()],
    );
    expect(written.rows[0].n).toBe(1);
  });

  it('two appends to one stream in one batch are decided in order: the second sees the first', async () => {
    const streamId = newStreamId();
    const [first, second, stale] = await Promise.allSettled([
      store.append(streamId, sampleEvents(2), { expectedRevision: 'no_stream' }),
      store.append(streamId, [sampleEvent()], { expectedRevision: 1 }),
      store.append(streamId, [sampleEvent()], { expectedRevision: 1 }),
    ]);
    expect(await transactionsOf([streamId])).toBe(1);
    const events = await store.readStream(streamId);
    expect(first).toEqual({ status: 'fulfilled', value: { revision: 1, position: events[1].position } });
    expect(second).toEqual({ status: 'fulfilled', value: { revision: 2, position: events[2].position } });
    expect(stale).toEqual({
      status: 'rejected',
      reason: expect.objectContaining({ name: 'ConcurrencyError', expected: 1, actual: 2 }),
    });
    expect(events[1].position < events[2].position).toBe(true);
  });

  it('an idempotency key used twice in one batch: the first append keeps it, the second learns it is taken', async () => {
    const key = `user-1:${newStreamId()}`;
    const [first, second] = [newStreamId(), newStreamId()];
    const outcomes = await Promise.allSettled([
      store.append(first, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record(key) }),
      store.append(second, [sampleEvent()], { expectedRevision: 'no_stream', idempotency: record(key) }),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyTakenError);
    const { position } = (outcomes[0] as PromiseFulfilledResult<AppendResult>).value;
    expect(await store.findIdempotency(key)).toMatchObject({ streamId: first, revision: 0, position });
    expect(await store.readStream(second)).toEqual([]);
  });

  it('an event id used twice in one batch is refused to the second append only', async () => {
    const event = sampleEvent();
    const [first, second] = [newStreamId(), newStreamId()];
    const outcomes = await Promise.allSettled([
      store.append(first, [event], { expectedRevision: 'no_stream' }),
      store.append(second, [sampleEvent(), event], { expectedRevision: 'no_stream' }),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(second)).toEqual([]);
  });

  it('when the server ends a batch’s connection, exactly that batch’s appends fail; the next batch commits', async () => {
    // Given a batch held open after its insert, until the test ends its connection.
    await schema.admin.query(`CREATE FUNCTION hold_until_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${HOLD_KEY}); RETURN NEW; END $$`);
    await schema.admin.query(`CREATE TRIGGER hold_until_released AFTER INSERT ON events
      FOR EACH ROW WHEN (NEW.type = 'HeldOpen') EXECUTE FUNCTION hold_until_released()`);
    await schema.admin.query('SELECT pg_advisory_lock($1)', [HOLD_KEY]);
    const held = [newStreamId(), newStreamId()];
    const heldBatch = [
      store.append(held[0], [sampleEvent({ type: 'HeldOpen' })], { expectedRevision: 'no_stream' }),
      store.append(held[1], [sampleEvent()], { expectedRevision: 'no_stream' }),
    ].map((append) =>
      append.then(
        () => 'committed',
        (error: unknown) => error,
      ),
    );
    const holder = async () =>
      (
        await schema.admin.query(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1::bigint::oid",
          [HOLD_KEY],
        )
      ).rows[0]?.pid as number | undefined;
    await eventually(async () => (await holder()) !== undefined, 'the batch holds its position');

    // When more appends come meanwhile, and the held batch's connection is then terminated.
    const next = [newStreamId(), newStreamId()];
    const nextBatch = next.map((streamId) =>
      store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' }),
    );
    await schema.admin.query('SELECT pg_terminate_backend($1)', [await holder()]);
    await schema.admin.query('SELECT pg_advisory_unlock($1)', [HOLD_KEY]);

    // Then the held batch's appends fail as unavailable, the later ones commit, and only they are in the log.
    for (const outcome of await Promise.all(heldBatch)) expect(outcome).toBeInstanceOf(StoreUnavailableError);
    await Promise.all(nextBatch);
    expect([...new Set((await store.readAll(0n, 100)).map((event) => event.streamId))]).toEqual(next);
  });

  it('a unique violation from a writer that bypasses the lock fails only the append it concerns', async () => {
    // A trigger plays the other writer: it takes the revision the append is about to write.
    await schema.admin.query(`CREATE FUNCTION take_revision_first() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
        VALUES (gen_random_uuid()::text, NEW.stream_id, NEW.revision, 'Bypass', '{}', '{}', now());
        RETURN NEW;
      END $$`);
    await schema.admin.query(`CREATE TRIGGER take_revision_first BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.type = 'Collides') EXECUTE FUNCTION take_revision_first()`);
    const [colliding, innocent] = [newStreamId(), newStreamId()];
    const outcomes = await Promise.allSettled([
      store.append(colliding, [sampleEvent({ type: 'Collides' })], { expectedRevision: 'no_stream' }),
      store.append(innocent, [sampleEvent()], { expectedRevision: 'no_stream' }),
    ]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(outcomes[1].status).toBe('fulfilled');
    expect(await store.readStream(innocent)).toHaveLength(1);
    expect(await store.readStream(colliding)).toEqual([]);
  });

  it('close writes the appends already submitted before ending the pool', async () => {
    const streams = Array.from({ length: 20 }, () => newStreamId());
    const appends = streams.map((streamId) =>
      store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' }),
    );
    await store.close();
    await Promise.all(appends);
    const reopened = await PostgresEventStore.open(schema.url);
    try {
      expect(await reopened.readAll(0n, 100)).toHaveLength(20);
    } finally {
      await reopened.close();
    }
  });

  it('more appends than one batch holds are split over several batches, in submission order', async () => {
    const streams = Array.from({ length: 600 }, () => newStreamId());
    const results = await Promise.all(
      streams.map((streamId) => store.append(streamId, [sampleEvent()], { expectedRevision: 'no_stream' })),
    );
    const transactions = await transactionsOf(streams);
    expect(transactions).toBeGreaterThanOrEqual(3);
    const positions = results.map((result) => result.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });
});
