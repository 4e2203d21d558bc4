import type autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import { target, type Row } from '../support/bench-result';
import { forkTypeScript, runChild } from '../support/child-process';
import { ratio } from '../support/latency';
import { BENCH_FINESS, type ServerMessage, type ServerRequest } from './api-server-protocol';
import type { LoadRequest } from './load-child';

const SERVER = join(__dirname, 'api-server-child.ts');
const LOAD = join(__dirname, 'load-child.ts');
const CONNECTIONS = 32;
const FIXED_RATE = 500;

/** A submission that passes every rule (API.md), the same bytes for every request. */
const SUBMISSION = JSON.stringify({
  structure: {
    finess: BENCH_FINESS,
    name: 'Centre hospitalier de Bench',
    type: 'ES',
    region: '11',
    isOse: false,
    nis2: 'NONE',
  },
  declarant: {
    name: 'Camille Martin',
    role: 'RSSI',
    email: 'rssi@ch-bench.example',
    phone: '+33 1 23 45 67 89',
  },
  occurredAt: '2026-03-02T07:40:00+01:00',
  detectedAt: '2026-03-02T08:05:00+01:00',
  description: 'Rançongiciel sur les serveurs du PACS ; dossiers patients indisponibles.',
  suspectedOrigin: 'MALICIOUS',
  suspectedType: 'RANSOMWARE',
  operationalImpact: 'DEGRADED',
  patientEndangerment: 'POTENTIAL',
  dataImpacts: ['AVAILABILITY'],
  supportRequested: true,
  measuresTaken: 'Réseau isolé.',
});

/** The API in a child process, driven over IPC. */
class ApiServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly token: string,
  ) {}

  static start(dataDir: string, projector: 'inline' | 'off'): Promise<ApiServer> {
    const child = forkTypeScript(SERVER, [dataDir, projector]);
    let errors = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-10_000)));
    return new Promise((resolve, reject) => {
      child.once('message', (message: ServerMessage) => {
        if (message.type === 'ready') resolve(new ApiServer(child, message.port, message.token));
        else reject(new Error(`API child: ${JSON.stringify(message)}`));
      });
      child.once('exit', (code) => reject(new Error(`API child exited (${code}): ${errors.slice(-3000)}`)));
    });
  }

  ask<T extends ServerMessage['type']>(
    request: ServerRequest,
    answer: T,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: ServerMessage) => {
        if (message.type === answer) resolve(message as Extract<ServerMessage, { type: T }>);
        else reject(new Error(`API child answered ${JSON.stringify(message)} to ${request.type}`));
      });
      this.child.send(request);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ type: 'stop' } satisfies ServerRequest);
    });
  }
}

type Route = 'declarations' | 'noop';
const PATHS: Record<Route, string> = { declarations: '/api/v1/declarations', noop: '/bench/noop' };

interface Load {
  route: Route;
  seconds: number;
  rate?: number;
}

let runs = 0;

/**
 * autocannon against one route, from a child process of its own; every request has its own
 * Idempotency-Key, as distinct submissions do.
 */
function fire(server: ApiServer, { route, seconds, rate }: Load): Promise<autocannon.Result> {
  const request: LoadRequest = {
    url: `http://127.0.0.1:${server.port}`,
    path: PATHS[route],
    token: server.token,
    body: SUBMISSION,
    connections: CONNECTIONS,
    seconds,
    rate,
    keyPrefix: `b5-${process.pid}-${++runs}`,
  };
  return runChild<autocannon.Result>(LOAD, [JSON.stringify(request)]);
}

async function measure(server: ApiServer, load: Load, label: string): Promise<Row> {
  await server.ask({ type: 'memory' }, 'memory');
  const result = await fire(server, load);
  const memory = await server.ask({ type: 'memory' }, 'memory');
  // The projector catches up between runs: a backlog left by one run must not slow the next.
  await server.ask({ type: 'settle' }, 'settled');
  if (result['2xx'] === 0)
    throw new Error(
      `B5 ${label} ${load.route}: no request succeeded (${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors)`,
    );
  return {
    scenario: label,
    route: `POST ${PATHS[load.route]}`,
    'req/s': Math.round(result['2xx'] / result.duration),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    'API peak RSS MB': memory.peakRssMB,
    // CPU time per answer: what the route costs, which the other load of a shared machine changes less than req/s.
    'API CPU ms/req': Math.round((memory.cpuMs / result['2xx']) * 100) / 100,
    'ratio %': null,
  };
}

