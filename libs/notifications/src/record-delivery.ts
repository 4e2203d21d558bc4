import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  declarationStreamId,
  decide,
  evolve,
  initialState,
  type Actor,
  type DeclarationEvent,
  type RecordAuthorityNotification,
  type RecordDeadlineReminder,
} from '@vigie/domain';
import { ConcurrencyError, type EventStore } from '@vigie/event-store';
import { uuidFrom } from './delivery-id';

/** Who records deliveries: no person, the notifier itself. */
export const NOTIFIER_ACTOR: Actor = { sub: 'system:notifier', role: 'admin' };

const MAX_ATTEMPTS = 10;

type RecordCommand =
  Omit<RecordAuthorityNotification, 'actor' | 'now'> | Omit<RecordDeadlineReminder, 'actor' | 'now'>;

/**
 * Records a delivery's outcome in the declaration's stream through the decider: a delivery
 * already recorded as delivered is not recorded again (decide answers []), and a race with
 * another writer is retried on a fresh read. Returns whether an event was appended.
 */
export async function recordDelivery(store: EventStore, intent: RecordCommand, now: Date): Promise<boolean> {
  const streamId = declarationStreamId(intent.declarationId);
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const state = recorded
      .map((event) => ({ type: event.type, data: event.data }) as DeclarationEvent)
      .reduce(evolve, initialState());
    const events = decide(
      { ...intent, actor: NOTIFIER_ACTOR, now: now.toISOString() } as
        RecordAuthorityNotification | RecordDeadlineReminder,
      state,
    );
    if (events.length === 0) return false;
    const last = recorded.at(-1);
    try {
      await store.append(
        streamId,
        events.map((event, index) => ({
          // Derived from the delivery and the revision: a retried append is recognised (EventStoreDB).
          id: uuidFrom(`${intent.deliveryId}\u0000${last?.revision ?? -1}\u0000${index}`),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            actor: NOTIFIER_ACTOR,
            correlationId: intent.deliveryId,
            schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION,
          },
        })),
        { expectedRevision: last === undefined ? 'no_stream' : last.revision },
      );
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
