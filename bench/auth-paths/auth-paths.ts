/*
 * What authenticating costs per request, each path beside the others in one run, and what a
 * browser login takes end to end (the closing figures of the people/login issue):
 *   node -r ./bench/register.js bench/auth-paths/auth-paths.ts [--seconds 10]
 * The API runs as `npm start` runs it (embedded default, SQLite, its own data dir) in a child
 * process; the load comes from this one (autocannon), one route for every path, the same work
 * behind each: GET /api/v1/declarations?limit=1 as a declarant of one facility.
 */
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/support/vigie-api';
import { CookieJar, navigate, submitForm } from '../../test/support/browserless-login';

const ROOT = resolve(__dirname, '../..');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 10);

interface Figure {
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-auth-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    VIGIE_DATA_DIR: dataDir,
    PORT: String(port),
    VIGIE_PUBLIC_URL: url,
    VIGIE_LOG_LEVEL: 'warn',
    // Counted as in production, out of reach: a path refused with 429 measures nothing.
    VIGIE_RATE_LIMIT_PER_ADDRESS: '10000000',
    VIGIE_RATE_LIMIT_PER_TOKEN: '10000000',
  };
  const cli = (...args: string[]): string =>
    execFileSync(process.execPath, ['-r', './bench/register.js', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
  const added = cli(
    'users',
    'add',
    '--email',
    'bench@example.org',
    '--name',
    'Bench Declarant',
    '--role',
    'declarant',
    '--finess',
    '750712184',
  );
  const activation = /#([A-Za-z0-9_-]{43})/.exec(added)?.[1];
  if (activation === undefined) throw new Error(`no activation link in: ${added}`);
  const api = spawn(process.execPath, ['-r', './bench/register.js', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await until(async () => (await fetch(`${url}/health/live`)).ok);
    const password = 'correct horse battery staple 2026';
    const activated = await fetch(`${url}/api/v1/local-accounts/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: activation, password }),
    });
    if (activated.status !== 204) throw new Error(`activation answered ${activated.status}`);

    // The login round trip: redirect, login page, password, consent, callback, session.
    const logins: number[] = [];
    let jar = new CookieJar();
    for (let round = 0; round < 20; round++) {
      jar = new CookieJar();
      const started = performance.now();
      const page = await navigate(jar, new URL('/auth/login', url));
      const landing = await submitForm(jar, page, { email: 'bench@example.org', password });
      if (landing.url.origin !== url || jar.get(new URL(url).host, 'vigie_session') === undefined)
        throw new Error(`the login did not end in a session (${landing.url.href})`);
      logins.push(performance.now() - started);
    }
    const cookie = `vigie_session=${jar.get(new URL(url).host, 'vigie_session')}`;
    const jwt = cli('token', '--role', 'declarant', '--finess', '750712184', '--sub', 'bench-script')
      .trim()
      .split('\n')
      .at(-1)!;
    const me = await fetch(`${url}/api/v1/me`, { headers: { cookie } });
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const created = await fetch(`${url}/api/v1/me/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: url, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ label: 'bench' }),
    });
    const { token: pat } = (await created.json()) as { token: string };

    const figures: Figure[] = [];
    figures.push(await load(url, '/health/live', {}, 'no authentication (/health/live)'));
    figures.push(
      await load(
        url,
        '/api/v1/declarations?limit=1',
        { authorization: `Bearer ${jwt}` },
        'bearer JWT of the embedded secret',
      ),
    );
    figures.push(
      await load(
        url,
        '/api/v1/declarations?limit=1',
        { authorization: `Bearer ${pat}` },
        'personal API token',
      ),
    );
    figures.push(await load(url, '/api/v1/declarations?limit=1', { cookie }, 'session cookie'));
    logins.sort((a, b) => a - b);
    process.stdout.write(
      `login round trip (20 logins, embedded provider): median ${logins[10].toFixed(1)} ms, max ${logins[19].toFixed(1)} ms\n`,
    );
    const bearerRate = figures[1].requestsPerSecond;
    for (const figure of figures)
      process.stdout.write(
        `${figure.path.padEnd(40)} ${figure.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${figure.p50Ms} ms  p99 ${figure.p99Ms} ms  ${((figure.requestsPerSecond / bearerRate) * 100).toFixed(1)} % of the bearer JWT\n`,
      );
  } finally {
    api.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function load(
  url: string,
  path: string,
  headers: Record<string, string>,
  name: string,
): Promise<Figure> {
  const result = await autocannon({ url: `${url}${path}`, connections: 8, duration: seconds, headers });
  if (result.non2xx > 0)
    throw new Error(
      `${name}: ${result.non2xx} answers were not 2xx (${JSON.stringify(result.statusCodeStats)})`,
    );
  return {
    path: name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

async function until(ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await ready().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the API did not start');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
