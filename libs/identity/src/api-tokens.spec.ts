import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiTokens } from './api-tokens';
import { ApiTokenRow } from './identity.entities';
import { openIdentityDataSource } from './identity-data-source';

const ALICE = randomUUID();
const BOB = randomUUID();

describe('ApiTokens, on a real SQLite identity database', () => {
  let dir: string;
  let dataSource: DataSource;
  let now: Date;
  let tokens: ApiTokens;

  const later = (ms: number): void => {
    now = new Date(now.getTime() + ms);
  };
  const rowOf = (id: string) => dataSource.getRepository(ApiTokenRow).findOneByOrFail({ id });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-api-tokens-'));
    dataSource = await openIdentityDataSource(`sqlite:${join(dir, 'identity.sqlite')}`);
    now = new Date('2026-03-02T08:30:00.000Z');
    tokens = new ApiTokens(dataSource, () => now);
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a token shown once, kept only as its SHA-256, with a prefix to recognise it', async () => {
    const created = await tokens.create(ALICE, 'Export nightly', 30);
    expect(created.token).toMatch(/^vigie_pat_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      label: 'Export nightly',
      prefix: created.token.slice(0, 14),
      createdAt: '2026-03-02T08:30:00.000Z',
      expiresAt: '2026-04-01T08:30:00.000Z',
    });
    const row = await rowOf(created.id);
    expect(row.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('expires after 90 days by default', async () => {
    const created = await tokens.create(ALICE, 'default');
    expect(created.expiresAt).toBe('2026-05-31T08:30:00.000Z');
  });

  it('verifies a token to its owner, and nothing else', async () => {
    const created = await tokens.create(ALICE, 'script');
    expect(await tokens.verify(created.token)).toEqual({ userId: ALICE, tokenId: created.id });
    // One character changed (never to itself: a token ending in A would stay the same token).
    const other = created.token.endsWith('A') ? 'B' : 'A';
    expect(await tokens.verify(`${created.token.slice(0, -1)}${other}`)).toBeNull();
    expect(await tokens.verify('vigie_pat_short')).toBeNull();
    expect(await tokens.verify('')).toBeNull();
  });

  it('refuses an expired token', async () => {
    const created = await tokens.create(ALICE, 'short', 1);
    later(24 * 3600_000 - 1);
    expect(await tokens.verify(created.token)).not.toBeNull();
    later(1);
    expect(await tokens.verify(created.token)).toBeNull();
  });

  it('lists the owner’s tokens not revoked, newest first, with their last use', async () => {
    const first = await tokens.create(ALICE, 'first');
    later(1000);
    const second = await tokens.create(ALICE, 'second');
    await tokens.create(BOB, 'bob’s');
    later(1000);
    await tokens.verify(first.token);
    const listed = await tokens.list(ALICE);
    expect(listed.map((token) => token.label)).toEqual(['second', 'first']);
    expect(listed[1].lastUsedAt).toBe(now.toISOString());
    expect(listed[0].lastUsedAt).toBeNull();
    expect(Object.keys(listed[0]).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'prefix'].sort(),
    );
    await tokens.revoke(ALICE, second.id);
    expect((await tokens.list(ALICE)).map((token) => token.id)).toEqual([first.id]);
  });

  it('writes the last use at most once a minute per token', async () => {
    const created = await tokens.create(ALICE, 'busy');
    await tokens.verify(created.token);
    const firstUse = now.toISOString();
    later(59_000);
    await tokens.verify(created.token);
    expect((await rowOf(created.id)).lastUsedAt).toBe(firstUse);
    later(1000);
    await tokens.verify(created.token);
    expect((await rowOf(created.id)).lastUsedAt).toBe(now.toISOString());
  });

  it('revokes the owner’s token only, once', async () => {
    const created = await tokens.create(ALICE, 'script');
    expect(await tokens.revoke(BOB, created.id)).toBe(false);
    expect(await tokens.verify(created.token)).not.toBeNull();
    expect(await tokens.revoke(ALICE, created.id)).toBe(true);
    expect(await tokens.revoke(ALICE, created.id)).toBe(false);
    expect(await tokens.revoke(ALICE, randomUUID())).toBe(false);
    expect(await tokens.verify(created.token)).toBeNull();
  });

  it('revokes every token of a user, and only theirs', async () => {
    const one = await tokens.create(ALICE, 'one');
    const two = await tokens.create(ALICE, 'two');
    const bob = await tokens.create(BOB, 'bob');
    expect(await tokens.revokeAllOf(ALICE)).toBe(2);
    expect(await tokens.verify(one.token)).toBeNull();
    expect(await tokens.verify(two.token)).toBeNull();
    expect(await tokens.verify(bob.token)).toEqual({ userId: BOB, tokenId: bob.id });
    expect(await tokens.list(ALICE)).toEqual([]);
  });
});
