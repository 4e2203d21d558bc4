import { randomUUID } from 'node:crypto';
import { randomToken, sha256 } from './secrets';
import { IsNull, type DataSource } from 'typeorm';
import { ApiTokenRow } from './identity.entities';

/** `vigie_pat_` + 32 random bytes as base64url: recognisable by secret scanners, unguessable. */
export const API_TOKEN_PREFIX = 'vigie_pat_';
const TOKEN = /^vigie_pat_[A-Za-z0-9_-]{43}$/;
/** What a list shows to recognise a token: its first characters, never enough to use it. */
const SHOWN_PREFIX_LENGTH = 14;
const DAY_MS = 24 * 3600_000;
/** The hot path writes `last_used_at` at most this often per token. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** A token as its owner's list shows it; the token itself is never shown again. */
export interface ApiTokenSummary {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** A token just created: `token` is shown this once, and only its SHA-256 is kept. */
export interface CreatedApiToken extends Omit<ApiTokenSummary, 'lastUsedAt'> {
  expiresAt: string;
  token: string;
}

export interface VerifiedApiToken {
  userId: string;
  tokenId: string;
}

const summaryOf = (row: ApiTokenRow): ApiTokenSummary => ({
  id: row.id,
  label: row.label,
  prefix: row.prefix,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  lastUsedAt: row.lastUsedAt,
});

/**
 * Personal API tokens, for scripts: each acts as its owner (the guard builds the principal from
 * the owner's grants, never from the token), lapses after `expiresInDays`, and is revoked by its
 * owner or with all the others when the user is disabled. Stored as SHA-256: a leaked table opens
 * nothing, and a 256-bit random token needs no slow hash.
 */
export class ApiTokens {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get rows() {
    return this.dataSource.getRepository(ApiTokenRow);
  }

  async create(userId: string, label: string, expiresInDays = 90): Promise<CreatedApiToken> {
    const now = this.clock();
    const token = `${API_TOKEN_PREFIX}${randomToken()}`;
    const row: ApiTokenRow = {
      id: randomUUID(),
      userId,
      label,
      tokenHash: sha256(token),
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.rows.insert(row);
    const { id, prefix, createdAt } = row;
    return { id, label, prefix, createdAt, expiresAt: row.expiresAt as string, token };
  }

  /** The user's tokens not revoked, newest first; expired ones stay listed until revoked, to be recognised. */
  async list(userId: string): Promise<ApiTokenSummary[]> {
    const rows = await this.rows.find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return rows.map(summaryOf);
  }

  /** False when the user has no such token (or it was revoked already): another's token is not theirs to revoke. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const result = await this.rows.update(
      { id, userId, revokedAt: IsNull() },
      { revokedAt: this.clock().toISOString() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Every token of the user, when the user is disabled or erased. */
  async revokeAllOf(userId: string): Promise<number> {
    const result = await this.rows.update(
      { userId, revokedAt: IsNull() },
      { revokedAt: this.clock().toISOString() },
    );
    return result.affected ?? 0;
  }

  /** Whose token this is, or null when it is unknown, revoked or expired. */
  async verify(token: string): Promise<VerifiedApiToken | null> {
    if (!TOKEN.test(token)) return null;
    const row = await this.rows.findOne({ where: { tokenHash: sha256(token) } });
    const now = this.clock();
    if (row === null || row.revokedAt !== null) return null;
    if (row.expiresAt !== null && row.expiresAt <= now.toISOString()) return null;
    await this.noteUse(row, now);
    return { userId: row.userId, tokenId: row.id };
  }

  /** The row is read anyway: a write only when its last use is a minute old, so a busy script costs reads. */
  private async noteUse(row: ApiTokenRow, now: Date): Promise<void> {
    const last = row.lastUsedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(row.lastUsedAt);
    if (now.getTime() - last < LAST_USE_RESOLUTION_MS) return;
    await this.rows.update({ id: row.id }, { lastUsedAt: now.toISOString() });
  }
}
