import type autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import { target, type Row } from '../support/bench-result';
import { forkTypeScript } from '../support/child-process';
import { ratio } from '../support/latency';
import { BENCH_FINESS, type ServerMessage, type ServerRequest, type Target } from './api-server-protocol';
import { PIECES } from './bare-apps';
import type { LoadAnswer, LoadRequest } from './load-child';

const API_SERVER = join(__dirname, 'api-server-child.ts');
const BARE_SERVER = join(__dirname, 'bare-server-child.ts');
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

/** A server child (the API, or the bare apps), driven over IPC. */
class ServerChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly targets: Record<string, Target>,
  ) {}

  static start(script: string, args: string[]): Promise<ServerChild> {
    const child = forkTypeScript(script, args);
    let errors = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-10_000)));
    return new Promise((resolve, reject) => {
      child.once('message', (message: ServerMessage) => {
        if (message.type === 'ready') resolve(new ServerChild(child, message.targets));
        else reject(new Error(`server child: ${JSON.stringify(message)}`));
      });
      child.once('exit', (code) =>
        reject(new Error(`server child exited (${code}): ${errors.slice(-3000)}`)),
      );
    });
  }

  ask<T extends ServerMessage['type']>(
    request: ServerRequest,
    answer: T,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: ServerMessage) => {
        if (message.type === answer) resolve(message as Extract<ServerMessage, { type: T }>);
        else reject(new Error(`server child answered ${JSON.stringify(message)} to ${request.type}`));
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

/** One load: a route of a server, called as one of its targets (bearer, cookie, a bare app). */
interface Load {
  server: ServerChild;
  target: string;
  route: Route;
  seconds: number;
  rate?: number;
}

let runs = 0;

/** The load generator's process, started once for the whole of B5 and ended with it. */
class LoadChild {
  private readonly child = forkTypeScript(LOAD, []);

  constructor() {
    this.child.stdout?.resume();
    this.child.stderr?.resume();
  }

  run(request: LoadRequest): Promise<autocannon.Result> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`B5's load child exited (${code})`));
      this.child.once('exit', exited);
      this.child.once('message', (answer: LoadAnswer) => {
        this.child.off('exit', exited);
        if (answer.type === 'result') resolve(answer.result);
        else reject(new Error(`B5's load child: ${answer.message}`));
      });
      this.child.send(request);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

let load: LoadChild | null = null;

/**
 * autocannon against one route, from a child process of its own; every request has its own
 * Idempotency-Key, as distinct submissions do.
 */
function fire({ server, target, route, seconds, rate }: Load): Promise<autocannon.Result> {
  const { port, headers } = server.targets[target];
  load ??= new LoadChild();
  return load.run({
    url: `http://127.0.0.1:${port}`,
    path: PATHS[route],
    headers,
    body: SUBMISSION,
    connections: CONNECTIONS,
    seconds,
    rate,
    keyPrefix: `b5-${process.pid}-${++runs}`,
  });
}

interface Measured {
  result: autocannon.Result;
  cpuMsPerRequest: number;
  peakRssMB: number;
}

async function measure(load: Load, label: string): Promise<Measured> {
  const { server } = load;
  await server.ask({ type: 'memory' }, 'memory');
  const result = await fire(load);
  const memory = await server.ask({ type: 'memory' }, 'memory');
  // The projector catches up between runs: a backlog left by one run must not slow the next.
  await server.ask({ type: 'settle' }, 'settled');
  if (result['2xx'] === 0)
    throw new Error(
      `B5 ${label} ${load.route}: no request succeeded (${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors)`,
    );
  // CPU time per answer: what the route costs, which the other load of a shared machine changes less than req/s.
  const cpuMsPerRequest = Math.round((memory.cpuMs / result['2xx']) * 100) / 100;
  return { result, cpuMsPerRequest, peakRssMB: memory.peakRssMB };
}

const perSecond = ({ result }: Measured): number => Math.round(result['2xx'] / result.duration);

async function row(load: Load, scenario: string, server: string, caller: string): Promise<Row> {
  const measured = await measure(load, scenario);
  const { result } = measured;
  return {
    scenario,
    server,
    caller,
    route: `POST ${PATHS[load.route]}`,
    'req/s': perSecond(measured),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    'API peak RSS MB': measured.peakRssMB,
    'API CPU ms/req': measured.cpuMsPerRequest,
    'ratio %': null,
    'ratio of': null,
  };
}

