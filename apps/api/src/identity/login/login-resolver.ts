import { Inject, Injectable, Logger } from '@nestjs/common';
import { LoginAlreadyBound, highestRole } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import { PersonalDataVault } from '@vigie/privacy';
import { READ_DATA_SOURCE, permissionsOfUser, userIdOfEmailHash, userIdOfLogin } from '@vigie/read-models';
import { executeUserCommand } from '@vigie/users';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { userPrincipal } from '../../auth/user-principal';
import { CLOCK, type Clock } from '../../config/config.tokens';
import { EVENT_STORE } from '../../infrastructure/event-store.module';
import type { LoggedIn } from './login-provider';

/**
 * Who a person who just logged in is to Vigie: the user bound to their (issuer, sub), or, at the
 * first login, the user invited with their e-mail, whom the login is then bound to (`LoginBound`).
 * Null for anyone else, and for a user who may do nothing: the provider says who someone is,
 * never that they may use Vigie.
 */
@Injectable()
export class LoginResolver {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly vault: PersonalDataVault,
    @Inject(READ_DATA_SOURCE) private readonly readDb: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async userOf(person: LoggedIn): Promise<string | null> {
    const subjectHash = this.vault.loginSubjectHashOf(person.issuer, person.subject);
    const bound = await userIdOfLogin(this.readDb, person.issuer, subjectHash);
    const userId = bound ?? (await this.bindInvited(person, subjectHash));
    if (userId === null) return null;
    try {
      userPrincipal(userId, await permissionsOfUser(this.readDb, userId));
      return userId;
    } catch {
      return null;
    }
  }

  /** An unverified e-mail binds nobody: whoever controls a provider account could claim any address. */
  private async bindInvited(person: LoggedIn, subjectHash: string): Promise<string | null> {
    if (person.email === null || !person.emailVerified) return null;
    const invited = await userIdOfEmailHash(this.readDb, this.vault.emailHashOf(person.email));
    if (invited === null) return null;
    const permissions = await permissionsOfUser(this.readDb, invited);
    const role = highestRole(permissions?.roles ?? []) ?? 'declarant';
    try {
      await executeUserCommand(
        this.store,
        this.vault,
        {
          type: 'BindLogin',
          userId: invited,
          actor: { sub: invited, role },
          issuer: person.issuer,
          subjectHash,
        },
        { clock: this.clock, correlationId: randomUUID() },
      );
    } catch (error) {
      // The invited user already has another account at this provider: an administrator decides.
      if (error instanceof LoginAlreadyBound) {
        this.logger.warn(`a login of an invited user was refused: ${error.message}`);
        return null;
      }
      throw error;
    }
    return invited;
  }
}
