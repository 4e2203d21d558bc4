import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PG_URL, describePostgres } from './support/postgres';
import { StallingProxy } from './support/stalling-proxy';

const ROOT = join(__dirname, '..');
const REGISTER = join(ROOT, 'libs/read-models/src/testing/swc-register.js');
const PASSWORD = 's3cret-Pw';

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node <entry> <args>` from the sources, in an environment of its own; what it printed and how it ended. */
async function run(
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-unreachable-'));
  try {
    const child = spawn(process.execPath, ['--require', REGISTER, join(ROOT, entry), ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', VIGIE_DATA_DIR: dataDir, VIGIE_PROJECTOR_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    return { code, stdout, stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function expectOneLine(
  result: { code: number | null; stderr: string },
  line: { names: string; address: string; reason: RegExp },
): void {
  const lines = result.stderr.trim().split('\n');
  expect({ code: result.code, lines }).toMatchObject({
    code: expect.any(Number),
    lines: [expect.any(String)],
  });
  expect(result.code).not.toBe(0);
  expect(lines[0]).toContain(line.names);
  expect(lines[0]).toContain(line.address);
  expect(lines[0]).toMatch(line.reason);
  expect(result.stderr).not.toContain(PASSWORD);
}

const REFUSED = /connection refused \(ECONNREFUSED\)/;

describe('a PostgreSQL store unreachable at start-up: one line naming the variable, the address and why', () => {
  let port: number;
  let url: string;
  let address: string;
  beforeAll(async () => {
    port = await closedPort();
    url = `postgres://vigie:${PASSWORD}@127.0.0.1:${port}/vigie`;
    address = `postgres://vigie@127.0.0.1:${port}/vigie`;
  });

  it.each(['VIGIE_EVENT_STORE_URL', 'VIGIE_READ_DB_URL', 'VIGIE_KEY_STORE_URL', 'VIGIE_AUDIT_DB_URL'])(
    'the API, %s refused',
    async (variable) => {
      const result = await run('apps/api/main.ts', [], { [variable]: url });
      expectOneLine(result, { names: variable, address, reason: REFUSED });
      expect(result.stderr).toMatch(/^vigie: cannot start: /);
    },
    60_000,
  );

  it('the projector, VIGIE_EVENT_STORE_URL refused', async () => {
    const result = await run('apps/projector/main.ts', [], { VIGIE_EVENT_STORE_URL: url });
    expectOneLine(result, { names: 'VIGIE_EVENT_STORE_URL', address, reason: REFUSED });
  }, 60_000);

  it('the projector, VIGIE_READ_DB_URL refused', async () => {
    const result = await run('apps/projector/main.ts', [], { VIGIE_READ_DB_URL: url });
    expectOneLine(result, { names: 'VIGIE_READ_DB_URL', address, reason: REFUSED });
  }, 60_000);

  it.each([
    ['report --year 2020', 'VIGIE_EVENT_STORE_URL'],
    ['projections rebuild', 'VIGIE_READ_DB_URL'],
    ['gdpr erase --subject ds_AAAAAAAAAAAAAAAAAAAAAA', 'VIGIE_KEY_STORE_URL'],
  ])(
    'vigie %s, %s refused',
    async (command, variable) => {
      const result = await run('apps/cli/main.ts', command.split(' '), { [variable]: url });
      expectOneLine(result, { names: variable, address, reason: REFUSED });
    },
    60_000,
  );

  it('vigie migrate, --to refused', async () => {
    const from = `sqlite:${join(tmpdir(), `vigie-unreachable-${process.pid}.sqlite`)}`;
    try {
      const result = await run('apps/cli/main.ts', ['migrate', '--from', from, '--to', url], {});
      expectOneLine(result, { names: '--to', address, reason: REFUSED });
    } finally {
      rmSync(from.slice('sqlite:'.length), { force: true });
    }
  }, 60_000);
});

describePostgres('a PostgreSQL store that answers wrong, or not at all, at start-up', () => {
  it('a database that does not exist is named as such', async () => {
    const missing = new URL(TEST_PG_URL);
    missing.pathname = '/vigie_no_such_database';
    const result = await run('apps/api/main.ts', [], { VIGIE_EVENT_STORE_URL: missing.toString() });
    expectOneLine(result, {
      names: 'VIGIE_EVENT_STORE_URL',
      address: missing.toString(),
      reason: /database "vigie_no_such_database" does not exist \(3D000\)/,
    });
  }, 60_000);

  it('a server that never answers is a timeout after VIGIE_PG_CONNECT_TIMEOUT_MS', async () => {
    const target = new URL(TEST_PG_URL);
    const proxy = await StallingProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    proxy.stall();
    try {
      const url = proxy.urlFor(TEST_PG_URL);
      const result = await run('apps/api/main.ts', [], {
        VIGIE_READ_DB_URL: url,
        VIGIE_PG_CONNECT_TIMEOUT_MS: '1000',
      });
      expectOneLine(result, { names: 'VIGIE_READ_DB_URL', address: url, reason: /no answer within 1000 ms/ });
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
