import type { SessionLimits } from '@vigie/config';
import { rowByKey } from '@vigie/read-models';
import type { DataSource, Repository } from 'typeorm';
import { SessionRow } from './identity.entities';
import { randomToken, sha256 } from './secrets';

export interface NewSession {
  userId: string;
  issuer: string;
  idToken: string | null;
}

export interface ActiveSession {
  /** The SHA-256 of the cookie's value: what the CSRF token is derived from. */
  idHash: string;
  userId: string;
  issuer: string;
  idToken: string | null;
  createdAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

/** A session seen within this long is not written again: one read per request, a write a minute. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Browser sessions, server-side: the cookie carries only a random id. A session ends when unused
 * for `idleMs`, `absoluteMs` after the login, at logout, or when its user is disabled.
 */
export class Sessions {
  private readonly rows: Repository<SessionRow>;
  /** Every request with the cookie reads its session: one statement, built at the first. */
  private rowOf: ((idHash: string) => Promise<SessionRow | null>) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: SessionLimits,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rows = dataSource.getRepository(SessionRow);
  }

  /** The new session's id, for the cookie; only its hash is stored. */
  async create(session: NewSession): Promise<{ id: string; session: ActiveSession }> {
    const id = randomToken();
    const now = this.clock();
    const row: SessionRow = {
      idHash: sha256(id),
      userId: session.userId,
      issuer: session.issuer,
      idToken: session.idToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.limits.absoluteMs).toISOString(),
    };
    await this.rows.insert(row);
    return { id, session: this.active(row) };
  }

  /** The session of a cookie's value, still valid, marked as used; null otherwise (and an ended one is removed). */
  async use(id: string): Promise<ActiveSession | null> {
    const idHash = sha256(id);
    this.rowOf ??= rowByKey(this.dataSource, SessionRow, 'idHash');
    const row = await this.rowOf(idHash);
    if (row === null) return null;
    const now = this.clock();
    const idleEnd = Date.parse(row.lastSeenAt) + this.limits.idleMs;
    if (now.getTime() >= Math.min(idleEnd, Date.parse(row.expiresAt))) {
      await this.rows.delete({ idHash });
      return null;
    }
    if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
      row.lastSeenAt = now.toISOString();
      await this.rows.update({ idHash }, { lastSeenAt: row.lastSeenAt });
    }
    return this.active(row);
  }

  /** The session as `use` gives it, ended: logout. */
  async end(id: string): Promise<ActiveSession | null> {
    const idHash = sha256(id);
    const row = await this.rows.findOne({ where: { idHash } });
    if (row === null) return null;
    await this.rows.delete({ idHash });
    return this.active(row);
  }

  /** Every session of a user: disabled, or erased. */
  async endAllOf(userId: string): Promise<void> {
    await this.rows.delete({ userId });
  }

  private active(row: SessionRow): ActiveSession {
    const idleEnd = Math.min(Date.parse(row.lastSeenAt) + this.limits.idleMs, Date.parse(row.expiresAt));
    return {
      idHash: row.idHash,
      userId: row.userId,
      issuer: row.issuer,
      idToken: row.idToken,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      idleExpiresAt: new Date(idleEnd).toISOString(),
    };
  }
}
