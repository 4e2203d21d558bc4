import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startWebApi, webBuild, type WebApi } from './web-api';

describe('The web application, served by the API', () => {
  let web: WebApi;
  let dir: string;
  beforeAll(async () => {
    dir = webBuild();
    web = await startWebApi({}, dir);
  });
  afterAll(() => web.stop());

  it('answers its pages with index.html, never to be cached', async () => {
    for (const path of ['/', '/compte', '/admin/utilisateurs', '/activer', '/nulle-part']) {
      const response = await request(web.url).get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('leaves the API’s paths to the API: JSON 404s, never index.html', async () => {
    for (const path of ['/api/does-not-exist', '/api/v1/nope/nope', '/auth/nope', '/health/nope']) {
      const response = await request(web.url).get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // The embedded provider's paths answer as an OAuth server does (RFC 6749 §5.2 error JSON).
    const provider = await request(web.url).get('/oidc/nope').expect(404);
    expect(provider.headers['content-type']).toMatch(/^application\/json/);
    expect(provider.body).toMatchObject({ error: 'invalid_request' });
    await request(web.url).get('/health/live').expect(200, { status: 'ok' });
    await request(web.url).get('/docs-json').expect(200).expect('content-type', /json/);
  });

  it('caches the hashed assets for good', async () => {
    const script = readdirSync(join(dir, 'assets')).find((name) => name.endsWith('.js'));
    const response = await request(web.url).get(`/assets/${script}`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('says who runs the service and how people log in, to anyone: GET /api/v1/site', async () => {
    const response = await request(web.url).get('/api/v1/site').expect(200);
    expect(response.body).toEqual({
      operatorName: 'CERT Santé',
      brandTop: ['République', 'Française'],
      emergencyPhone: expect.any(String),
      login: { provider: 'embedded' },
    });
  });

  it('sends a strict Content Security Policy with the pages: scripts from this origin only', async () => {
    const csp = (await request(web.url).get('/')).headers['content-security-policy'];
    const directives = Object.fromEntries(
      csp.split(';').map((directive: string) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(directives).toMatchObject({
      'default-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
    });
  });

  it('keeps the Swagger UI working at /docs with its own policy, scripts still from this origin only', async () => {
    const response = await request(web.url).get('/docs').redirects(1).expect(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('The API without a web build', () => {
  let web: WebApi;
  beforeAll(async () => {
    web = await startWebApi({}, mkdtempSync(join(tmpdir(), 'vigie-no-web-')));
  });
  afterAll(() => web.stop());

  it('still starts and serves the API, and its pages say to run `npm run build`', async () => {
    const page = await request(web.url).get('/').expect(503);
    expect(page.text).toContain('npm run build');
    await request(web.url).get('/health/live').expect(200);
    await request(web.url).get('/api/v1/site').expect(200);
    await request(web.url)
      .get('/api/does-not-exist')
      .expect(404)
      .expect('content-type', /problem\+json/);
  });
});

describe('The policy with an external login provider', () => {
  let web: WebApi;
  beforeAll(async () => {
    web = await startWebApi({
      VIGIE_LOGIN_ISSUER: 'https://login.example.org/realms/sante',
      VIGIE_LOGIN_CLIENT_ID: 'vigie',
      VIGIE_LOGIN_CLIENT_SECRET: 'not-a-real-secret',
    });
  });
  afterAll(() => web.stop());

  it('lets forms reach the provider’s origin, and says the login is external', async () => {
    const response = await request(web.url).get('/').expect(200);
    expect(response.headers['content-security-policy']).toContain(
      "form-action 'self' https://login.example.org",
    );
    await request(web.url)
      .get('/api/v1/site')
      .expect(200)
      .expect(({ body }) => expect(body.login).toEqual({ provider: 'external' }));
  });
});
