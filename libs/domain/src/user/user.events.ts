import type { Instant } from '../declaration/declaration.events';

declare const SEALED: unique symbol;

/**
 * A personal-data field as the log holds it: an envelope sealed with the person's own key
 * (libs/privacy), which the domain carries and never opens. Only the write path's edge makes one,
 * so that an e-mail in clear does not type-check where a sealed one belongs.
 */
export type SealedPersonalData = string & { readonly [SEALED]: true };

export const USER_ROLES = ['declarant', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

type Event<Type extends string, Data> = { type: Type; data: Data & { userId: string } };

/**
 * Someone an administrator added to Vigie; who they are to an identity provider comes with LoginBound.
 * `emailHash`: a keyed hash of the normalised e-mail (libs/privacy `emailHashOf`), by which a first
 * login finds its invitation without the e-mail ever being stored in clear. Absent from events
 * written before it existed.
 */
export type UserInvited = Event<
  'UserInvited',
  {
    email: SealedPersonalData;
    name: SealedPersonalData;
    emailHash?: string;
    invitedBy: string;
    invitedAt: Instant;
  }
>;

/** `finess`: the facilities newly granted to a declarant, each once and sorted; `[]` for the other roles. */
export type RoleGranted = Event<
  'RoleGranted',
  { role: UserRole; finess: string[]; grantedBy: string; grantedAt: Instant }
>;
/** `finess`: the declarant's facilities withdrawn, each one held until then; `[]` for the other roles. */
export type RoleRevoked = Event<
  'RoleRevoked',
  { role: UserRole; finess: string[]; revokedBy: string; revokedAt: Instant }
>;

/**
 * The user's account at an identity provider (its `iss`): `subjectHash` is a keyed hash of the
 * provider's `sub`, never the `sub` or an e-mail in clear, so that the log names nobody.
 */
export type LoginBound = Event<
  'LoginBound',
  { issuer: string; subjectHash: string; boundBy: string; boundAt: Instant }
>;

export type UserDisabled = Event<'UserDisabled', { reason: string; disabledBy: string; disabledAt: Instant }>;
export type UserEnabled = Event<'UserEnabled', { enabledBy: string; enabledAt: Instant }>;

export type UserEvent = UserInvited | RoleGranted | RoleRevoked | LoginBound | UserDisabled | UserEnabled;

/** Bumped per event type when its data changes shape; an upcaster maps older versions on read. */
export const USER_EVENT_SCHEMA_VERSION = 1;

/** `user-<uuid>`: a user's stream is named by its opaque id, never by an e-mail. */
export const userStreamId = (userId: string): string => `user-${userId}`;
