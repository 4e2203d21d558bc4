import { openEventStore, type EventStore, type RecordedEvent } from '@vigie/event-store';
import { openReadDataSource, rebuildProjections } from '@vigie/read-models';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../../apps/api/src/auth/tokens';
import { loadConfig } from '@vigie/config';
import { deterministicUuid } from '../../../apps/api/src/declarations/idempotency';
import { submission } from '../../support/vigie-api';

const ROOT = join(__dirname, '../../..');
const REGISTER = join(ROOT, 'libs/read-models/src/testing/swc-register.js');
const ENTRY = join(__dirname, 'api-child.ts');

export interface CrashFigures {
  kills: number;
  requests: number;
  retries: number;
  /** Requests cut by a kill (or sent to a process just killed). */
  cut: number;
  submissionsAcknowledged: number;
  amendmentsAcknowledged: number;
  declarationsInLog: number;
  eventsInLog: number;
  seconds: number;
}

/** One API process at a time on the same data dir; `url` is where the current one listens. */
class ApiProcess {
  private child: ChildProcess | null = null;
  url: string | null = null;
  stderr = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--require', REGISTER, ENTRY], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-4000)));
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += String(chunk);
        const match = /PORT (\d+)/.exec(out);
        if (match !== null) resolve(match[1]);
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`API child exited before listening (${code ?? signal}): ${this.stderr}`)),
      );
    });
    this.url = `http://127.0.0.1:${port}`;
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.url = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client as real ones behave: every request keyed, and retried (same key, same body) after a
 * cut connection, a 5xx or a 409 "key in use", until it is answered — whichever process answers.
 */
interface Counters {
  requests: number;
  retries: number;
  /** Requests whose connection the kill cut, or that found no process listening. */
  cut: number;
}

async function untilAnswered(
  api: ApiProcess,
  path: string,
  token: string,
  key: string,
  body: unknown,
  counters: Counters,
): Promise<{ status: number; json: Record<string, unknown> }> {
  for (let sent = 0; ;) {
    const url = api.url;
    if (url === null) {
      await sleep(20);
      continue;
    }
    if (sent > 0) counters.retries += 1;
    sent += 1;
    counters.requests += 1;
    try {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 500 || response.status === 409) {
        await sleep(20 + Math.random() * 80);
        continue;
      }
      return { status: response.status, json };
    } catch {
      // Connection refused or cut by the kill: the next process will answer.
      counters.cut += 1;
      await sleep(20 + Math.random() * 80);
    }
  }
}

