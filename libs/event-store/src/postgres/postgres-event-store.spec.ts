import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { StoreUnavailableError } from '../event-store.errors';
import { eventStoreContract } from '../testing/event-store.contract';
import { createTestSchema } from '../testing/postgres-test-schema';
import { newStreamId, sampleEvent } from '../testing/sample-events';
import { PostgresEventStore } from './postgres-event-store';

const UNREACHABLE_URL = 'postgres://postgres@127.0.0.1:1/vigie';

describePostgres('PostgreSQL event store', () => {
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase('vigie_event_store');
  });

  afterAll(async () => {
    await database?.drop();
  });

  eventStoreContract(
    'PostgreSQL',
    async () => {
      const schema = await createTestSchema(database.url);
      const stores = [await PostgresEventStore.open(schema.url)];
      return {
        store: stores[0],
        reopen: async () => {
          stores.push(await PostgresEventStore.open(schema.url));
          return stores[stores.length - 1];
        },
        cleanup: async () => {
          for (const store of stores) await store.close();
          await schema.drop();
        },
      };
    },
    { imports: true },
  );

  describe('when the server cannot be reached', () => {
    it('opening (which migrates) fails as unavailable', async () => {
      await expect(PostgresEventStore.open(UNREACHABLE_URL)).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('ping, append and reads fail as unavailable', async () => {
      const store = await PostgresEventStore.open(UNREACHABLE_URL, { migrate: false });
      try {
        await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(
          store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.readAll(0n, 10)).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await store.close();
      }
    });

    it('a closed store answers unavailable', async () => {
      const schema = await createTestSchema(database.url);
      try {
        const store = await PostgresEventStore.open(schema.url);
        await store.close();
        await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await schema.drop();
      }
    });
  });

  describe('schema', () => {
    it('processes opening at once apply each migration once', async () => {
      const schema = await createTestSchema(database.url);
      try {
        const stores = await Promise.all(
          Array.from({ length: 4 }, () => PostgresEventStore.open(schema.url)),
        );
        for (const store of stores) await store.close();
        const applied = await schema.admin.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(applied.rows).toEqual([{ version: 1 }]);
      } finally {
        await schema.drop();
      }
    });

    it('with migrate: false, open does not touch the schema', async () => {
      const schema = await createTestSchema(database.url);
      try {
        const store = await PostgresEventStore.open(schema.url, { migrate: false });
        await store.close();
        const tables = await schema.admin.query(
          "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'events'",
        );
        expect(tables.rowCount).toBe(0);
      } finally {
        await schema.drop();
      }
    });
  });

  it('an append with an event id already in the log is refused as a duplicate and appends nothing', async () => {
    const schema = await createTestSchema(database.url);
    const store = await PostgresEventStore.open(schema.url);
    try {
      const event = sampleEvent();
      await store.append(newStreamId(), [event], { expectedRevision: 'no_stream' });
      const other = newStreamId();
      await expect(
        store.append(other, [sampleEvent(), event], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
      });
      expect(await store.readStream(other)).toEqual([]);
    } finally {
      await store.close();
      await schema.drop();
    }
  });

  it('stores data as jsonb and times as timestamptz, readable by SQL reports', async () => {
    const schema = await createTestSchema(database.url);
    const store = await PostgresEventStore.open(schema.url);
    try {
      const streamId = newStreamId();
      await store.append(streamId, [sampleEvent({ data: { declarationId: streamId, level: 3 } })], {
        expectedRevision: 'no_stream',
        recordedAt: new Date('2024-12-31T23:30:00.000Z'),
      });
      const row = await schema.admin.query(
        "SELECT data->>'level' AS level, extract(year FROM recorded_at AT TIME ZONE 'Europe/Paris')::int AS year FROM events WHERE stream_id = $1",
        [streamId],
      );
      expect(row.rows).toEqual([{ level: '3', year: 2025 }]);
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
