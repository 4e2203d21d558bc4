import { randomUUID } from 'node:crypto';
import {
  USER_EVENT_SCHEMA_VERSION,
  toUserEvent,
  userDecider,
  userStreamId,
  type Actor,
  type InviteUser,
  type SealedPersonalData,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '@vigie/domain';
import { handleCommand, type EventStore, type HandledCommand } from '@vigie/event-store';
import type { PersonalDataVault } from '@vigie/privacy';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An invitation as an administrator gives it: the e-mail and name in clear, sealed (and the e-mail hashed) here. */
export type InviteUserRequest = Omit<InviteUser, 'email' | 'name' | 'emailHash' | 'now'> & {
  email: string;
  name: string;
};

/** A user command as its caller (API, CLI) builds it: the clock is read here, on each fold decided on. */
export type UserRequest = InviteUserRequest | DistributiveOmit<Exclude<UserCommand, InviteUser>, 'now'>;

export interface UserCommandContext {
  clock: () => Date;
  correlationId: string;
}

/** Lost races are decided again on a fresh read this many times before the caller gets the ConcurrencyError. */
const MAX_ATTEMPTS = 5;

/**
 * The one way users and grants are written: an invitation's e-mail and name are sealed with the
 * person's own key (PersonalDataVault: the same key as their declarations, so one erasure
 * shreds both) and the e-mail keyed-hashed for the first login's match (`emailHash`), then every command goes through the write path, `handleCommand`, on `user-<id>`.
 */
export async function executeUserCommand(
  store: EventStore,
  vault: PersonalDataVault,
  request: UserRequest,
  context: UserCommandContext,
): Promise<HandledCommand<UserState, UserEvent>> {
  const sealed = request.type === 'InviteUser' ? await sealInvitation(vault, request) : request;
  return handleCommand(store, {
    streamId: userStreamId(request.userId),
    decider: userDecider,
    toDomain: toUserEvent,
    // Built on each fold decided on: a retry after a lost race reads the clock again.
    command: () => ({ ...sealed, now: context.clock().toISOString() }) as UserCommand,
    eventId: () => randomUUID(),
    metadata: {
      actor: actorOf(request.actor),
      correlationId: context.correlationId,
      schemaVersion: USER_EVENT_SCHEMA_VERSION,
    },
    maxAttempts: MAX_ATTEMPTS,
  });
}

async function sealInvitation(
  vault: PersonalDataVault,
  request: InviteUserRequest,
): Promise<Omit<InviteUser, 'now'>> {
  // The vault seals a person's name, e-mail and phone; a user has no phone, and no role is sealed.
  const person = await vault.seal({ name: request.name, email: request.email, role: '', phone: null });
  return {
    ...request,
    email: person.email as SealedPersonalData,
    name: person.name as SealedPersonalData,
    emailHash: vault.emailHashOf(request.email),
  };
}

const actorOf = ({ sub, role }: Actor): Actor => ({ sub, role });
