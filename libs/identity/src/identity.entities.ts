import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What identity keeps besides the event log: the browser sessions, logins in progress, personal
 * API tokens, the embedded provider's local accounts and its protocol state. None of it is a read
 * model (nothing rebuilds it from events) and none of it is the source of a grant: who may do
 * what stays in the `user-<id>` streams. Instants are ISO-8601 UTC text, comparable as text.
 */

/** A browser session. The cookie holds the id; only its SHA-256 is stored, so a leaked table opens nothing. */
@Entity('identity_session')
export class SessionRow {
  @PrimaryColumn('text', { name: 'id_hash' })
  idHash!: string;

  @Index()
  @Column('text', { name: 'user_id' })
  userId!: string;

  /** The provider the person logged in with (its `iss`), and its ID token for the end-session hint. */
  @Column('text')
  issuer!: string;

  @Column('text', { name: 'id_token', nullable: true })
  idToken!: string | null;

  @Column('text', { name: 'created_at' })
  createdAt!: string;

  @Column('text', { name: 'last_seen_at' })
  lastSeenAt!: string;

  /** The absolute limit: past it the session ends however active it is. */
  @Column('text', { name: 'expires_at' })
  expiresAt!: string;
}

/** A login between the redirect to the provider and its callback: PKCE verifier, state and nonce. */
@Entity('identity_login_attempt')
export class LoginAttemptRow {
  /** SHA-256 of the `state` sent to the provider. */
  @PrimaryColumn('text', { name: 'state_hash' })
  stateHash!: string;

  @Column('text', { name: 'code_verifier' })
  codeVerifier!: string;

  @Column('text')
  nonce!: string;

  /** A path of this site to go back to after the login (validated: never another origin). */
  @Column('text', { name: 'return_to' })
  returnTo!: string;

  /** SHA-256 of the value of the browser's login cookie: a callback from another browser is refused. */
  @Column('text', { name: 'browser_hash' })
  browserHash!: string;

  @Column('text', { name: 'expires_at' })
  expiresAt!: string;
}

/** A personal API token: shown once at creation, kept as its SHA-256, acting with its owner's grants. */
@Entity('identity_api_token')
export class ApiTokenRow {
  @PrimaryColumn('text')
  id!: string;

  @Index()
  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  label!: string;

  @Index({ unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  /** The first characters of the token, to recognise it in a list. */
  @Column('text')
  prefix!: string;

  @Column('text', { name: 'created_at' })
  createdAt!: string;

  @Column('text', { name: 'expires_at', nullable: true })
  expiresAt!: string | null;

  @Column('text', { name: 'last_used_at', nullable: true })
  lastUsedAt!: string | null;

  @Column('text', { name: 'revoked_at', nullable: true })
  revokedAt!: string | null;
}

/** An account of the embedded OpenID provider: its `id` is the `sub` the provider gives. */
@Entity('identity_local_account')
export class LocalAccountRow {
  @PrimaryColumn('text')
  id!: string;

  /** Lower-cased; what the person types to log in. Deleted with the account on erasure. */
  @Index({ unique: true })
  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  /** The Vigie user this account was created for, when it was. */
  @Column('text', { name: 'user_id', nullable: true })
  userId!: string | null;

  /** scrypt, with its parameters and salt (`scrypt$N$r$p$salt$hash`); null until the account is activated. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  /** Analysts and admins log in with a second factor. */
  @Column('boolean', { name: 'totp_required' })
  totpRequired!: boolean;

  /** Base32 TOTP secret once enrolled; null before. */
  @Column('text', { name: 'totp_secret', nullable: true })
  totpSecret!: string | null;

  /** The last TOTP time step accepted: a code is used once. */
  @Column('integer', { name: 'totp_last_step', nullable: true })
  totpLastStep!: number | null;

  @Column('integer', { name: 'failed_attempts' })
  failedAttempts!: number;

  @Column('text', { name: 'locked_until', nullable: true })
  lockedUntil!: string | null;

  /** SHA-256 of the one-time set-password token, and when it lapses. */
  @Index({ unique: true })
  @Column('text', { name: 'activation_hash', nullable: true })
  activationHash!: string | null;

  @Column('text', { name: 'activation_expires_at', nullable: true })
  activationExpiresAt!: string | null;

  @Column('boolean')
  disabled!: boolean;

  @Column('text', { name: 'created_at' })
  createdAt!: string;
}

/** The embedded provider's protocol state (oidc-provider's adapter): sessions, codes, grants, interactions. */
@Entity('identity_oidc_model')
export class OidcModelRow {
  /** `<model>:<id>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  model!: string;

  @Column('text')
  payload!: string;

  @Index()
  @Column('text', { name: 'grant_id', nullable: true })
  grantId!: string | null;

  @Index()
  @Column('text', { nullable: true })
  uid!: string | null;

  @Column('text', { name: 'user_code', nullable: true })
  userCode!: string | null;

  @Column('text', { name: 'expires_at', nullable: true })
  expiresAt!: string | null;

  @Column('text', { name: 'consumed_at', nullable: true })
  consumedAt!: string | null;
}

export const IDENTITY_ENTITIES = [SessionRow, LoginAttemptRow, ApiTokenRow, LocalAccountRow, OidcModelRow];
