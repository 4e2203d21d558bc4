import { LessThan, type DataSource, type Repository } from 'typeorm';
import { LoginAttemptRow } from './identity.entities';
import { randomToken, sha256 } from './secrets';

/** Time to type a password and a code at the provider; past it the callback is refused. */
export const LOGIN_ATTEMPT_TTL_MS = 15 * 60_000;

export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/**
 * Logins between the redirect to the provider and its callback. The `state` names the attempt
 * and is used once; the browser's login cookie must come back with it, so a callback URL
 * replayed in another browser (login CSRF, a leaked link) opens nothing.
 */
export class LoginAttempts {
  private readonly rows: Repository<LoginAttemptRow>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rows = dataSource.getRepository(LoginAttemptRow);
  }

  /** Stores the attempt; returns the `state` for the provider. */
  async start(login: PendingLogin, browser: string): Promise<string> {
    const state = randomToken();
    const now = this.clock().getTime();
    // Lapsed attempts go as new ones come: the table stays as small as the logins in flight.
    await this.rows.delete({ expiresAt: LessThan(new Date(now).toISOString()) });
    await this.rows.insert({
      stateHash: sha256(state),
      ...login,
      browserHash: sha256(browser),
      expiresAt: new Date(now + LOGIN_ATTEMPT_TTL_MS).toISOString(),
    });
    return state;
  }

  /**
   * The attempt of this `state` from this browser; null if unknown, lapsed or from elsewhere.
   * Removed whoever asks: a state that reached a callback is never good again.
   */
  async take(state: string, browser: string | null): Promise<PendingLogin | null> {
    const stateHash = sha256(state);
    const row = await this.rows.findOne({ where: { stateHash } });
    if (row === null) return null;
    await this.rows.delete({ stateHash });
    if (browser === null || row.browserHash !== sha256(browser)) return null;
    if (Date.parse(row.expiresAt) <= this.clock().getTime()) return null;
    return { codeVerifier: row.codeVerifier, nonce: row.nonce, returnTo: row.returnTo };
  }
}