const compare = (part: Row, whole: Row, name: string): void => {
  part['ratio %'] = ratio(Number(part['req/s']), Number(whole['req/s']));
  part['ratio of'] = name;
};

/**
 * Rounds of the breakdown, each over every app in turn: a burst of the machine's other load hits
 * them alike. Each app's figure is its least CPU per request over the rounds: other processes only
 * ever add to it (contention for the cores and caches), never take from it.
 */
const BREAKDOWN_ROUNDS = 4;

/**
 * The bare app with the API's global pieces added one at a time, each at saturation: what each
 * piece costs, in CPU per request (the least of the rounds); then the whole API's no-op route,
 * bearer and session cookie, in the same rounds.
 */
async function breakdown(
  context: BenchContext,
  servers: { bare: ServerChild; api: ServerChild },
  seconds: number,
): Promise<Row[]> {
  const app = (name: string, load: Load) => ({ name, load, cpu: [] as number[], perSecond: [] as number[] });
  const apps = [
    ...Array.from({ length: PIECES.length + 1 }, (_, count) =>
      app(count === 0 ? 'bare Nest 12 (JSON body parser, no-op route)' : `+ ${PIECES[count - 1]}`, {
        server: servers.bare,
        target: String(count),
        route: 'noop',
        seconds,
      }),
    ),
    // In the same rounds and windows as the bare apps: the comparison is not skewed by the load of another moment.
    app('= Vigie, no-op, bearer: + the rest of the application', {
      server: servers.api,
      target: 'bearer',
      route: 'noop',
      seconds,
    }),
    app('Vigie, no-op, session cookie (Δ: vs bearer)', {
      server: servers.api,
      target: 'cookie',
      route: 'noop',
      seconds,
    }),
  ];
  for (let round = 1; round <= BREAKDOWN_ROUNDS; round++) {
    context.progress(
      `B5 breakdown, round ${round}/${BREAKDOWN_ROUNDS}: ${apps.length} apps, ${seconds} s each…`,
    );
    for (const { name, load, cpu, perSecond: rates } of apps) {
      if (round === 1) await fire({ ...load, seconds: seconds / 2 });
      const measured = await measure(load, `breakdown ${name}`);
      cpu.push(measured.cpuMsPerRequest);
      rates.push(perSecond(measured));
    }
  }
  const least = apps.map(({ name, cpu, perSecond: rates }) => ({
    name,
    cpu: Math.min(...cpu),
    rate: Math.max(...rates),
  }));
  return least.map(({ name, cpu, rate }, index) => {
    // The cookie row against the bearer row; every other row against the one above it.
    const previous = index === 0 ? null : least[index === apps.length - 1 ? index - 2 : index - 1].cpu;
    return piece(name, rate, cpu, previous);
  });
}

const piece = (app: string, perSecond: number, cpu: number, previous: number | null): Row => ({
  breakdown: app,
  'req/s': perSecond,
  'CPU ms/req': cpu,
  'Δ CPU ms/req': previous === null ? null : Math.round((cpu - previous) * 100) / 100,
});

