import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What one user may do now (permissionsOf of libs/domain), and what the fold needs to move on. */
@Entity('user_permissions')
export class UserPermissionsRow {
  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

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
