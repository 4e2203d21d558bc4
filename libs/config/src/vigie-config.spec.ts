import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '.';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults: 127.0.0.1:3000, SQLite files in the data dir, inline projector, embedded tokens, 256kb bodies', () => {
    const config = loadConfig({ VIGIE_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir,
      eventStoreUrl: `sqlite:${dataDir}/events.sqlite`,
      readDbUrl: `sqlite:${dataDir}/read.sqlite`,
      projector: 'inline',
      auth: { mode: 'embedded' },
      bodyLimit: '256kb',
      minPositionTimeoutMs: 5000,
      metricsToken: null,
    });
  });

  it('security defaults: keys and the record of reads in SQLite files of their own, generous rate limits, CORS closed, info logs on stdout', () => {
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir })).toMatchObject({
      keyStoreUrl: `sqlite:${dataDir}/keys.sqlite`,
      auditDbUrl: `sqlite:${dataDir}/audit.sqlite`,
      rateLimit: { windowMs: 60_000, perAddress: 3000, perToken: 1200 },
      corsOrigins: [],
      trustProxy: 0,
      log: { level: 'info', file: null },
    });
  });

  it('reads the security settings', () => {
    expect(
      loadConfig({
        VIGIE_DATA_DIR: dataDir,
        VIGIE_KEY_STORE_URL: 'postgres://keys@db/keys',
        VIGIE_AUDIT_DB_URL: 'postgres://audit@db/audit',
        VIGIE_RATE_LIMIT_WINDOW_MS: '1000',
        VIGIE_RATE_LIMIT_PER_ADDRESS: '0',
        VIGIE_RATE_LIMIT_PER_TOKEN: '10',
        VIGIE_CORS_ORIGINS: 'https://portail.example, http://localhost:5173',
        VIGIE_TRUST_PROXY: '1',
        VIGIE_LOG_LEVEL: 'warn',
        VIGIE_LOG_FILE: '/var/log/vigie.log',
      }),
    ).toMatchObject({
      keyStoreUrl: 'postgres://keys@db/keys',
      auditDbUrl: 'postgres://audit@db/audit',
      rateLimit: { windowMs: 1000, perAddress: 0, perToken: 10 },
      corsOrigins: ['https://portail.example', 'http://localhost:5173'],
      trustProxy: 1,
      log: { level: 'warn', file: '/var/log/vigie.log' },
    });
  });

  it('generates the subject secret once, mode 0600, apart from the JWT secret', () => {
    const first = loadConfig({ VIGIE_DATA_DIR: dataDir });
    expect(statSync(join(dataDir, 'subject-secret')).mode & 0o777).toBe(0o600);
    expect(first.subjectSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.subjectSecret).not.toBe(first.jwtSecret);
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir }).subjectSecret).toBe(first.subjectSecret);
  });

  it('reads the minPosition wait and the static metrics token', () => {
    const token = 'prometheus-scraper-0123456789abcdef';
    expect(
      loadConfig({
        VIGIE_DATA_DIR: dataDir,
        VIGIE_MIN_POSITION_TIMEOUT_MS: '250',
        VIGIE_METRICS_TOKEN: token,
      }),
    ).toMatchObject({ minPositionTimeoutMs: 250, metricsToken: token });
  });

  it('bounds PostgreSQL: 5 s a statement, 10 min for long work, 5 s to connect; each can be changed', () => {
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir }).postgres).toEqual({
      statementTimeoutMs: 5000,
      longStatementTimeoutMs: 600_000,
      connectTimeoutMs: 5000,
    });
    expect(
      loadConfig({
        VIGIE_DATA_DIR: dataDir,
        VIGIE_PG_STATEMENT_TIMEOUT_MS: '2000',
        VIGIE_PG_LONG_STATEMENT_TIMEOUT_MS: '3600000',
        VIGIE_PG_CONNECT_TIMEOUT_MS: '1500',
      }).postgres,
    ).toEqual({ statementTimeoutMs: 2000, longStatementTimeoutMs: 3_600_000, connectTimeoutMs: 1500 });
  });

  it('never repeats the metrics token in its error: it is a secret', () => {
    const attempt = () => loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_METRICS_TOKEN: 'hunter2' });
    expect(attempt).toThrow(/VIGIE_METRICS_TOKEN/);
    expect(attempt).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });

  it('generates the JWT secret once, mode 0600, and reads the same one back', () => {
    const first = loadConfig({ VIGIE_DATA_DIR: dataDir }).jwtSecret;
    const file = join(dataDir, 'jwt-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir }).jwtSecret).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('VIGIE_JWT_SECRET wins over the file, and must be long enough', () => {
    const secret = 's'.repeat(32);
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(() => loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_JWT_SECRET: 'short' })).toThrow(
      /VIGIE_JWT_SECRET.*32/,
    );
  });

  it('OpenID Connect needs issuer, JWKS URL and audience together', () => {
    const oidc = {
      VIGIE_OIDC_ISSUER: 'https://idp.example',
      VIGIE_OIDC_JWKS_URL: 'https://idp.example/certs',
      VIGIE_OIDC_AUDIENCE: 'vigie',
    };
    expect(loadConfig({ VIGIE_DATA_DIR: dataDir, ...oidc }).auth).toEqual({
      mode: 'oidc',
      issuer: oidc.VIGIE_OIDC_ISSUER,
      jwksUrl: oidc.VIGIE_OIDC_JWKS_URL,
      audience: 'vigie',
    });
    expect(() =>
      loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_OIDC_JWKS_URL: oidc.VIGIE_OIDC_JWKS_URL }),
    ).toThrow(/VIGIE_OIDC_ISSUER and VIGIE_OIDC_AUDIENCE/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ VIGIE_PROJECTOR: 'sometimes' }, /VIGIE_PROJECTOR/],
    [{ VIGIE_EVENT_STORE_URL: 'mysql://root:hunter2@db/events' }, /VIGIE_EVENT_STORE_URL/],
    [{ VIGIE_READ_DB_URL: 'esdb://localhost:2113' }, /VIGIE_READ_DB_URL/],
    [{ VIGIE_BODY_LIMIT: 'huge' }, /VIGIE_BODY_LIMIT/],
    [{ VIGIE_MIN_POSITION_TIMEOUT_MS: 'soon' }, /VIGIE_MIN_POSITION_TIMEOUT_MS/],
    [{ VIGIE_MIN_POSITION_TIMEOUT_MS: '600000' }, /VIGIE_MIN_POSITION_TIMEOUT_MS/],
    [{ VIGIE_METRICS_TOKEN: 'too-short' }, /VIGIE_METRICS_TOKEN/],
    [{ VIGIE_KEY_STORE_URL: 'mysql://root:hunter2@db/keys' }, /VIGIE_KEY_STORE_URL/],
    [{ VIGIE_AUDIT_DB_URL: 'esdb://localhost:2113' }, /VIGIE_AUDIT_DB_URL/],
    [{ VIGIE_SUBJECT_SECRET: 'short' }, /VIGIE_SUBJECT_SECRET.*32/],
    [{ VIGIE_RATE_LIMIT_PER_ADDRESS: 'lots' }, /VIGIE_RATE_LIMIT_PER_ADDRESS/],
    [{ VIGIE_RATE_LIMIT_PER_TOKEN: '-1' }, /VIGIE_RATE_LIMIT_PER_TOKEN/],
    [{ VIGIE_RATE_LIMIT_WINDOW_MS: '10' }, /VIGIE_RATE_LIMIT_WINDOW_MS/],
    [{ VIGIE_CORS_ORIGINS: '*' }, /VIGIE_CORS_ORIGINS/],
    [{ VIGIE_CORS_ORIGINS: 'portail.example' }, /VIGIE_CORS_ORIGINS/],
    [{ VIGIE_TRUST_PROXY: 'yes' }, /VIGIE_TRUST_PROXY/],
    [{ VIGIE_LOG_LEVEL: 'loud' }, /VIGIE_LOG_LEVEL/],
    [{ VIGIE_PG_STATEMENT_TIMEOUT_MS: '5s' }, /VIGIE_PG_STATEMENT_TIMEOUT_MS/],
    [{ VIGIE_PG_STATEMENT_TIMEOUT_MS: '0' }, /VIGIE_PG_STATEMENT_TIMEOUT_MS/],
    [{ VIGIE_PG_LONG_STATEMENT_TIMEOUT_MS: '-1' }, /VIGIE_PG_LONG_STATEMENT_TIMEOUT_MS/],
    [{ VIGIE_PG_CONNECT_TIMEOUT_MS: '99999999999' }, /VIGIE_PG_CONNECT_TIMEOUT_MS/],
  ])('refuses %o with a ConfigError naming the variable', (env, message) => {
    const attempt = () => loadConfig({ VIGIE_DATA_DIR: dataDir, ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('never repeats a store URL in its error: it may hold a password', () => {
    expect(() =>
      loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_EVENT_STORE_URL: 'mysql://root:hunter2@db/events' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
