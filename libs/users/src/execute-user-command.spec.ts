import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  UserAlreadyExists,
  foldUser,
  permissionsOf,
  toUserEvent,
  userStreamId,
  type Actor,
} from '@vigie/domain';
import { SqliteEventStore, type EventStore } from '@vigie/event-store';
import { ERASED, PersonalDataVault, SqliteKeyStore } from '@vigie/privacy';
import { executeUserCommand, type UserRequest } from './execute-user-command';

const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };
const EMAIL = 'camille.martin@ch-x.example';
const NAME = 'Camille Martin';
const FINESS = '750712184';
const context = { clock: () => new Date('2026-03-02T08:30:00Z'), correlationId: randomUUID() };

describe('executeUserCommand, on a real SQLite event store and key store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  let vault: PersonalDataVault;
  let userId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-users-'));
    store = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    keys = SqliteKeyStore.open(join(dir, 'keys.sqlite'));
    vault = new PersonalDataVault(keys, 's'.repeat(32));
    userId = randomUUID();
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (request: UserRequest, on: EventStore = store) =>
    executeUserCommand(on, vault, request, context);
  const invite = () => run({ type: 'InviteUser', userId, actor: ADMIN, email: EMAIL, name: NAME });
  const grant = (role: 'declarant' | 'analyst', finess: string[]) =>
    run({ type: 'GrantRole', userId, actor: ADMIN, role, finess });

  /** The events table as the file holds it, read apart from the store. */
  function rawEvents(): { stream_id: string; type: string; data: string; metadata: string }[] {
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    try {
      return db
        .prepare('SELECT stream_id, type, data, metadata FROM events ORDER BY position')
        .all() as never;
    } finally {
      db.close();
    }
  }

  it('appends on user-<id>: the e-mail and the name are nowhere in clear in the stored events', async () => {
    await invite();
    await grant('declarant', [FINESS]);
    const raw = rawEvents();
    expect(raw.map((row) => [row.stream_id, row.type])).toEqual([
      [userStreamId(userId), 'UserInvited'],
      [userStreamId(userId), 'RoleGranted'],
    ]);
    const everything = JSON.stringify(raw).toLowerCase();
    expect(everything).not.toContain('camille');
    expect(everything).not.toContain('ch-x.example');
    expect(everything).not.toContain('martin');
    const events = (await store.readStream(userStreamId(userId))).map(toUserEvent);
    expect(permissionsOf(foldUser(events))).toEqual({
      roles: ['declarant'],
      declarantFiness: [FINESS],
      disabled: false,
    });
  });

  it('records the e-mail’s keyed hash, the same whatever its case and blanks, never the e-mail', async () => {
    await invite();
    const [invited] = await store.readStream(userStreamId(userId));
    const hash = invited.data.emailHash as string;
    expect(hash).toBe(vault.emailHashOf(' Camille.Martin@CH-X.example '));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toBe(vault.subjectOf(EMAIL).slice(3));
    expect(hash).not.toBe(new PersonalDataVault(keys, 't'.repeat(32)).emailHashOf(EMAIL));
  });

  it('reveals the e-mail to the vault until the person’s key is shredded; then it reads as erased', async () => {
    await invite();
    const [invited] = await store.readStream(userStreamId(userId));
    const sealed = {
      name: invited.data.name as string,
      email: invited.data.email as string,
      role: '',
      phone: null,
    };
    expect(await vault.reveal(sealed)).toMatchObject({ name: NAME, email: EMAIL });
    await keys.erase(vault.subjectOf(EMAIL), new Date('2026-04-01T00:00:00Z'));
    expect(await vault.reveal(sealed)).toMatchObject({ name: ERASED, email: ERASED });
  });

  it('decides again on a fresh read when another writer wins the race, keeping both grants', async () => {
    await invite();
    let appends = 0;
    let raced = false;
    const racing: EventStore = {
      readStream: (streamId) => store.readStream(streamId),
      readAll: (after, limit) => store.readAll(after, limit),
      headPosition: () => store.headPosition(),
      findIdempotency: (key) => store.findIdempotency(key),
      ping: () => store.ping(),
      close: () => store.close(),
      append: async (streamId, events, options) => {
        appends += 1;
        if (!raced) {
          raced = true;
          await grant('analyst', []);
        }
        return store.append(streamId, events, options);
      },
    };
    const handled = await run(
      { type: 'GrantRole', userId, actor: ADMIN, role: 'declarant', finess: [FINESS] },
      racing,
    );
    expect(appends).toBe(2);
    expect(handled.events.map((event) => event.type)).toEqual(['RoleGranted']);
    const events = (await store.readStream(userStreamId(userId))).map(toUserEvent);
    expect(events.map((event) => event.type)).toEqual(['UserInvited', 'RoleGranted', 'RoleGranted']);
    expect(permissionsOf(foldUser(events)).roles).toEqual(['declarant', 'analyst']);
  });

  it('appends nothing when there is nothing to do, and refuses what a rule refuses', async () => {
    await invite();
    await grant('analyst', []);
    const again = await grant('analyst', []);
    expect(again.result).toBeNull();
    await expect(invite()).rejects.toBeInstanceOf(UserAlreadyExists);
    expect(rawEvents()).toHaveLength(2);
  });
});
