import { openEventStore, type RecordedEvent } from '@vigie/event-store';
import type { ApiTokens } from '@vigie/identity';
import { API_TOKENS } from '../apps/api/src/identity/identity.tokens';
import { KEY_STORE } from '../apps/api/src/privacy/privacy.module';
import { PersonalDataVault, type KeyStore } from '@vigie/privacy';
import { openReadDataSource, userIdOfEmailHash } from '@vigie/read-models';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import type { LocalAccountsPort } from '@vigie/identity';
import { LOCAL_ACCOUNTS } from '../apps/api/src/identity/identity.tokens';
import { FINESS, OTHER_FINESS, TestApi, bearer } from './support/vigie-api';

const EMAIL = 'Camille.Martin@CH-X.example';
const NAME = 'Camille Martin';

interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  grants: { role: string; finess: string[] }[];
  disabled: boolean;
  logins: number;
  localAccount: { activated: boolean; lockedUntil: string | null } | null;
}

describe('/api/v1/users (administrators)', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let accounts: LocalAccountsPort;

  beforeAll(async () => {
    api = await TestApi.start();
    accounts = api.app.get<LocalAccountsPort>(LOCAL_ACCOUNTS);
    admin = bearer(await api.token({ role: 'admin', sub: 'admin-1' }));
    await loadDocument(api);
  });
  afterAll(() => api?.stop());

  const invite = (body: Record<string, unknown>) =>
    api.http.post('/api/v1/users').set(admin).send(body).expect(conformsToDocument);

  /** Every event of the log, as a store reads it back (SQLite or PostgreSQL alike). */
  async function allEvents(): Promise<RecordedEvent[]> {
    const store = await openEventStore(api.config.eventStoreUrl);
    try {
      return await store.readAll(0n, 10_000);
    } finally {
      await store.close();
    }
  }

  it('invites a user with a first grant, and gives the one-time link of the local account', async () => {
    const before = await api.headPosition();
    const response = await invite({ email: EMAIL, name: NAME, role: 'declarant', finess: [FINESS] }).expect(
      201,
    );
    const { user, activationUrl } = response.body as { user: User; activationUrl: string };
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: EMAIL,
      name: NAME,
      roles: ['declarant'],
      grants: [{ role: 'declarant', finess: [FINESS] }],
      disabled: false,
      logins: 0,
      localAccount: { activated: false, lockedUntil: null },
    });
    expect(activationUrl).toMatch(new RegExp(`^${api.config.publicUrl}/activer#[A-Za-z0-9_-]{43}$`));
    expect(await accounts.ofUser(user.id)).toMatchObject({ email: EMAIL.toLowerCase(), totpRequired: false });
    expect((await api.headPosition()) - before).toBe(2n);
  });

  it('lists the users and shows one, e-mail and name in clear for the administrator', async () => {
    const list = await api.http.get('/api/v1/users').set(admin).expect(200).expect(conformsToDocument);
    const camille = (list.body.items as User[]).find((user) => user.email === EMAIL) as User;
    expect(camille).toMatchObject({ name: NAME, roles: ['declarant'] });
    const one = await api.http
      .get(`/api/v1/users/${camille.id}`)
      .set(admin)
      .expect(200)
      .expect(conformsToDocument);
    expect(one.body).toEqual(camille);
  });

  it('answers 404 for a user never invited, 400 for an id that is no UUID', async () => {
    const unknown = await api.http
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
      .set(admin)
      .expect(404)
      .expect(conformsToDocument);
    expect(unknown.body.type).toMatch(/user-not-found$/);
    await api.http.get('/api/v1/users/nope').set(admin).expect(400).expect(conformsToDocument);
  });

  it('refuses an e-mail already invited, whatever its case and blanks, appending nothing', async () => {
    const before = await api.headPosition();
    const response = await invite({
      email: `  ${EMAIL.toUpperCase()} `.trim(),
      name: 'Someone Else',
      role: 'analyst',
    }).expect(409);
    expect(response.body.type).toMatch(/user-exists$/);
    expect(await api.headPosition()).toBe(before);
  });

  it('names each invalid field, and appends nothing', async () => {
    const before = await api.headPosition();
    const response = await invite({
      email: 'not-an-address',
      name: '',
      role: 'root',
      finess: [FINESS, '750712185'],
    }).expect(400);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['email', 'finess.1', 'name', 'role']);
    const tooLong = await invite({ email: 'x@ch-x.example', name: 'n'.repeat(201), role: 'admin' }).expect(
      400,
    );
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    const unknownField = await invite({ email: 'x@ch-x.example', name: 'X', role: 'admin', extra: 1 }).expect(
      400,
    );
    expect(unknownField.body.errors).toEqual([expect.objectContaining({ field: 'extra' })]);
    expect(await api.headPosition()).toBe(before);
  });

  it('refuses a grant the rules refuse before inviting anybody', async () => {
    const before = await api.headPosition();
    const declarant = await invite({ email: 'a@ch-x.example', name: 'A', role: 'declarant' }).expect(400);
    expect(declarant.body.errors).toEqual([expect.objectContaining({ field: 'finess' })]);
    const analyst = await invite({
      email: 'b@ch-x.example',
      name: 'B',
      role: 'analyst',
      finess: [FINESS],
    }).expect(400);
    expect(analyst.body.errors).toEqual([expect.objectContaining({ field: 'finess' })]);
    expect(await api.headPosition()).toBe(before);
  });

  describe('grants, revocations, disabling', () => {
    let user: User;
    beforeAll(async () => {
      user = (
        await invite({
          email: 'dominique@ch-y.example',
          name: 'Dominique',
          role: 'declarant',
          finess: [FINESS],
        }).expect(201)
      ).body.user;
    });
    const post = (action: string, body: Record<string, unknown> = {}) =>
      api.http.post(`/api/v1/users/${user.id}/${action}`).set(admin).send(body).expect(conformsToDocument);

    it('grants a role and a facility; the second factor follows the analyst role', async () => {
      await post('grants', { role: 'declarant', finess: [OTHER_FINESS] }).expect(200);
      const analyst = await post('grants', { role: 'analyst' }).expect(200);
      expect(analyst.body).toMatchObject({
        roles: ['declarant', 'analyst'],
        grants: [
          { role: 'declarant', finess: [FINESS, OTHER_FINESS].sort() },
          { role: 'analyst', finess: [] },
        ],
      });
      expect((await accounts.ofUser(user.id))?.totpRequired).toBe(true);
    });

    it('a grant already held is nothing to do, and answers the user as is', async () => {
      const before = await api.headPosition();
      await post('grants', { role: 'analyst' }).expect(200);
      expect(await api.headPosition()).toBe(before);
    });

    it('revokes; revoking what is not held is nothing to do', async () => {
      const revoked = await post('revocations', { role: 'analyst' }).expect(200);
      expect(revoked.body.roles).toEqual(['declarant']);
      expect((await accounts.ofUser(user.id))?.totpRequired).toBe(false);
      const facility = await post('revocations', { role: 'declarant', finess: [OTHER_FINESS] }).expect(200);
      expect(facility.body.grants).toEqual([{ role: 'declarant', finess: [FINESS] }]);
      const before = await api.headPosition();
      await post('revocations', { role: 'admin' }).expect(200);
      expect(await api.headPosition()).toBe(before);
    });

    it('names the invalid FINESS of a grant, and the unknown user', async () => {
      const bad = await post('grants', { role: 'declarant', finess: ['123'] }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'finess.0' })]);
      await api.http
        .post('/api/v1/users/00000000-0000-4000-8000-000000000000/grants')
        .set(admin)
        .send({ role: 'analyst' })
        .expect(404)
        .expect(conformsToDocument);
    });

    it('disables (a reason is required), revoking the API tokens, and enables again, the local account with it', async () => {
      const script = await api.app.get<ApiTokens>(API_TOKENS).create(user.id, 'script');
      const noReason = await post('disable', { reason: ' ' }).expect(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      const disabled = await post('disable', { reason: 'A quitté l’établissement' }).expect(200);
      expect(disabled.body).toMatchObject({ disabled: true, roles: [], grants: [{ role: 'declarant' }] });
      expect((await accounts.ofUser(user.id))?.disabled).toBe(true);
      expect(await api.app.get<ApiTokens>(API_TOKENS).verify(script.token)).toBeNull();
      const enabled = await post('enable').expect(200);
      expect(enabled.body).toMatchObject({ disabled: false, roles: ['declarant'] });
      expect((await accounts.ofUser(user.id))?.disabled).toBe(false);
    });

    it('gives a new one-time link, and 404 when the user has no local account', async () => {
      const link = await post('activation-link').expect(200);
      expect(link.body.activationUrl).toMatch(/\/activer#[A-Za-z0-9_-]{43}$/);
      await accounts.deleteOfUser(user.id);
      const none = await post('activation-link').expect(404);
      expect(none.body.type).toMatch(/local-account-not-found$/);
      const shown = await api.http.get(`/api/v1/users/${user.id}`).set(admin).expect(200);
      expect(shown.body.localAccount).toBeNull();
    });
  });

  it('forbids declarants and analysts every route, and asks for a token', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: [method: 'get' | 'post', path: string][] = [
      ['get', '/api/v1/users'],
      ['get', `/api/v1/users/${id}`],
      ['post', '/api/v1/users'],
      ['post', `/api/v1/users/${id}/grants`],
      ['post', `/api/v1/users/${id}/revocations`],
      ['post', `/api/v1/users/${id}/disable`],
      ['post', `/api/v1/users/${id}/enable`],
      ['post', `/api/v1/users/${id}/activation-link`],
    ];
    const declarant = bearer(await api.token({ role: 'declarant' }));
    const analyst = bearer(await api.token({ role: 'analyst' }));
    const before = await api.headPosition();
    for (const [method, path] of routes) {
      for (const caller of [declarant, analyst])
        await api.http[method](path)
          .set(caller)
          .send({ role: 'admin' })
          .expect(403)
          .expect(conformsToDocument);
      await api.http[method](path).send({}).expect(401).expect(conformsToDocument);
    }
    expect(await api.headPosition()).toBe(before);
  });

  it('keeps the e-mail and name out of the log and the read model; a login finds the user by the e-mail’s hash', async () => {
    const raw = JSON.stringify(await allEvents(), (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ).toLowerCase();
    for (const secret of ['camille', 'ch-x.example', 'martin', 'dominique'])
      expect(raw).not.toContain(secret);
    const read = await openReadDataSource(api.config.readDbUrl);
    try {
      const rows = JSON.stringify(await read.query('SELECT * FROM "user_permissions"')).toLowerCase();
      for (const secret of ['camille', 'ch-x.example', 'martin', 'dominique'])
        expect(rows).not.toContain(secret);
      const vault = api.app.get(PersonalDataVault);
      const list = await api.http.get('/api/v1/users').set(admin).expect(200);
      const camille = (list.body.items as User[]).find((user) => user.email === EMAIL) as User;
      expect(await userIdOfEmailHash(read, vault.emailHashOf(' camille.martin@ch-x.EXAMPLE'))).toBe(
        camille.id,
      );
      expect(await userIdOfEmailHash(read, vault.emailHashOf('nobody@ch-x.example'))).toBeNull();
    } finally {
      await read.destroy();
    }
  });

  it('shows [erased] once the person’s key is shredded', async () => {
    const vault = api.app.get(PersonalDataVault);
    await api.app.get<KeyStore>(KEY_STORE).erase(vault.subjectOf(EMAIL), new Date());
    const list = await api.http.get('/api/v1/users').set(admin).expect(200).expect(conformsToDocument);
    const names = (list.body.items as User[]).map((user) => [user.email, user.name]);
    expect(names).toContainEqual(['[erased]', '[erased]']);
  });
});

describe('/api/v1/users with an external login provider (no local accounts)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start({
      VIGIE_LOGIN_ISSUER: 'https://proconnect.example',
      VIGIE_LOGIN_CLIENT_ID: 'vigie',
      VIGIE_LOGIN_CLIENT_SECRET: 'a-client-secret',
    });
    await loadDocument(api);
  });
  afterAll(() => api?.stop());

  it('invites with no activation link, and has none to renew', async () => {
    const admin = bearer(await api.token({ role: 'admin' }));
    const invited = await api.http
      .post('/api/v1/users')
      .set(admin)
      .send({ email: 'rssi@ch-z.example', name: 'Rssi', role: 'declarant', finess: [FINESS] })
      .expect(201)
      .expect(conformsToDocument);
    expect(invited.body).toMatchObject({ activationUrl: null, user: { localAccount: null } });
    await api.http
      .post(`/api/v1/users/${invited.body.user.id}/activation-link`)
      .set(admin)
      .expect(404)
      .expect(conformsToDocument);
  });
});
