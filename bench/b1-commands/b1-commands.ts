import { PostgresEventStore, SqliteEventStore, type EventStore } from '@vigie/event-store';
import { createBenchDatabase } from '../support/bench-postgres';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import { target, type Row } from '../support/bench-result';
import { createPostgresLog, createSqliteLog } from '../support/generated-log';
import { millisecondsSince, percentile, perSecond, ratio, round } from '../support/latency';
import { openCommandPath, type CommandPath } from './command-bus';
import { COMMANDS_PER_DECLARATION, declarationLife } from './command-mix';
import { insertRawPostgres, insertRawSqlite, writtenCommands, type RawRun } from './raw-commands';

const SEED = 7;

interface CommandRun {
  commands: number;
  seconds: number;
  /** CPU time of this process (user + system) while the commands ran: less sensitive to other load than `seconds`. */
  cpuSeconds: number;
  latencies: number[];
}

/**
 * `writers` concurrent loops, each living declarations through the API's own CommandBus and
 * handler (idempotency check, read the stream, fold, authorise, seal personal data, decide, append
 * with the record) for `seconds`: what the HTTP routes dispatch to, without HTTP (B5 adds it).
 */
async function driveCommands(
  dataDir: string,
  store: EventStore,
  writers: number,
  seconds: number,
): Promise<CommandRun> {
  const path = await openCommandPath(dataDir, store);
  try {
    return await drive(path.execute, writers, seconds);
  } finally {
    await path.close();
  }
}

async function drive(execute: CommandPath['execute'], writers: number, seconds: number): Promise<CommandRun> {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  let commands = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; Date.now() < deadline; index++) {
        for (const command of declarationLife(SEED, writer, index)) {
          if (Date.now() >= deadline) break;
          const begun = process.hrtime.bigint();
          await execute(command);
          latencies.push(millisecondsSince(begun));
          commands++;
        }
      }
    }),
  );
  const elapsed = millisecondsSince(started) / 1000;
  const used = process.cpuUsage(cpu);
  return { commands, seconds: elapsed, cpuSeconds: (used.user + used.system) / 1e6, latencies };
}

interface Scenario {
  backend: 'sqlite' | 'postgres';
  writers: number;
  /** SQLite: commits on the event loop (the default) or on the store's writer thread. */
  writer?: 'inline' | 'thread';
}

