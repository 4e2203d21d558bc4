import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApi, bearer, submission } from './support/vigie-api';

const ISSUER = 'https://idp.test/realms/sante';
const AUDIENCE = 'vigie-api';

/** An OpenID Connect provider reduced to what the API uses: its JWKS, served over HTTP on 127.0.0.1. */
async function serveJwks(keys: object[]): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== '/protocol/openid-connect/certs') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/protocol/openid-connect/certs`, server };
}

describe('OpenID Connect mode: tokens of the provider, checked against its JWKS', () => {
  let api: TestApi;
  let jwks: { url: string; server: Server };
  let providerKey: KeyLike;
  let strangerKey: KeyLike;

  const rs256 = (
    key: KeyLike,
    claims: Record<string, unknown> = {},
    overrides: { issuer?: string; audience?: string } = {},
  ) =>
    new SignJWT({ role: 'analyst', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'provider-key-1' })
      .setSubject('analyst-oidc')
      .setIssuer(overrides.issuer ?? ISSUER)
      .setAudience(overrides.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const provider = await generateKeyPair('RS256');
    providerKey = provider.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    jwks = await serveJwks([
      { ...(await exportJWK(provider.publicKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' },
    ]);
    api = await TestApi.start({
      VIGIE_OIDC_ISSUER: ISSUER,
      VIGIE_OIDC_JWKS_URL: jwks.url,
      VIGIE_OIDC_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await api.stop();
    await new Promise((resolve) => jwks.server.close(resolve));
  });

  it('an RS256 token of the provider is accepted; its subject, bound to no user, is recorded as a pseudonym', async () => {
    const token = bearer(await rs256(providerKey));
    const created = await api.http.post('/api/v1/declarations').set(token).send(submission()).expect(201);
    const { body } = await api.http
      .get(`/api/v1/declarations/${created.body.id}`)
      .query({ minPosition: created.body.position })
      .set(token)
      .expect(200);
    // Events name nobody: the provider's subject becomes a keyed hash, the same for each token.
    expect(body.submittedBy).toMatch(/^ext-[A-Za-z0-9_-]{22}$/);
    const again = await api.http.post('/api/v1/declarations').set(token).send(submission()).expect(201);
    const second = await api.http
      .get(`/api/v1/declarations/${again.body.id}`)
      .query({ minPosition: again.body.position })
      .set(token)
      .expect(200);
    expect(second.body.submittedBy).toBe(body.submittedBy);
  });

  it.each([
    ['signed by another key', () => rs256(strangerKey)],
    ['of another issuer', () => rs256(providerKey, {}, { issuer: 'https://idp.test/realms/other' })],
    ['for another audience', () => rs256(providerKey, {}, { audience: 'another-client' })],
    ['without a valid role', () => rs256(providerKey, { role: 'nurse' })],
  ])('a token %s is 401', async (_name, token) => {
    const response = await api.http
      .post('/api/v1/declarations')
      .set(bearer(await token()))
      .send(submission());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ type: 'https://vigie.example/problems/unauthorized', status: 401 });
  });

  it('a token of the embedded secret is not accepted in this mode', async () => {
    const token = await api.token({ role: 'admin', sub: 'local-admin' });
    await api.http.post('/api/v1/declarations').set(bearer(token)).send(submission()).expect(401);
  });
});

describe('OpenID Connect mode, roles in a nested claim (Keycloak realm_access.roles)', () => {
  it('reads the role at the configured dotted path, the highest Vigie role of a list', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const keycloak = await serveJwks([
      { ...(await exportJWK(publicKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' },
    ]);
    const api = await TestApi.start({
      VIGIE_OIDC_ISSUER: ISSUER,
      VIGIE_OIDC_JWKS_URL: keycloak.url,
      VIGIE_OIDC_AUDIENCE: AUDIENCE,
      VIGIE_OIDC_ROLE_CLAIM: 'realm_access.roles',
    });
    const token = (realmAccess: unknown) =>
      new SignJWT({ realm_access: realmAccess, role: 'declarant', finess: ['750712184'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'provider-key-1' })
        .setSubject('keycloak-service-account')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
    try {
      // Only analysts and admins read the publications; the top-level `role` claim is not the one read.
      await api.http
        .get('/api/v1/reports/annual/2025/publications')
        .set(bearer(await token({ roles: ['offline_access', 'analyst', 'uma_authorization'] })))
        .expect(200);
      await api.http
        .get('/api/v1/reports/annual/2025/publications')
        .set(bearer(await token({ roles: ['declarant'] })))
        .expect(403);
      await api.http
        .get('/api/v1/declarations')
        .set(bearer(await token({ roles: ['offline_access'] })))
        .expect(401);
    } finally {
      await api.stop();
      await new Promise((resolve) => keycloak.server.close(resolve));
    }
  });
});

describe('OpenID Connect mode, with the provider out of reach', () => {
  it('a token cannot be checked: 503 with Retry-After, not 401', async () => {
    const closed = await serveJwks([]);
    await new Promise((resolve) => closed.server.close(resolve));
    const api = await TestApi.start({
      VIGIE_OIDC_ISSUER: ISSUER,
      VIGIE_OIDC_JWKS_URL: closed.url,
      VIGIE_OIDC_AUDIENCE: AUDIENCE,
    });
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ role: 'analyst' })
        .setProtectedHeader({ alg: 'RS256', kid: 'provider-key-1' })
        .setSubject('analyst-oidc')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const response = await api.http
        .get('/api/v1/declarations/2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a11')
        .set(bearer(token));
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({
        type: 'https://vigie.example/problems/identity-provider-unavailable',
      });
    } finally {
      await api.stop();
    }
  });
});
