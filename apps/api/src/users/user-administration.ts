import { Inject, Injectable } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { UserNotFound, decideUser, type Actor, type UserRole, type UserState } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import type { ApiTokens, LocalAccountsPort, Sessions } from '@vigie/identity';
import { PersonalDataVault } from '@vigie/privacy';
import {
  READ_DATA_SOURCE,
  getUser,
  listUsers,
  userIdOfEmailHash,
  type UserListing,
} from '@vigie/read-models';
import { executeUserCommand, type UserRequest } from '@vigie/users';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CLOCK, VIGIE_CONFIG, type Clock } from '../config/config.tokens';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { API_TOKENS, LOCAL_ACCOUNTS, SESSIONS } from '../identity/identity.tokens';
import { NoLocalAccount, UserExists } from './user-problems';
import type { UserDto, UserGrantDto } from './user-view.dto';

export interface Invitation {
  email: string;
  name: string;
  role: UserRole;
  finess: string[];
}

/** Analysts and administrators log in with a second factor on the embedded provider. */
const needsTotp = (roles: readonly UserRole[]): boolean =>
  roles.includes('analyst') || roles.includes('admin');

/** A declarant's grants in one entry with its facilities; one entry per other role. */
function grantsOf(listing: UserListing): UserGrantDto[] {
  const byRole = new Map<UserRole, string[]>();
  for (const grant of listing.grants) {
    const finess = byRole.get(grant.role) ?? [];
    if (grant.finess !== null) finess.push(grant.finess);
    byRole.set(grant.role, finess);
  }
  return [...byRole].map(([role, finess]) => ({ role, finess: finess.sort() }));
}

/**
 * What the users routes do, each a command of `executeUserCommand` (the same write path as the
 * CLI's), then the user as the read model holds it once it has the write (read-your-writes).
 * The local account of the embedded provider follows: created with the invitation, its second
 * factor required while the user is an analyst or an administrator, disabled with the user (whose
 * API tokens are revoked then).
 */
@Injectable()
export class UserAdministration {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(API_TOKENS) private readonly tokens: ApiTokens,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(LOCAL_ACCOUNTS) private readonly accounts: LocalAccountsPort,
    @Inject(SESSIONS) private readonly sessions: Sessions,
  ) {}

  /** Local accounts follow the users only where people log in with them. */
  private get embedded(): boolean {
    return this.config.login.provider === 'embedded';
  }

  async list(): Promise<UserDto[]> {
    return Promise.all((await listUsers(this.dataSource)).map((listing) => this.viewOf(listing)));
  }

  async get(userId: string): Promise<UserDto> {
    const listing = await getUser(this.dataSource, userId);
    if (listing === null) throw new UserNotFound(userId);
    return this.viewOf(listing);
  }

  /**
   * InviteUser then GrantRole. The grant is decided first on a user just invited, so that a grant
   * the rules refuse appends nothing; an e-mail already invited is refused once the read model
   * holds every write so far.
   */
  async invite(
    invitation: Invitation,
    actor: Actor,
    correlationId: string,
  ): Promise<{ user: UserDto; activationUrl: string | null }> {
    const userId = randomUUID();
    const grant = {
      type: 'GrantRole',
      userId,
      actor,
      role: invitation.role,
      finess: invitation.finess,
    } as const;
    decideUser({ ...grant, now: this.clock().toISOString() }, invitedState());
    await this.readYourWrites.reach(await this.store.headPosition());
    if ((await userIdOfEmailHash(this.dataSource, this.vault.emailHashOf(invitation.email))) !== null)
      throw new UserExists();
    const { email, name } = invitation;
    await this.execute({ type: 'InviteUser', userId, actor, email, name }, correlationId);
    await this.execute(grant, correlationId);
    let activationUrl: string | null = null;
    if (this.embedded) {
      const activation = await this.accounts.create({
        email,
        displayName: name,
        userId,
        totpRequired: needsTotp([invitation.role]),
      });
      activationUrl = this.activationUrlOf(activation.token);
    }
    return { user: await this.get(userId), activationUrl };
  }

  async grant(userId: string, role: UserRole, finess: string[], actor: Actor, correlationId: string) {
    await this.execute({ type: 'GrantRole', userId, actor, role, finess }, correlationId);
    return this.followRoles(userId);
  }

  async revoke(userId: string, role: UserRole, finess: string[], actor: Actor, correlationId: string) {
    await this.execute({ type: 'RevokeRole', userId, actor, role, finess }, correlationId);
    return this.followRoles(userId);
  }

  async disable(userId: string, reason: string, actor: Actor, correlationId: string): Promise<UserDto> {
    await this.execute({ type: 'DisableUser', userId, actor, reason }, correlationId);
    // A disabled person's scripts stop with them; enabled again, they make new tokens.
    await this.tokens.revokeAllOf(userId);
    // Logged out everywhere at once, not at their sessions' idle limit.
    await this.sessions.endAllOf(userId);
    if (this.embedded) await this.accounts.setDisabled(userId, true);
    return this.get(userId);
  }

  async enable(userId: string, actor: Actor, correlationId: string): Promise<UserDto> {
    await this.execute({ type: 'EnableUser', userId, actor }, correlationId);
    if (this.embedded) await this.accounts.setDisabled(userId, false);
    return this.get(userId);
  }

  /** A new one-time link (the previous one stops working); 404 without the embedded provider's account. */
  async renewActivation(userId: string): Promise<string> {
    await this.get(userId);
    const activation = this.embedded ? await this.accounts.renewActivation(userId) : null;
    if (activation === null) throw new NoLocalAccount(userId);
    return this.activationUrlOf(activation.token);
  }

  /** The fragment never reaches a server: the token stays out of every access log. */
  private activationUrlOf(token: string): string {
    return `${this.config.publicUrl}/activer#${token}`;
  }

  private async followRoles(userId: string): Promise<UserDto> {
    const user = await this.get(userId);
    if (this.embedded && (await this.accounts.ofUser(userId)) !== null)
      await this.accounts.setTotpRequired(userId, needsTotp(user.grants.map((grant) => grant.role)));
    return user;
  }

  /** The command, then the read model holding it: the answer shows what was just written. */
  private async execute(request: UserRequest, correlationId: string): Promise<void> {
    const handled = await executeUserCommand(this.store, this.vault, request, {
      clock: this.clock,
      correlationId,
    });
    if (handled.result !== null) await this.readYourWrites.reach(handled.result.position);
  }

  private async viewOf(listing: UserListing): Promise<UserDto> {
    const [person, account] = await Promise.all([
      this.vault.reveal({ name: listing.name, email: listing.email, role: '', phone: null }),
      this.embedded ? this.accounts.ofUser(listing.userId) : Promise.resolve(null),
    ]);
    return {
      id: listing.userId,
      email: person.email,
      name: person.name,
      roles: listing.roles,
      grants: grantsOf(listing),
      disabled: listing.disabled,
      logins: listing.logins.length,
      localAccount:
        account === null ? null : { activated: account.activated, lockedUntil: account.lockedUntil },
    };
  }
}

/** A user just invited, holding nothing: what a first grant is decided on before anything is appended. */
const invitedState = (): UserState => ({ exists: true, disabled: false, grants: [], bindings: [] });
