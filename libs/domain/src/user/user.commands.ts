import type { Actor } from '../declaration/declaration.commands';
import type { Instant } from '../declaration/declaration.events';
import type { SealedPersonalData, UserRole } from './user.events';

/** `actor.sub` is the acting user's opaque id; `now` comes in with the command so that `decide` stays pure. */
type Command<Type extends string, Data> = {
  type: Type;
  userId: string;
  actor: Actor;
  now: Instant;
} & Data;

/**
 * `email` and `name` arrive sealed, and `emailHash` computed: the write path does both before the
 * command is decided.
 */
export type InviteUser = Command<
  'InviteUser',
  { email: SealedPersonalData; name: SealedPersonalData; emailHash: string }
>;
/** `finess` lists a declarant's facilities; the other roles take none. */
export type GrantRole = Command<'GrantRole', { role: UserRole; finess: string[] }>;
export type RevokeRole = Command<'RevokeRole', { role: UserRole; finess: string[] }>;
export type BindLogin = Command<'BindLogin', { issuer: string; subjectHash: string }>;
export type DisableUser = Command<'DisableUser', { reason: string }>;
export type EnableUser = Command<'EnableUser', object>;

export type UserCommand = InviteUser | GrantRole | RevokeRole | BindLogin | DisableUser | EnableUser;
