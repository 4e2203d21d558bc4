import { Client } from 'pg';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { createTestSchema, eventually } from '../testing/postgres-test-schema';
import { newStreamId, sampleEvent } from '../testing/sample-events';
import { PostgresEventStore } from './postgres-event-store';
import { APPEND_LOCK, VIGIE_LOCK_CLASS } from './postgres-migrations';

/** A projector's loop: read after the checkpoint, move the checkpoint to the last position seen. */
function pollingReader(store: EventStore) {
  let checkpoint = 0n;
  const seen: RecordedEvent[] = [];
  return {
    seen,
    async poll(): Promise<RecordedEvent[]> {
      const page = await store.readAll(checkpoint, 100);
      if (page.length > 0) checkpoint = page[page.length - 1].position;
      seen.push(...page);
      return page;
    },
  };
}

const HOLD_KEY = 4242;

describePostgres('PostgreSQL global order (ARCHITECTURE.md rule 4)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let store: PostgresEventStore;
  const clients: Client[] = [];

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: schema.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function waitingAdvisoryLocks(classId: number, objectId: number, keys: 1 | 2): Promise<number> {
    const result = await schema.admin.query(
      `SELECT count(*)::int AS waiting FROM pg_locks
       WHERE locktype = 'advisory' AND NOT granted AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = $3`,
      [classId, objectId, keys],
    );
    return result.rows[0].waiting as number;
  }

  beforeAll(async () => {
    database = await createTestDatabase('vigie_event_order');
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    schema = await createTestSchema(database.url);
    store = await PostgresEventStore.open(schema.url);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end();
    await store.close();
    await schema.drop();
  });

  it('without the append lock, a later position that commits first makes a polling reader skip the earlier one', async () => {
    const reader = pollingReader(store);
    const [earlier, later] = [await connect(), await connect()];
    const insert = `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
                    VALUES ($1, $2, 0, 'DeclarationCommented', '{}', '{}', now()) RETURNING position::text AS position`;
    const [earlierEvent, laterEvent] = [sampleEvent(), sampleEvent()];

    await earlier.query('BEGIN');
    const first = await earlier.query(insert, [earlierEvent.id, newStreamId()]);
    await later.query('BEGIN');
    const second = await later.query(insert, [laterEvent.id, newStreamId()]);
    expect(BigInt(first.rows[0].position)).toBeLessThan(BigInt(second.rows[0].position));
    await later.query('COMMIT');

    expect((await reader.poll()).map((event) => event.id)).toEqual([laterEvent.id]);
    await earlier.query('COMMIT');
    expect(await reader.poll()).toEqual([]);

    expect((await store.readAll(0n, 10)).map((event) => event.id)).toEqual([earlierEvent.id, laterEvent.id]);
    expect(reader.seen.map((event) => event.id)).not.toContain(earlierEvent.id);
  });

  it('through the store, a later append waits for the earlier one to commit, so a polling reader neither skips nor repeats', async () => {
    // Given an earlier append held open after drawing its position, until the test releases it.
    await schema.admin.query(`CREATE FUNCTION hold_until_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${HOLD_KEY}); RETURN NEW; END $$`);
    await schema.admin.query(`CREATE TRIGGER hold_until_released AFTER INSERT ON events
      FOR EACH ROW WHEN (NEW.type = 'HeldOpen') EXECUTE FUNCTION hold_until_released()`);
    const gate = await connect();
    await gate.query('SELECT pg_advisory_lock($1)', [HOLD_KEY]);
    const reader = pollingReader(store);
    const [earlierEvent, laterEvent] = [sampleEvent({ type: 'HeldOpen' }), sampleEvent()];

    const earlier = store.append(newStreamId(), [earlierEvent], { expectedRevision: 'no_stream' });
    await eventually(
      async () => (await waitingAdvisoryLocks(0, HOLD_KEY, 1)) === 1,
      'the earlier append holds its position',
    );

    // When a later append starts while the earlier one is uncommitted.
    let laterSettled = false;
    const later = store.append(newStreamId(), [laterEvent], { expectedRevision: 'no_stream' }).finally(() => {
      laterSettled = true;
    });
    // Without the lock it would commit now, and the poll below would see it and move past the earlier one.
    await eventually(
      async () => laterSettled || (await waitingAdvisoryLocks(VIGIE_LOCK_CLASS, APPEND_LOCK, 2)) === 1,
      'the later append commits or waits for the lock',
    );

    // Then the reader sees nothing yet, and the later append has not drawn a position.
    expect(await reader.poll()).toEqual([]);
    expect(laterSettled).toBe(false);

    await gate.query('SELECT pg_advisory_unlock($1)', [HOLD_KEY]);
    const [earlierResult, laterResult] = await Promise.all([earlier, later]);
    expect(earlierResult.position).toBeLessThan(laterResult.position);

    // And polling delivers both, in commit order, each once.
    while ((await reader.poll()).length > 0);
    expect(reader.seen.map((event) => [event.id, event.position])).toEqual([
      [earlierEvent.id, earlierResult.position],
      [laterEvent.id, laterResult.position],
    ]);
  });

  it('many concurrent writers and a reader polling throughout: the reader ends with every event once, in position order', async () => {
    const reader = pollingReader(store);
    let writing = true;
    const polling = (async () => {
      while (writing) await reader.poll();
    })();
    const streams = Array.from({ length: 200 }, () => newStreamId());
    await Promise.all(
      streams.map((streamId) =>
        store.append(streamId, [sampleEvent(), sampleEvent()], { expectedRevision: 'no_stream' }),
      ),
    );
    writing = false;
    await polling;
    while ((await reader.poll()).length > 0);
    expect(reader.seen).toHaveLength(400);
    expect(reader.seen.map((event) => event.position)).toEqual(
      (await store.readAll(0n, 1000)).map((event) => event.position),
    );
    for (let index = 1; index < reader.seen.length; index++) {
      expect(reader.seen[index].position > reader.seen[index - 1].position).toBe(true);
    }
  });
});
