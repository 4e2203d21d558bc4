import { openEventStore, type RecordedEvent } from '@vigie/event-store';
import { FINESS, TestApi, bearer } from './support/vigie-api';
import { runVigie } from './support/vigie-cli';

describe('vigie users', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let adminId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
  });
  afterAll(() => api?.stop());

  const vigie = (args: string[]) => runVigie(['users', ...args], api.storeEnv);

  async function userEvents(): Promise<RecordedEvent[]> {
    const store = await openEventStore(api.config.eventStoreUrl);
    try {
      return (await store.readAll(0n, 10_000)).filter((event) => event.streamId.startsWith('user-'));
    } finally {
      await store.close();
    }
  }

  it('adds the first administrator, acting as `cli`, e-mail and name sealed in the log', async () => {
    const { out } = await vigie([
      'add',
      '--email',
      'Admin@CERT.example',
      '--name',
      'Alix Admin',
      '--role',
      'admin',
    ]);
    const match = /^user ([0-9a-f-]{36}) invited as admin$/m.exec(out);
    expect(match).not.toBeNull();
    adminId = match![1];
    const events = await userEvents();
    expect(events.map((event) => [event.streamId, event.type])).toEqual([
      [`user-${adminId}`, 'UserInvited'],
      [`user-${adminId}`, 'RoleGranted'],
    ]);
    expect(events.every((event) => (event.metadata as { actor: { sub: string } }).actor.sub === 'cli')).toBe(
      true,
    );
    expect(
      JSON.stringify(events, (_key, value: unknown) =>
        typeof value === 'bigint' ? `${value}` : value,
      ).toLowerCase(),
    ).not.toMatch(/alix|cert\.example/);
  });

  it('prints the one-time activation link of the local account, and a new one with `link`', async () => {
    const { out } = await vigie([
      'add',
      '--email',
      'second@cert.example',
      '--name',
      'Second',
      '--role',
      'analyst',
    ]);
    expect(out).toMatch(new RegExp(`${api.config.publicUrl}/activer#[A-Za-z0-9_-]{43}`));
    const id = /^user ([0-9a-f-]{36})/m.exec(out)![1];
    const again = await vigie(['link', '--id', id]);
    expect(again.out).toMatch(/\/activer#[A-Za-z0-9_-]{43}/);
  });

  it('the API lists the user the CLI wrote; `list` shows it too', async () => {
    await api.readModelsCaughtUp();
    const list = await api.http.get('/api/v1/users').set(admin).expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id: adminId,
        email: 'Admin@CERT.example',
        name: 'Alix Admin',
        roles: ['admin'],
      }),
    );
    const { out, err } = await vigie(['list']);
    expect(err).toBe('');
    expect(out).toContain(`${adminId}\tAdmin@CERT.example\tAlix Admin\tadmin\n`);
  });

  it('refuses an e-mail already invited, and appends nothing', async () => {
    const before = (await userEvents()).length;
    await expect(
      vigie([
        'add',
        '--email',
        'admin@cert.example ',
        '--name',
        'Twin',
        '--role',
        'declarant',
        '--finess',
        FINESS,
      ]),
    ).rejects.toThrow(/already invited/);
    expect(await userEvents()).toHaveLength(before);
  });

  it('grants, revokes, disables and enables, saying what it did', async () => {
    const granted = await vigie(['grant', '--id', adminId, '--role', 'declarant', '--finess', FINESS]);
    expect(granted.out).toBe(`user ${adminId}: granted; roles in force: declarant, admin\n`);
    const again = await vigie(['grant', '--id', adminId, '--role', 'declarant', '--finess', FINESS]);
    expect(again.out).toMatch(/nothing to do/);
    const revoked = await vigie(['revoke', '--id', adminId, '--role', 'declarant', '--finess', FINESS]);
    expect(revoked.out).toBe(`user ${adminId}: revoked; roles in force: admin\n`);
    expect((await vigie(['disable', '--id', adminId, '--reason', 'Congé'])).out).toBe(
      `user ${adminId}: disabled\n`,
    );
    expect((await vigie(['disable', '--id', adminId, '--reason', 'Congé'])).out).toMatch(/already disabled/);
    expect((await vigie(['enable', '--id', adminId])).out).toBe(`user ${adminId}: enabled\n`);
    await api.readModelsCaughtUp();
    const shown = await api.http.get(`/api/v1/users/${adminId}`).set(admin).expect(200);
    expect(shown.body).toMatchObject({ roles: ['admin'], disabled: false });
  });

  it('refuses bad input with a clear message, appending nothing', async () => {
    const before = (await userEvents()).length;
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(vigie(['grant', '--id', unknown, '--role', 'analyst'])).rejects.toThrow(/does not exist/);
    await expect(vigie(['grant', '--id', 'nope', '--role', 'analyst'])).rejects.toThrow(/UUID/);
    await expect(vigie(['grant', '--id', adminId, '--role', 'root'])).rejects.toThrow(/root/);
    await expect(
      vigie(['grant', '--id', adminId, '--role', 'declarant', '--finess', '750712185']),
    ).rejects.toThrow(/FINESS 1/);
    await expect(vigie(['grant', '--id', adminId, '--role', 'declarant'])).rejects.toThrow(
      /at least one facility/,
    );
    await expect(vigie(['add', '--email', 'nope', '--name', 'X', '--role', 'admin'])).rejects.toThrow(
      /e-mail/,
    );
    await expect(
      vigie(['add', '--email', 'x@y.example', '--name', 'X', '--role', 'analyst', '--finess', FINESS]),
    ).rejects.toThrow(/no facility/);
    await expect(vigie(['disable', '--id', adminId, '--reason', ' '])).rejects.toThrow(/non-blank/);
    expect(await userEvents()).toHaveLength(before);
  });
});
