import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  declarationDecider,
  declarationStreamId,
  toDeclarationEvent,
  type Actor,
  type RecordMail,
} from '@vigie/domain';
import { handleCommand, type EventStore } from '@vigie/event-store';
import { uuidFrom } from '../delivery-id';

/** Who records mails: no person, the mailer itself. */
export const MAILER_ACTOR: Actor = { sub: 'system:mailer', role: 'admin' };

const MAX_ATTEMPTS = 10;

/**
 * Records what a mail came to in the declaration's stream, through the decider: a mail already
 * recorded as sent is not recorded again (decide answers []), and a race with another writer is
 * retried on a fresh read. Returns whether an event was appended.
 */
export async function recordMail(
  store: EventStore,
  intent: Omit<RecordMail, 'type' | 'actor' | 'now'>,
  now: Date,
): Promise<boolean> {
  const { result } = await handleCommand(store, {
    streamId: declarationStreamId(intent.declarationId),
    decider: declarationDecider,
    toDomain: toDeclarationEvent,
    command: { type: 'RecordMail', ...intent, actor: MAILER_ACTOR, now: now.toISOString() },
    // Derived from the mail and the revision: a retried append is recognised (EventStoreDB).
    eventId: (index, revision) => uuidFrom(`${intent.mailId}\u0000${revision}\u0000${index}`),
    metadata: {
      actor: MAILER_ACTOR,
      correlationId: intent.mailId,
      schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION,
    },
    maxAttempts: MAX_ATTEMPTS,
  });
  return result !== null;
}
