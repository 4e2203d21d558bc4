import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  toUserEvent,
  userDecider,
  userStreamId,
  type SealedPersonalData,
  type UserCommand,
} from '@vigie/domain';
import { SqliteEventStore, handleCommand } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../../test/support/postgres';
import { openReadDataSource } from '../data-source/read-data-source';
import { Projector } from '../projector/projector';
import { temporaryDirectory } from '../testing/read-test-kit';
import {
  getUser,
  hasAdministrator,
  listUsers,
  permissionsOfUser,
  userIdOfEmailHash,
  userIdOfLogin,
} from './user-permissions-queries';

type Intent = UserCommand extends infer C
  ? C extends UserCommand
    ? Omit<C, 'actor' | 'now'>
    : never
  : never;

const ADMIN = { sub: 'admin-1', role: 'admin' as const };
const ISSUER = 'https://idp.example';
const HASH = 'h'.repeat(43);
const CHU = '750712184';
const ALICE = randomUUID();
const BOB = randomUUID();
const CAROL = randomUUID();

function queriesSuite(openReadUrl: () => Promise<{ url: string; drop: () => Promise<void> }>): void {
  let directory: ReturnType<typeof temporaryDirectory>;
  let store: SqliteEventStore;
  let dataSource: DataSource;
  let projector: Projector;
  let drop: () => Promise<void>;

  const execute = (intent: Intent) =>
    handleCommand(store, {
      streamId: userStreamId(intent.userId),
      decider: userDecider,
      toDomain: toUserEvent,
      command: { ...intent, actor: ADMIN, now: '2026-03-02T08:30:00.000Z' } as UserCommand,
      eventId: () => randomUUID(),
      metadata: { actor: ADMIN, correlationId: randomUUID(), schemaVersion: 1 },
      maxAttempts: 1,
    });
  const invite = (userId: string, emailHash = `eh${userId.replaceAll('-', '')}`) =>
    execute({
      type: 'InviteUser',
      userId,
      email: 'enc:v1:ds_a:1:ZW1haWw' as SealedPersonalData,
      name: 'enc:v1:ds_a:1:bmFtZQ' as SealedPersonalData,
      emailHash,
    });

  beforeAll(async () => {
    directory = temporaryDirectory('user-permissions');
    store = await SqliteEventStore.open(join(directory.path, 'events.sqlite'));
    for (const userId of [ALICE, BOB, CAROL]) await invite(userId);
    await execute({ type: 'GrantRole', userId: ALICE, role: 'declarant', finess: [CHU] });
    await execute({ type: 'BindLogin', userId: ALICE, issuer: ISSUER, subjectHash: HASH });
    await execute({ type: 'GrantRole', userId: BOB, role: 'analyst', finess: [] });
    await execute({ type: 'DisableUser', userId: BOB, reason: 'départ' });
    await execute({
      type: 'BindLogin',
      userId: BOB,
      issuer: ISSUER,
      subjectHash: 'b'.repeat(43),
    });
    await execute({
      type: 'BindLogin',
      userId: CAROL,
      issuer: 'https://other.example',
      subjectHash: HASH,
    });
    const read = await openReadUrl();
    drop = read.drop;
    dataSource = await openReadDataSource(read.url);
    projector = new Projector({ store, dataSource, pollIntervalMs: 20 });
    await projector.catchUp();
  });

  afterAll(async () => {
    await projector?.stop();
    await dataSource?.destroy();
    await store?.close();
    await drop?.();
    directory?.remove();
  });

  it('answers what a user may do', async () => {
    expect(await permissionsOfUser(dataSource, ALICE)).toEqual({
      roles: ['declarant'],
      declarantFiness: [CHU],
      disabled: false,
    });
  });

  it('a disabled user may nothing', async () => {
    expect(await permissionsOfUser(dataSource, BOB)).toEqual({
      roles: [],
      declarantFiness: [],
      disabled: true,
    });
  });

  it('a user never invited is unknown', async () => {
    expect(await permissionsOfUser(dataSource, randomUUID())).toBeNull();
  });

  it('finds the user of a login by issuer and subject hash, the issuer included', async () => {
    expect(await userIdOfLogin(dataSource, ISSUER, HASH)).toBe(ALICE);
    expect(await userIdOfLogin(dataSource, ISSUER, 'b'.repeat(43))).toBe(BOB);
    expect(await userIdOfLogin(dataSource, 'https://other.example', HASH)).toBe(CAROL);
    expect(await userIdOfLogin(dataSource, ISSUER, 'z'.repeat(43))).toBeNull();
  });

  it('finds the user invited with an e-mail by its keyed hash', async () => {
    expect(await userIdOfEmailHash(dataSource, `eh${ALICE.replaceAll('-', '')}`)).toBe(ALICE);
    expect(await userIdOfEmailHash(dataSource, 'eh_nobody_was_invited_so')).toBeNull();
  });

  it('lists every user, e-mail and name sealed, grants held even when disabled', async () => {
    const users = await listUsers(dataSource);
    expect(users.map((user) => user.userId).sort()).toEqual([ALICE, BOB, CAROL].sort());
    const bob = users.find((user) => user.userId === BOB);
    expect(bob).toMatchObject({
      email: 'enc:v1:ds_a:1:ZW1haWw',
      name: 'enc:v1:ds_a:1:bmFtZQ',
      invitedAt: '2026-03-02T08:30:00.000Z',
      roles: [],
      grants: [{ role: 'analyst', finess: null }],
      disabled: true,
      logins: [{ issuer: ISSUER, subjectHash: 'b'.repeat(43) }],
    });
    expect(await getUser(dataSource, ALICE)).toMatchObject({ roles: ['declarant'], disabled: false });
    expect(await getUser(dataSource, randomUUID())).toBeNull();
  });

  it('knows whether an administrator is in force', async () => {
    expect(await hasAdministrator(dataSource)).toBe(false);
    await execute({ type: 'GrantRole', userId: CAROL, role: 'admin', finess: [] });
    await projector.catchUp();
    expect(await hasAdministrator(dataSource)).toBe(true);
    await execute({ type: 'RevokeRole', userId: CAROL, role: 'admin', finess: [] });
    await projector.catchUp();
  });

  it('names nobody when two users were invited with one e-mail', async () => {
    const twin = randomUUID();
    await invite(twin, `eh${ALICE.replaceAll('-', '')}`);
    await projector.catchUp();
    expect(await userIdOfEmailHash(dataSource, `eh${ALICE.replaceAll('-', '')}`)).toBeNull();
  });

  it('names nobody when two users are bound to one account', async () => {
    await execute({ type: 'BindLogin', userId: CAROL, issuer: ISSUER, subjectHash: HASH });
    await projector.catchUp();
    expect(await userIdOfLogin(dataSource, ISSUER, HASH)).toBeNull();
  });
}

describe('user permissions queries [sqlite]', () => {
  queriesSuite(async () => {
    const directory = temporaryDirectory('user-permissions-read');
    return { url: `sqlite:${join(directory.path, 'read.sqlite')}`, drop: async () => directory.remove() };
  });
});

describePostgres('user permissions queries', () => {
  queriesSuite(() => createTestDatabase('vigie_read_user_permissions'));
});
