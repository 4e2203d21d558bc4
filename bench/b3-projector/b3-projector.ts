import { join } from 'node:path';
import { createBenchDatabase } from '../support/bench-postgres';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import { target, type Row } from '../support/bench-result';
import { runChild } from '../support/child-process';
import { LOG_SEED } from '../support/generated-log';
import { perSecond, ratio, round } from '../support/latency';

const CHILD = join(__dirname, 'projector-child.ts');

interface ChildRun {
  events: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  /** Rebuilds only: the peak while replaying into the shadow tables, and while building indexes and swapping. */
  replayPeakRssMB?: number;
  swapPeakRssMB?: number;
}

/** A fresh read database for one child: a file, or a database of its own. */
async function freshReadDatabase(
  context: BenchContext,
  backend: 'sqlite' | 'postgres',
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backend === 'sqlite')
    return { url: `sqlite:${context.logs.path(`${name}.sqlite`)}`, drop: async () => undefined };
  return createBenchDatabase(name);
}

async function measure(context: BenchContext, backend: 'sqlite' | 'postgres', events: number): Promise<Row> {
  const eventsUrl =
    backend === 'sqlite'
      ? `sqlite:${await context.logs.sqliteLog(events)}`
      : await context.logs.postgresLog(events);
  const runIn = async (mode: 'rebuild' | 'raw'): Promise<ChildRun> => {
    const read = await freshReadDatabase(context, backend, `b3_${backend}_${mode}`);
    try {
      context.progress(`B3 ${backend}: ${mode} of ${events} events in a child process…`);
      return await runChild<ChildRun>(CHILD, [mode, eventsUrl, read.url]);
    } finally {
      await read.drop().catch(() => undefined);
    }
  };
  const rebuilt = await runIn('rebuild');
  const raw = await runIn('raw');
  if (rebuilt.events !== events || raw.events !== events)
    throw new Error(`B3 ${backend}: replayed ${rebuilt.events} and ${raw.events} events of ${events}`);
  const rate = perSecond(rebuilt.events, rebuilt.seconds);
  const rawRate = perSecond(raw.events, raw.seconds);
  return {
    scenario: `${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} log → ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} read models`,
    events: rebuilt.events,
    seconds: round(rebuilt.seconds),
    'events/s': rate,
    'events/CPU-s': perSecond(rebuilt.events, rebuilt.cpuSeconds),
    'peak RSS MB': rebuilt.peakRssMB,
    'replay RSS MB': rebuilt.replayPeakRssMB ?? null,
    'swap RSS MB': rebuilt.swapPeakRssMB ?? null,
    'raw events/s': rawRate,
    'raw peak RSS MB': raw.peakRssMB,
    'ratio %': ratio(rate, rawRate),
  };
}

export const b3Projector: Benchmark = {
  name: 'b3-projector',
  async run(context) {
    const events = bySize(context.mode, { full: 1_000_000, quick: 100_000, smoke: 300 });
    const rows: Row[] = [await measure(context, 'sqlite', events)];
    rows.push(
      context.postgres
        ? await measure(context, 'postgres', events)
        : { scenario: 'PostgreSQL log → PostgreSQL read models', events: null },
    );
    const [sqlite] = rows;
    return {
      title: `Rebuild of every read model from ${events.toLocaleString('en-US')} events vs a raw read-and-insert of one row per event`,
      parameters: {
        events,
        seed: LOG_SEED,
        rebuild:
          'rebuildProjections (shadow tables, batches of 2,000, swap), default read models, in a child process',
        raw: 'the same child reads the log with readAll(after, 2000) and inserts one row per event (position, stream, revision, type, data) per batch transaction: better-sqlite3 with the read database settings (WAL, NORMAL) / pg unnest',
        peakRss:
          'process.resourceUsage().maxRSS of the child at its end; replay / swap: RSS sampled every 50 ms while replaying into the shadow tables, then while building their indexes and swapping',
      },
      rows,
      targets: [
        target(
          'SQLite rebuild events/s',
          '≥ 50,000',
          sqlite['events/s'] as number,
          'events/s',
          (value) => value >= 50_000,
        ),
        target(
          'SQLite rebuild peak RSS',
          '≤ 300 MB',
          sqlite['peak RSS MB'] as number,
          'MB',
          (value) => value <= 300,
        ),
      ],
      notes: [],
    };
  },
};
