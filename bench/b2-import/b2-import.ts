import { migrateEventLog, PostgresEventStore, SqliteEventStore, type EventStore } from '@vigie/event-store';
import { Client } from 'pg';
import { createBenchDatabase } from '../support/bench-postgres';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import type { Row } from '../support/bench-result';
import {
  bulkInsertPostgres,
  bulkInsertSqlite,
  createPostgresLog,
  createSqliteLog,
  generatedAppends,
  IMPORT_BATCH,
  inBatches,
  LOG_SEED,
  toAppendRequest,
} from '../support/generated-log';
import { perSecond, ratio, round } from '../support/latency';

/** The store's import path: `appendMany` of one page at a time, as `vigie migrate` writes. Times the writes only. */
async function importThroughStore(store: EventStore, events: number): Promise<Timed> {
  if (!store.appendMany) throw new Error('this store has no appendMany');
  let written = 0;
  let nanoseconds = 0n;
  for (const batch of inBatches(generatedAppends(events), IMPORT_BATCH)) {
    const requests = batch.map(toAppendRequest);
    const started = process.hrtime.bigint();
    await store.appendMany(requests);
    nanoseconds += process.hrtime.bigint() - started;
    written += requests.length;
  }
  return { events: written, seconds: Number(nanoseconds) / 1e9 };
}

interface MigrationRun {
  events: number;
  seconds: number;
  /** Reading and checksumming both logs before copying (resumability). */
  surveySeconds: number;
  copySeconds: number;
  /** Reading the target again and comparing checksums. */
  verifySeconds: number;
}

/** `vigie migrate`'s own function, timed phase by phase through its progress callback. */
async function migrate(from: EventStore, to: EventStore): Promise<MigrationRun> {
  const started = Date.now();
  let surveyed = 0;
  let copied = 0;
  const result = await migrateEventLog({
    from,
    to,
    batchSize: IMPORT_BATCH,
    onProgress: (done, total) => {
      if (surveyed === 0) surveyed = Date.now();
      if (done === total) copied = Date.now();
    },
  });
  const ended = Date.now();
  return {
    events: result.copied,
    seconds: (ended - started) / 1000,
    surveySeconds: (surveyed - started) / 1000,
    copySeconds: (copied - surveyed) / 1000,
    verifySeconds: (ended - copied) / 1000,
  };
}

interface Timed {
  events: number;
  seconds: number;
}

function importRow(scenario: string, run: Timed, raw: Timed): Row {
  const rate = perSecond(run.events, run.seconds);
  const rawRate = perSecond(raw.events, raw.seconds);
  return {
    scenario,
    events: run.events,
    seconds: round(run.seconds),
    'events/s': rate,
    'raw events/s': rawRate,
    'ratio %': ratio(rate, rawRate),
  };
}

async function sqliteImports(
  context: BenchContext,
  events: number,
  migrated: number,
): Promise<{ rows: Row[]; raw: Timed }> {
  context.progress(`B2: raw bulk insert of ${events} events into SQLite…`);
  const rawPath = context.logs.path('b2-raw.sqlite');
  await createSqliteLog(rawPath);
  const raw = bulkInsertSqlite(rawPath, inBatches(generatedAppends(events), IMPORT_BATCH));

  context.progress(`B2: import of ${events} events through SqliteEventStore.appendMany…`);
  const seededPath = context.logs.path(`log-${events}-imported.sqlite`);
  const store = await SqliteEventStore.open(seededPath);
  const imported = await importThroughStore(store, events).finally(() => store.close());
  context.logs.keepSqliteLog(events, seededPath);
  const rows: Row[] = [
    {
      scenario: 'SQLite: raw bulk insert',
      events: raw.events,
      seconds: round(raw.seconds),
      'events/s': perSecond(raw.events, raw.seconds),
    },
    importRow('SQLite: seed through the store (appendMany, 1,000 per transaction)', imported, raw),
  ];

  context.progress(`B2: vigie migrate SQLite → SQLite of ${migrated} events…`);
  const from = await SqliteEventStore.open(await context.logs.sqliteLog(migrated));
  const to = await SqliteEventStore.open(context.logs.path('b2-migrated.sqlite'));
  const run = await migrate(from, to).finally(async () => {
    await from.close();
    await to.close();
  });
  rows.push(migrationRow('SQLite → SQLite: vigie migrate', run, raw));
  return { rows, raw };
}

