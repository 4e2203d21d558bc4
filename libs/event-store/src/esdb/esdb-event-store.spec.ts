import { StoreUnavailableError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { newStreamId, sampleEvent } from '../testing/sample-events';
import { EsdbEventStore } from './esdb-event-store';

const ESDB_URL = process.env.VIGIE_TEST_ESDB_URL;
const NOT_RUN = 'EventStoreDB suite did not run: VIGIE_TEST_ESDB_URL is not set';

if (ESDB_URL) {
  // The server's log is shared by every test and run: the contract looks at its own streams only.
  eventStoreContract(
    'EventStoreDB',
    async () => {
      const stores: EventStore[] = [await EsdbEventStore.open(ESDB_URL)];
      return {
        store: stores[0],
        reopen: async () => {
          stores.push(await EsdbEventStore.open(ESDB_URL));
          return stores[stores.length - 1];
        },
        cleanup: async () => {
          for (const store of stores) await store.close();
        },
      };
    },
    { sharedLog: true },
  );
} else {
  console.warn(`SKIPPED: ${NOT_RUN}`);
  describe('EventStoreDB event store contract', () => {
    it.skip(NOT_RUN, () => undefined);
  });
}

describe('EventStoreDB event store, when the server cannot be reached', () => {
  it('ping and append fail as unavailable', async () => {
    const store = await EsdbEventStore.open('esdb://127.0.0.1:1?tls=false&defaultDeadline=3000');
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(
        store.append(newStreamId(), [sampleEvent()], { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