async function measure(
  context: BenchContext,
  { backend, writers, writer = 'inline' }: Scenario,
  seconds: number,
): Promise<Row> {
  const label = `${backend}-${writers}${writer === 'thread' ? '-thread' : ''}`;
  let store: EventStore;
  let raw: (rows: Awaited<ReturnType<typeof writtenCommands>>) => Promise<RawRun>;
  const cleanups: Array<() => Promise<void>> = [];
  if (backend === 'sqlite') {
    store = await SqliteEventStore.open(context.logs.path(`b1-${label}.sqlite`), { writer });
    const rawPath = context.logs.path(`b1-${label}-raw.sqlite`);
    await createSqliteLog(rawPath);
    raw = async (rows) => insertRawSqlite(rawPath, rows, seconds);
  } else {
    const [database, rawDatabase] = [
      await createBenchDatabase(`b1_${writers}`),
      await createBenchDatabase(`b1_${writers}_raw`),
    ];
    cleanups.push(database.drop, rawDatabase.drop);
    // As many connections as writers: the API's default pool (10) would cap 16 writers at 10.
    store = await PostgresEventStore.open(database.url, { poolSize: Math.max(writers, 2) });
    await createPostgresLog(rawDatabase.url);
    raw = (rows) => insertRawPostgres(rawDatabase.url, rows, writers, seconds);
  }
  try {
    context.progress(`B1 ${label}: commands for ${seconds} s…`);
    const run = await driveCommands(context.logs.path(`b1-${label}-data`), store, writers, seconds);
    const rows = await writtenCommands(store);
    if (rows.length !== run.commands)
      throw new Error(`B1 ${label}: ${run.commands} commands acknowledged, ${rows.length} found in the log`);
    context.progress(`B1 ${label}: raw baseline…`);
    const baseline = await raw(rows);
    const rate = perSecond(run.commands, run.seconds);
    const rawRate = perSecond(baseline.commands, baseline.seconds);
    return {
      scenario: `${backend}, ${writers} writer${writers > 1 ? 's' : ''}${writer === 'thread' ? ', writer thread' : ''}`,
      commands: run.commands,
      'commands/s': rate,
      'commands/CPU-s': perSecond(run.commands, run.cpuSeconds),
      'p50 ms': round(percentile(run.latencies, 50), 2),
      'p99 ms': round(percentile(run.latencies, 99), 2),
      'raw commands/s': rawRate,
      'raw writers': backend === 'sqlite' ? 1 : writers,
      'ratio %': ratio(rate, rawRate),
    };
  } finally {
    await store.close();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

export const b1Commands: Benchmark = {
  name: 'b1-commands',
  async run(context) {
    const seconds = bySize(context.mode, { full: 2.5, quick: 1.5, smoke: 0.3 });
    const scenarios: Scenario[] = [
      { backend: 'sqlite', writers: 1 },
      { backend: 'sqlite', writers: 16 },
      ...(context.mode === 'smoke'
        ? []
        : [
            { backend: 'sqlite' as const, writers: 64 },
            { backend: 'sqlite' as const, writers: 64, writer: 'thread' as const },
          ]),
      { backend: 'postgres', writers: 1 },
      { backend: 'postgres', writers: 16 },
    ];
    // Loads and compiles the command path once, on a throwaway log, before anything is timed.
    const warmUp = await SqliteEventStore.open(context.logs.path('b1-warm-up.sqlite'), {
      synchronous: 'normal',
    });
    await driveCommands(context.logs.path('b1-warm-up-data'), warmUp, 4, Math.min(1, seconds)).finally(() =>
      warmUp.close(),
    );
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      if (scenario.backend === 'postgres' && !context.postgres) {
        rows.push({ scenario: `postgres, ${scenario.writers} writers`, commands: null });
        continue;
      }
      rows.push(await measure(context, scenario, seconds));
    }
    // The targets speak of the store as it ships: its default writer; the thread is shown beside it.
    const sqlite = rows.filter(
      (row) => String(row.scenario).startsWith('sqlite') && !String(row.scenario).endsWith('writer thread'),
    );
    const best = sqlite.reduce((a, b) => (Number(b['commands/s']) > Number(a['commands/s']) ? b : a));
    const worstRatio = Math.min(...sqlite.map((row) => Number(row['ratio %'])));
    const pg16 = rows.find((row) => row.scenario === 'postgres, 16 writers');
    return {
      title:
        'Commands through the real command path (idempotency, read, decide, append) vs one raw transaction per command',
      parameters: {
        secondsPerScenario: seconds,
        seed: SEED,
        path: 'the API CommandBus and DeclarationCommandHandler from AppModule (Nest application context, projector off), no HTTP',
        mix: `per declaration ${COMMANDS_PER_DECLARATION} commands: submit, qualify, request complement, provide it, log intervention, report resolution, close; each with an Idempotency-Key`,
        sqlite:
          'store defaults: WAL, synchronous FULL, group commit; raw: better-sqlite3, WAL, FULL, one BEGIN IMMEDIATE…COMMIT per command, one connection',
        postgres:
          'synchronous_commit on (server default); store pool = writers; raw: pg, one BEGIN/INSERT events/INSERT record/COMMIT per command, pool = writers',
      },
      rows,
      targets: [
        target(
          'SQLite commands/s',
          '≥ 10,000',
          Number(best['commands/s']),
          `commands/s (${best.scenario})`,
          (value) => value >= 10_000,
        ),
        target(
          'SQLite vs raw (worst scenario)',
          '≥ 70 %',
          Number.isFinite(worstRatio) ? worstRatio : null,
          '%',
          (value) => value >= 70,
        ),
        target(
          'PostgreSQL 16 writers vs raw',
          '≥ 80 %',
          (pg16?.['ratio %'] as number | null | undefined) ?? null,
          '%',
          (value) => value >= 80,
        ),
      ],
      notes: [
        'Raw rows are those the command run wrote (events + idempotency records), re-inserted one command per transaction; the raw run stops after the same number of seconds.',
        'On SQLite the raw baseline cannot use concurrent writers (one synchronous connection): each commit pays its own fsync, while the store shares one fsync among the appends in flight (group commit).',
      ],
    };
  },
};