async function scenarios(
  context: BenchContext,
  projector: 'inline' | 'off',
  seconds: number,
): Promise<Row[]> {
  const dataDir = context.logs.path(`b5-${projector}`);
  context.progress(`B5 (projector ${projector}): starting the API…`);
  const server = await ApiServer.start(dataDir, projector);
  try {
    for (const route of ['noop', 'declarations'] as const)
      await fire(server, { route, seconds: Math.min(2, seconds) });
    await server.ask({ type: 'settle' }, 'settled');
    const rows: Row[] = [];
    const suffix = projector === 'inline' ? '' : ', projector off';
    for (const [label, rate] of [
      [`saturation, ${CONNECTIONS} connections${suffix}`, undefined],
      [`${FIXED_RATE} req/s, ${CONNECTIONS} connections${suffix}`, FIXED_RATE],
    ] as const) {
      for (const route of ['noop', 'declarations'] as const) {
        context.progress(`B5 (projector ${projector}): ${label}, ${route}, ${seconds} s…`);
        rows.push(await measure(server, { route, seconds, rate }, label));
      }
      const [noop, declarations] = rows.slice(-2);
      declarations['ratio %'] = ratio(Number(declarations['req/s']), Number(noop['req/s']));
    }
    const memory = await server.ask({ type: 'memory' }, 'memory');
    rows.push({
      scenario: `API process over the whole run${suffix}`,
      route: 'peak RSS (maxRSS)',
      'API peak RSS MB': memory.maxRssMB,
    });
    return rows;
  } finally {
    await server.stop();
  }
}

export const b5Http: Benchmark = {
  name: 'b5-http',
  async run(context) {
    const seconds = bySize(context.mode, { full: 5, quick: 2.5, smoke: 1 });
    const rows = await scenarios(context, 'inline', seconds);
    // BENCH_B5_PROJECTOR_OFF=1 adds the same runs with the projector in another process (VIGIE_PROJECTOR=off).
    if (process.env.BENCH_B5_PROJECTOR_OFF === '1') rows.push(...(await scenarios(context, 'off', seconds)));
    const saturated = rows.find(
      (row) => row.route === 'POST /api/v1/declarations' && String(row.scenario).startsWith('saturation'),
    );
    const fixed = rows.find(
      (row) =>
        row.route === 'POST /api/v1/declarations' && String(row.scenario).startsWith(`${FIXED_RATE} req/s`),
    );
    return {
      title:
        'HTTP: POST /api/v1/declarations vs a no-op POST route of the same Nest app (autocannon, loopback)',
      parameters: {
        seconds,
        connections: CONNECTIONS,
        fixedRate: FIXED_RATE,
        warmUp: `${Math.min(2, seconds)} s per route, not counted`,
        server:
          'createApp in a child process as main.ts starts it (log levels log/warn/error/fatal, access log to a file), default configuration: SQLite event log (WAL, FULL, group commit), SQLite read models, projector inline, embedded JWT; rate limits on and counted, out of reach (VIGIE_RATE_LIMIT_PER_* = 10,000,000 a minute)',
        noop: 'bench/b5-http/bench-noop.controller.ts: same middleware, guard, pipe and filter; no DTO, no idempotency, no append',
        requests:
          'same valid submission body each time, a distinct Idempotency-Key per request, one declarant bearer token',
        load: 'autocannon 9 in a child process of its own (the API has the other core); fixed rate with coordinated-omission correction',
      },
      rows,
      targets: [
        target(
          'declarations vs no-op at saturation',
          '≥ 50 %',
          (saturated?.['ratio %'] as number | undefined) ?? null,
          '%',
          (value) => value >= 50,
        ),
        target(
          `declarations p99 at ${FIXED_RATE} req/s`,
          '≤ 50 ms',
          (fixed?.['p99 ms'] as number | undefined) ?? null,
          'ms',
          (value) => value <= 50,
        ),
      ],
      notes: [
        'req/s counts 2xx answers only; errors are connection errors and timeouts; the projector catches up between runs (not timed).',
        'API peak RSS is sampled every 50 ms in the API process during each run.',
        'API CPU ms/req: user + system CPU time of the API process (all its threads) during the run, per 2xx answer.',
      ],
    };
  },
};
