import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openEventStore, type EventStore } from '@vigie/event-store';
import type { PostgresLimits } from '@vigie/postgres';

/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The event log of `url` (sqlite:, postgres://, esdb://; PostgreSQL with the `postgres` timeouts),
 * opened at start-up and closed on shutdown; or a store the caller already opened (tests), which
 * the caller closes.
 */
@Module({})
export class EventStoreModule {
  static forRoot(url: string, opened?: EventStore, postgres?: PostgresLimits): DynamicModule {
    const store =
      opened === undefined
        ? { provide: EVENT_STORE, useFactory: (): Promise<EventStore> => openEventStore(url, { postgres }) }
        : { provide: EVENT_STORE, useValue: opened };
    return {
      module: EventStoreModule,
      global: true,
      providers: opened === undefined ? [store, EventStoreCloser] : [store],
      exports: [EVENT_STORE],
    };
  }
}
