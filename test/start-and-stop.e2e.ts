import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openEventStore, type EventStore } from '@vigie/event-store';
import { withSlowReads } from './support/slow-store';
import { bearer, submission, TestApi } from './support/vigie-api';

/**
 * The service as a user runs it: `npm run build`, `npm start`, `npm run start:projector`, stopped
 * by the signals a supervisor or a terminal sends. Real npm, real node children, real ports.
 */
const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);

jest.setTimeout(180_000);

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run <script>` with a data dir of its own, every store in it, on a port the system picks. */
function npmRun(script: string, dataDir: string): Started {
  const child = spawn('npm', ['run', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      VIGIE_DATA_DIR: dataDir,
      PORT: '0',
      VIGIE_PROJECTOR_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = started.output().match(pattern);
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${started.output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Whether something still accepts connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('npm run build, npm start and the stop signals', () => {
  const dataDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-start-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('records a fresh build, so that the next start does not build again', async () => {
    await run('npm', ['run', '-s', 'build'], { cwd: ROOT });
    const { stderr } = await run(process.execPath, ['scripts/ensure-built.js'], { cwd: ROOT });
    expect(stderr).not.toContain('building');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the API started by npm start on %s: the port is released and the exit code is 0',
    async (signal) => {
      const started = npmRun('start', newDataDir());
      const [, port] = await waitFor(started, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
      expect(await accepts(Number(port))).toBe(true);

      started.child.kill(signal);

      expect(await started.exited).toBe(0);
      expect(started.output()).toContain(`${signal}: stopping`);
      expect(started.output()).toContain('"msg":"stopped"');
      // The node child went with npm: nothing keeps the port.
      expect(await accepts(Number(port))).toBe(false);
    },
  );

  it('stops the projector started by npm run start:projector on SIGTERM, exit code 0', async () => {
    const started = npmRun('start:projector', newDataDir());
    const [, port] = await waitFor(started, /health and metrics on http:\/\/[^:]+:(\d+)/);

    started.child.kill('SIGTERM');

    expect(await started.exited).toBe(0);
    expect(started.output()).toContain('SIGTERM, finishing the batch in progress');
    expect(await accepts(Number(port))).toBe(false);
  });
});

describe("a graceful stop (what the signal handler calls: the app's close)", () => {
  it('lets a read in flight wait for the projector and answer, then closes; no new connection', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-stop-'));
    const store = await openEventStore(`sqlite://${join(dataDir, 'events.db')}`);
    // The projector reads the feed 800 ms late: a read-your-writes request is still waiting for
    // it when the stop is asked, and needs it running until it answers.
    const slowFeed: EventStore = {
      ...withSlowReads(store, 0),
      readAll: async (after, limit) => {
        const events = await store.readAll(after, limit);
        if (events.length > 0) await new Promise((done) => setTimeout(done, 800));
        return events;
      },
    };
    const api = await TestApi.start({ VIGIE_DATA_DIR: dataDir }, { eventStore: slowFeed });
    await new Promise<void>((done) => api.app.getHttpServer().listen(0, '127.0.0.1', done));
    const { port } = api.app.getHttpServer().address() as { port: number };
    const token = bearer(await api.token({ role: 'declarant' }));
    const submitted = await fetch(`http://127.0.0.1:${port}/api/v1/declarations`, {
      method: 'POST',
      headers: { ...token, 'Content-Type': 'application/json' },
      body: JSON.stringify(submission()),
    });
    const { id, position } = (await submitted.json()) as { id: string; position: string };

    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/declarations/${id}?minPosition=${position}`, {
      headers: token,
    });
    await new Promise((done) => setTimeout(done, 100));
    const stopped = api.app.close();

    expect((await inFlight).status).toBe(200);
    await stopped;
    expect(await accepts(port)).toBe(false);
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