/** Every table of the read database, rows in primary-key order. */
async function readModelRows(url: string): Promise<Record<string, unknown[]>> {
  const dataSource = await openReadDataSource(url);
  try {
    const tables: Record<string, unknown[]> = {};
    for (const entity of dataSource.entityMetadatas) {
      const order = entity.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
      tables[entity.tableName] = await dataSource.query(
        `SELECT * FROM "${entity.tableName}" ORDER BY ${order}`,
      );
    }
    return tables;
  } finally {
    await dataSource.destroy();
  }
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const batch = await store.readAll(after, 1000);
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

export interface CrashCheck {
  figures: CrashFigures;
  /** Acknowledged submissions whose declaration is not in the log exactly once (must be empty). */
  lostOrDoubled: string[];
  /** Acknowledged amendments whose event is not in the log exactly once (must be empty). */
  lostAmendments: string[];
  /** DeclarationSubmitted events that no client's key accounts for (must be empty). */
  strays: string[];
  liveReadModels: Record<string, unknown[]>;
  rebuiltReadModels: Record<string, unknown[]>;
}

/**
 * `kills` times: let clients submit and amend for a random moment, SIGKILL the API, start another
 * on the same data dir. Then check the log against what was acknowledged, and the read models
 * the last process built against a fresh rebuild from the log.
 */
export async function crashRun(options: {
  kills: number;
  clients?: number;
  minMs?: number;
  maxMs?: number;
}): Promise<CrashCheck> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
  const env = {
    PATH: process.env.PATH,
    VIGIE_DATA_DIR: dataDir,
    VIGIE_RATE_LIMIT_PER_ADDRESS: '0',
    VIGIE_RATE_LIMIT_PER_TOKEN: '0',
    VIGIE_LOG_LEVEL: 'error',
    // The run compares read models with a rebuild at the log's head; a mailer would keep appending
    // after it. Mail under kill -9 is the mailer's own spec (libs/notifications/src/mail).
    VIGIE_MAIL: 'off',
  };
  const config = loadConfig(env);
  const clients = options.clients ?? 6;
  const tokens = await Promise.all(
    Array.from({ length: clients }, (_, client) =>
      signToken({ sub: `crash-client-${client}`, role: 'analyst', ttl: '2h' }, config.jwtSecret),
    ),
  );
  const api = new ApiProcess(env);
  const counters: Counters = { requests: 0, retries: 0, cut: 0 };
  const acknowledged = new Map<string, string>();
  const amended = new Map<string, string>();
  const attemptedKeys: { sub: string; key: string }[] = [];
  let running = true;

  const client = async (index: number): Promise<void> => {
    const sub = `crash-client-${index}`;
    for (let n = 0; running; n++) {
      const key = `submit-${index}-${n}`;
      attemptedKeys.push({ sub, key });
      const answer = await untilAnswered(
        api,
        '/api/v1/declarations',
        tokens[index],
        key,
        submission({ description: `Crash run ${index}/${n}` }),
        counters,
      );
      if (answer.status !== 201)
        throw new Error(`submission ${key} answered ${answer.status} ${JSON.stringify(answer.json)}`);
      acknowledged.set(`${sub}:${key}`, String(answer.json.id));
      if (n % 2 === 0) {
        const amendKey = `amend-${index}-${n}`;
        const done = await untilAnswered(
          api,
          `/api/v1/declarations/${String(answer.json.id)}/amendments`,
          tokens[index],
          amendKey,
          { description: `Amended ${index}/${n}` },
          counters,
        );
        if (done.status !== 200)
          throw new Error(`amendment ${amendKey} answered ${done.status} ${JSON.stringify(done.json)}`);
        amended.set(`${sub}:${amendKey}`, String(answer.json.id));
      }
    }
  };

  try {
    await api.start();
    const traffic = Array.from({ length: clients }, (_, index) => client(index));
    for (let kill = 0; kill < options.kills; kill++) {
      await sleep((options.minMs ?? 150) + Math.random() * ((options.maxMs ?? 900) - (options.minMs ?? 150)));
      await api.kill();
      await api.start();
    }
    await sleep(300);
    running = false;
    await Promise.all(traffic);

    const store = await openEventStore(config.eventStoreUrl);
    let check: CrashCheck;
    try {
      const head = await store.headPosition();
      // The last process catches its read models up to the head, then stops cleanly.
      const caughtUp = await fetch(`${api.url}/api/v1/declarations?minPosition=${head}&limit=1`, {
        headers: { Authorization: `Bearer ${tokens[0]}` },
      });
      if (caughtUp.status !== 200) throw new Error(`read models did not catch up: ${caughtUp.status}`);
      await api.kill('SIGTERM');
      const events = await allEvents(store);
      const submitted = events.filter((event) => event.type === 'DeclarationSubmitted');
      const countOf = (predicate: (event: RecordedEvent) => boolean) => events.filter(predicate).length;
      const lostOrDoubled = [...acknowledged.entries()]
        .filter(
          ([, id]) =>
            countOf(
              (event) => event.type === 'DeclarationSubmitted' && event.streamId === `declaration-${id}`,
            ) !== 1,
        )
        .map(([key]) => key);
      const lostAmendments = [...amended.keys()].filter(
        (key) => countOf((event) => event.id === deterministicUuid(`${key}\u0000event/0`)) !== 1,
      );
      const possibleIds = new Set(
        attemptedKeys.map(
          ({ sub, key }) => `declaration-${deterministicUuid(`${sub}:${key}\u0000declaration`)}`,
        ),
      );
      const strays = submitted
        .filter((event) => !possibleIds.has(event.streamId))
        .map((event) => event.streamId);
      const freshUrl = `sqlite:${join(dataDir, 'rebuilt.sqlite')}`;
      const fresh = await openReadDataSource(freshUrl);
      try {
        await rebuildProjections({ store, dataSource: fresh });
      } finally {
        await fresh.destroy();
      }
      check = {
        figures: {
          kills: options.kills,
          requests: counters.requests,
          retries: counters.retries,
          cut: counters.cut,
          submissionsAcknowledged: acknowledged.size,
          amendmentsAcknowledged: amended.size,
          declarationsInLog: submitted.length,
          eventsInLog: events.length,
          seconds: Math.round((Date.now() - started) / 1000),
        },
        lostOrDoubled,
        lostAmendments,
        strays,
        liveReadModels: await readModelRows(config.readDbUrl),
        rebuiltReadModels: await readModelRows(freshUrl),
      };
    } finally {
      await store.close();
    }
    return check;
  } catch (error) {
    throw new Error(`${String(error)}\nlast API stderr: ${api.stderr}`);
  } finally {
    running = false;
    await api.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
