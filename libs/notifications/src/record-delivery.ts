import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  declarationDecider,
  declarationStreamId,
  toDeclarationEvent,
  type Actor,
  type RecordAuthorityNotification,
  type RecordDeadlineReminder,
} from '@vigie/domain';
import { handleCommand, type EventStore } from '@vigie/event-store';
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
  const { result } = await handleCommand(store, {
    streamId: declarationStreamId(intent.declarationId),
    decider: declarationDecider,
    toDomain: toDeclarationEvent,
    command: { ...intent, actor: NOTIFIER_ACTOR, now: now.toISOString() } as
      RecordAuthorityNotification | RecordDeadlineReminder,
    // Derived from the delivery and the revision: a retried append is recognised (EventStoreDB).
    eventId: (index, revision) => uuidFrom(`${intent.deliveryId}\u0000${revision}\u0000${index}`),
    metadata: {
      actor: NOTIFIER_ACTOR,
      correlationId: intent.deliveryId,
      schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION,
    },
    maxAttempts: MAX_ATTEMPTS,
  });
  return result !== null;
}
