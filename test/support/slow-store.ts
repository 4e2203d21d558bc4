import type { EventStore } from '@vigie/event-store';

/**
 * The real store, with the latency of a networked one on stream reads: concurrent requests then
 * really read the same revision and race to append, as they do against PostgreSQL.
 */
export function withSlowReads(store: EventStore, delayMs: number): EventStore {
  return {
    append: (streamId, events, options) => store.append(streamId, events, options),
    readStream: async (streamId) => {
      const events = await store.readStream(streamId);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return events;
    },
    readAll: (after, limit) => store.readAll(after, limit),
    headPosition: () => store.headPosition(),
    findIdempotency: (key) => store.findIdempotency(key),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
