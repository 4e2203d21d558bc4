import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What one user may do now (permissionsOf of libs/domain), what the fold needs to move on, and
 * what the administrators' list shows: the e-mail and name as the log holds them (sealed
 * envelopes, revealed by the vault to whoever may read them) and the e-mail's keyed hash.
 */
@Entity('user_permissions')
@Index('idx_user_permissions_email_hash', ['emailHash'])
export class UserPermissionsRow {
  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  /** UserInvited `emailHash` (libs/privacy `emailHashOf`); null for an invitation written before it. */
  @Column('text', { name: 'email_hash', nullable: true })
  emailHash!: string | null;

  /** Sealed envelope, never the e-mail in clear. */
  @Column('text')
  email!: string;

  /** Sealed envelope, never the name in clear. */
  @Column('text')
  name!: string;

  @Column('text', { name: 'invited_at' })
  invitedAt!: string;

  @Column('integer')
  revision!: number;

  /** The roles in force, comma-separated in USER_ROLES order; empty for a disabled user. */
  @Column('text')
  roles!: string;

  /** The facilities the user declares for, comma-separated and sorted; empty for a disabled user. */
  @Column('text', { name: 'declarant_finess' })
  declarantFiness!: string;

  @Column('boolean')
  disabled!: boolean;

  /** Every grant held, disabled or not (JSON `Grant[]`): an enabled user gets them back. */
  @Column('text')
  grants!: string;

  /** The bound logins (JSON `LoginBinding[]`), also in `user_login` for the lookup. */
  @Column('text')
  logins!: string;
}

/**
 * Who holds a login, keyed by `<issuer> <subjectHash>`. `user_ids` lists each holder once,
 * sorted: two users bound to one account (possible across streams) is shown, never resolved.
 */
@Entity('user_login')
export class UserLoginRow {
  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  issuer!: string;

  @Column('text', { name: 'subject_hash' })
  subjectHash!: string;

  @Column('text', { name: 'user_ids' })
  userIds!: string;
}