async function scenarios(
  context: BenchContext,
  projector: 'inline' | 'off',
  seconds: { main: number; warmUp: number; breakdown: number },
): Promise<Row[]> {
  const suffix = projector === 'inline' ? '' : ', projector off';
  context.progress(`B5 (projector ${projector}): starting the API and the bare apps…`);
  const [api, bare] = await Promise.all([
    ServerChild.start(API_SERVER, [context.logs.path(`b5-${projector}`), projector]),
    ServerChild.start(BARE_SERVER, [context.logs.path(`b5-bare-${projector}`)]),
  ]);
  try {
    const calls = {
      bare: { server: bare, target: '0', route: 'noop' },
      bearer: { server: api, target: 'bearer', route: 'noop' },
      cookie: { server: api, target: 'cookie', route: 'noop' },
      declarations: { server: api, target: 'bearer', route: 'declarations' },
    } as const;
    for (const call of Object.values(calls)) await fire({ ...call, seconds: seconds.warmUp });
    await api.ask({ type: 'settle' }, 'settled');
    const saturation = `saturation, ${CONNECTIONS} connections${suffix}`;
    const run = (call: (typeof calls)[keyof typeof calls], scenario: string, rate?: number) => {
      context.progress(
        `B5 (projector ${projector}): ${scenario}, ${call.target} ${call.route}, ${seconds.main} s…`,
      );
      return { ...call, seconds: seconds.main, rate };
    };
    const bareRow = await row(run(calls.bare, saturation), saturation, 'bare Nest 12', '—');
    const bearer = await row(run(calls.bearer, saturation), saturation, 'Vigie', 'bearer JWT');
    const cookie = await row(run(calls.cookie, saturation), saturation, 'Vigie', 'session cookie');
    const declarations = await row(run(calls.declarations, saturation), saturation, 'Vigie', 'bearer JWT');
    compare(bearer, bareRow, 'bare Nest 12');
    compare(cookie, bearer, 'no-op, bearer');
    compare(declarations, bearer, 'no-op, bearer');
    const fixed = `${FIXED_RATE} req/s, ${CONNECTIONS} connections${suffix}`;
    const fixedNoop = await row(run(calls.bearer, fixed, FIXED_RATE), fixed, 'Vigie', 'bearer JWT');
    const fixedDeclarations = await row(
      run(calls.declarations, fixed, FIXED_RATE),
      fixed,
      'Vigie',
      'bearer JWT',
    );
    compare(fixedDeclarations, fixedNoop, 'no-op, bearer');
    const rows = [bareRow, bearer, cookie, declarations, fixedNoop, fixedDeclarations];
    // The breakdown once (projector inline): the pieces in front of every route do not depend on it.
    if (projector === 'inline') rows.push(...(await breakdown(context, { bare, api }, seconds.breakdown)));
    const memory = await api.ask({ type: 'memory' }, 'memory');
    rows.push({
      scenario: `API process over the whole run${suffix}`,
      route: 'peak RSS (maxRSS)',
      'API peak RSS MB': memory.maxRssMB,
    });
    return rows;
  } finally {
    await Promise.all([api.stop(), bare.stop()]);
    load?.stop();
    load = null;
  }
}

export const b5Http: Benchmark = {
  name: 'b5-http',
  async run(context) {
    const seconds = {
      main: bySize(context.mode, { full: 5, quick: 2, smoke: 1 }),
      warmUp: bySize(context.mode, { full: 2, quick: 1, smoke: 0.5 }),
      // Shorter: eleven apps, BREAKDOWN_ROUNDS rounds each; the least of short windows is steadier than one long one.
      breakdown: bySize(context.mode, { full: 0.5, quick: 0.4, smoke: 0.25 }),
    };
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
        'HTTP: POST /api/v1/declarations vs a no-op POST route of the same Nest app and of a bare Nest 12 app, and what each global piece costs (autocannon, loopback)',
      parameters: {
        seconds: seconds.main,
        breakdown: `${BREAKDOWN_ROUNDS} rounds over the apps, ${seconds.breakdown} s per app and round (${seconds.breakdown / 2} s of warm-up before the first), least CPU per request of the rounds`,
        connections: CONNECTIONS,
        fixedRate: FIXED_RATE,
        warmUp: `${seconds.warmUp} s per route, not counted`,
        server:
          'createApp in a child process as main.ts starts it (log levels log/warn/error/fatal, access log to a file), default configuration: SQLite event log (WAL, FULL, group commit), SQLite read models, projector inline, embedded JWT; rate limits on and counted, out of reach (VIGIE_RATE_LIMIT_PER_* = 10,000,000 a minute)',
        noop: 'bench/b5-http/bench-noop.controller.ts: same middleware, guard, pipe and filter; no DTO, no idempotency, no append',
        bare: 'bench/b5-http/bare-apps.ts in a child of its own: NestFactory.create on @nestjs/platform-express (as the API), the JSON body parser and the no-op route; the breakdown adds the API’s global pieces one at a time, in createApp’s order, each the product’s own code',
        requests:
          'same valid submission body each time, a distinct Idempotency-Key per request; one declarant bearer token (embedded JWT), or a declarant logged in with a session cookie (invited through UserAdministration, session as the login callback creates it; Sec-Fetch-Site and X-CSRF-Token as the web app sends them)',
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
        'breakdown: each row is the app of the row above plus one piece; Δ CPU ms/req is that piece’s cost per request at saturation (the least CPU and the best req/s of the rounds; a negative Δ is within the noise).',
      ],
    };
  },
};