function migrationRow(scenario: string, run: MigrationRun, raw: Timed): Row {
  return {
    ...importRow(scenario, run, raw),
    'survey s': round(run.surveySeconds),
    'copy s': round(run.copySeconds),
    'verify s': round(run.verifySeconds),
    'copy events/s': perSecond(run.events, run.copySeconds),
  };
}

async function postgresImports(context: BenchContext, events: number, migrated: number): Promise<Row[]> {
  // The raw insert's database is kept: it is the PostgreSQL log B3 and B4 read.
  const rawDatabase = await createBenchDatabase('b2_raw');
  let raw: Timed;
  try {
    context.progress(`B2: raw bulk insert of ${events} events into PostgreSQL…`);
    await createPostgresLog(rawDatabase.url);
    const client = new Client({ connectionString: rawDatabase.url });
    await client.connect();
    raw = await bulkInsertPostgres(client, inBatches(generatedAppends(events), IMPORT_BATCH)).finally(() =>
      client.end(),
    );
    context.logs.keepPostgresLog(events, rawDatabase);
  } catch (error) {
    await rawDatabase.drop();
    throw error;
  }

  context.progress(`B2: vigie migrate SQLite → PostgreSQL of ${migrated} events…`);
  const target = await createBenchDatabase('b2_migrated');
  try {
    const from = await SqliteEventStore.open(await context.logs.sqliteLog(migrated));
    const to = await PostgresEventStore.open(target.url);
    const run = await migrate(from, to).finally(async () => {
      await from.close();
      await to.close();
    });
    return [
      {
        scenario: 'PostgreSQL: raw bulk insert',
        events: raw.events,
        seconds: round(raw.seconds),
        'events/s': perSecond(raw.events, raw.seconds),
      },
      migrationRow('SQLite → PostgreSQL: vigie migrate', run, raw),
    ];
  } finally {
    await target.drop();
  }
}

export const b2Import: Benchmark = {
  name: 'b2-import',
  async run(context) {
    const events = bySize(context.mode, { full: 1_000_000, quick: 100_000, smoke: 300 });
    // vigie migrate copies at a few thousand events/s into PostgreSQL: 1M would take the whole suite's budget.
    const migrated = bySize(context.mode, { full: 50_000, quick: 25_000, smoke: 300 });
    const { rows } = await sqliteImports(context, events, migrated);
    if (context.postgres) rows.push(...(await postgresImports(context, events, migrated)));
    else rows.push({ scenario: 'SQLite → PostgreSQL: vigie migrate', events: null });
    return {
      title: `Import of ${events.toLocaleString('en-US')} generated events (vigie migrate: ${migrated.toLocaleString('en-US')}) vs a raw bulk insert of the same rows`,
      parameters: {
        events,
        migrated,
        seed: LOG_SEED,
        batch: IMPORT_BATCH,
        generator:
          'libs/read-models/src/testing/event-log-generator.ts (one event per append, ~6.5 events per declaration)',
        raw: 'SQLite: better-sqlite3, one prepared INSERT, 1,000 rows per transaction, WAL + FULL; PostgreSQL: pg, one INSERT … SELECT FROM unnest per 1,000 rows',
        timing:
          'seeding and raw: time inside the write calls (generation excluded, serialisation included); migrate: the whole call, with its phases',
      },
      rows,
      targets: [],
      notes: [
        'vigie migrate reads the source twice (survey with checksum, then copy) and the target once (verify): its copy phase is the part comparable with a raw insert.',
      ],
    };
  },
};
