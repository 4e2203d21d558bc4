import type { ApiTokens } from '@vigie/identity';
import { API_TOKENS } from '../apps/api/src/identity/identity.tokens';
import { conformsToDocument, loadDocument } from './support/openapi-conformance';
import { SettableClock } from './support/read-side';
import { TestApi, bearer } from './support/vigie-api';

const ALICE = '5f0c6a1e-8d2b-4c3a-9e7f-1a2b3c4d5e6f';
const BOB = '6a1d7b2f-9e3c-4d4b-8f80-2b3c4d5e6f70';

interface Token {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

describe('/api/v1/me/tokens (personal API tokens)', () => {
  const clock = new SettableClock('2026-03-02T08:30:00.000Z');
  let api: TestApi;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let tokens: ApiTokens;

  beforeAll(async () => {
    api = await TestApi.start({}, { clock: clock.now });
    alice = bearer(await api.token({ role: 'declarant', sub: ALICE }));
    bob = bearer(await api.token({ role: 'analyst', sub: BOB }));
    tokens = api.app.get<ApiTokens>(API_TOKENS);
    await loadDocument(api);
  });
  afterAll(() => api?.stop());

  const create = (caller: Record<string, string>, body: Record<string, unknown>) =>
    api.http.post('/api/v1/me/tokens').set(caller).send(body).expect(conformsToDocument);
  const list = async (caller: Record<string, string>): Promise<Token[]> =>
    (await api.http.get('/api/v1/me/tokens').set(caller).expect(200).expect(conformsToDocument)).body.items;

  it('creates a token shown once, which verifies to its owner', async () => {
    const created = await create(alice, { label: 'Export nightly', expiresInDays: 30 }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      label: 'Export nightly',
      prefix: created.body.token.slice(0, 14),
      createdAt: '2026-03-02T08:30:00.000Z',
      expiresAt: '2026-04-01T08:30:00.000Z',
      token: expect.stringMatching(/^vigie_pat_[A-Za-z0-9_-]{43}$/),
    });
    expect(await tokens.verify(created.body.token)).toEqual({ userId: ALICE, tokenId: created.body.id });
    const listed = await list(alice);
    const { token: _shownOnce, ...summary } = created.body as Token & { token: string };
    expect(listed).toEqual([{ ...summary, lastUsedAt: '2026-03-02T08:30:00.000Z' }]);
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
  });

  it('lists the caller’s own tokens only, newest first, with their last use', async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const second = await create(alice, { label: 'Second' }).expect(201);
    expect(second.body.expiresAt).toBe('2026-05-31T09:00:00.000Z');
    await create(bob, { label: 'Bob’s' }).expect(201);
    expect((await list(alice)).map((token) => token.label)).toEqual(['Second', 'Export nightly']);
    expect((await list(bob)).map((token) => token.label)).toEqual(['Bob’s']);
    clock.set('2026-03-02T09:05:00.000Z');
    await tokens.verify(second.body.token);
    expect((await list(alice))[0].lastUsedAt).toBe('2026-03-02T09:05:00.000Z');
  });

  it('refuses an expired token', async () => {
    const short = await create(alice, { label: 'A day', expiresInDays: 1 }).expect(201);
    clock.set('2026-03-03T09:04:59.000Z');
    expect(await tokens.verify(short.body.token)).not.toBeNull();
    clock.set('2026-03-03T09:05:00.000Z');
    expect(await tokens.verify(short.body.token)).toBeNull();
  });

  it('names each invalid field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ label: '' }, 'label'],
      [{ label: 'x'.repeat(101) }, 'label'],
      [{ label: 'ok', expiresInDays: 0 }, 'expiresInDays'],
      [{ label: 'ok', expiresInDays: 367 }, 'expiresInDays'],
      [{ label: 'ok', expiresInDays: '30' }, 'expiresInDays'],
      [{ label: 'ok', expiresInDays: 1.5 }, 'expiresInDays'],
      [{ label: 'ok', scope: 'all' }, 'scope'],
    ];
    for (const [body, field] of cases) {
      const response = await create(alice, body).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('revokes the caller’s own token: 204, then 404; another’s is 404 and stays valid', async () => {
    const mine = await create(alice, { label: 'To revoke' }).expect(201);
    const bobs = await create(bob, { label: 'Bob’s other' }).expect(201);
    await api.http
      .delete(`/api/v1/me/tokens/${bobs.body.id}`)
      .set(alice)
      .expect(404)
      .expect(conformsToDocument);
    expect(await tokens.verify(bobs.body.token)).not.toBeNull();
    await api.http
      .delete(`/api/v1/me/tokens/${mine.body.id}`)
      .set(alice)
      .expect(204)
      .expect(conformsToDocument);
    expect(await tokens.verify(mine.body.token)).toBeNull();
    expect((await list(alice)).map((token) => token.id)).not.toContain(mine.body.id);
    await api.http
      .delete(`/api/v1/me/tokens/${mine.body.id}`)
      .set(alice)
      .expect(404)
      .expect(conformsToDocument);
    await api.http.delete('/api/v1/me/tokens/not-a-uuid').set(alice).expect(400).expect(conformsToDocument);
  });

  it('asks for a token', async () => {
    await api.http.get('/api/v1/me/tokens').expect(401).expect(conformsToDocument);
    await api.http.post('/api/v1/me/tokens').send({ label: 'x' }).expect(401).expect(conformsToDocument);
  });
});
