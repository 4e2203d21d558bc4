/*
 * One measured run in a process of its own, so that its peak RSS is the projector's:
 *   node -r ./bench/register.js bench/b3-projector/projector-child.ts rebuild|raw <eventsUrl> <readUrl>
 * Prints { events, seconds, cpuSeconds, peakRssMB } as JSON on its last line.
 */
import Database from 'better-sqlite3';
import { openEventStore, type EventStore, type RecordedEvent } from '@vigie/event-store';
import { openReadDataSource, rebuildProjections, readDialectOf, sqlitePathOf } from '@vigie/read-models';
import { Client } from 'pg';
import { childMain } from '../support/child-process';
import { peakRssMB } from '../support/machine';

/** Events per read and per transaction: rebuildProjections' default, so that both do the same number of each. */
const BATCH = 2000;

interface Run {
  events: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
}

async function timed(work: () => Promise<number>): Promise<Run> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const events = await work();
  const used = process.cpuUsage(cpu);
  return {
    events,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMB: peakRssMB(),
  };
}

/**
 * RSS sampled every 50 ms, apart for the replay into the shadow tables and for what follows it
 * (index builds and the swap): where the peak comes from, when it is too high.
 */
async function rebuild(
  store: EventStore,
  readUrl: string,
): Promise<Run & { replayPeakRssMB: number; swapPeakRssMB: number }> {
  const dataSource = await openReadDataSource(readUrl);
  const peaks = { replay: 0, swap: 0 };
  let phase: keyof typeof peaks = 'replay';
  const sample = () => (peaks[phase] = Math.max(peaks[phase], process.memoryUsage.rss()));
  const sampler = setInterval(sample, 50);
  try {
    const run = await timed(
      async () =>
        (
          await rebuildProjections({
            store,
            dataSource,
            onProgress: ({ done, total }) => {
              sample();
              if (done >= total) phase = 'swap';
            },
          })
        ).events,
    );
    sample();
    return {
      ...run,
      replayPeakRssMB: Math.round(peaks.replay / 2 ** 20),
      swapPeakRssMB: Math.round(peaks.swap / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await dataSource.destroy();
  }
}

/** Writes one row per event, batch per transaction; returns how many. */
type RowWriter = { write: (events: RecordedEvent[]) => Promise<void>; close: () => Promise<void> };

async function rawWriter(readUrl: string): Promise<RowWriter> {
  const columns =
    '(position bigint PRIMARY KEY, stream_id text NOT NULL, revision integer NOT NULL, type text NOT NULL, data text NOT NULL)';
  if (readDialectOf(readUrl) === 'sqlite') {
    const db = new Database(sqlitePathOf(readUrl));
    // The read database's own settings (read-data-source.ts).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -32768');
    db.exec(`CREATE TABLE raw_projection ${columns}`);
    const insert = db.prepare(
      'INSERT INTO raw_projection (position, stream_id, revision, type, data) VALUES (?, ?, ?, ?, ?)',
    );
    const insertAll = db.transaction((events: RecordedEvent[]) => {
      for (const event of events)
        insert.run(event.position, event.streamId, event.revision, event.type, JSON.stringify(event.data));
    });
    return {
      write: async (events) => {
        insertAll.immediate(events);
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new Client({ connectionString: readUrl });
  await client.connect();
  await client.query(`CREATE TABLE raw_projection ${columns}`);
  return {
    write: async (events) => {
      await client.query(
        'INSERT INTO raw_projection (position, stream_id, revision, type, data) SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[])',
        [
          events.map((event) => event.position.toString()),
          events.map((event) => event.streamId),
          events.map((event) => event.revision),
          events.map((event) => event.type),
          events.map((event) => JSON.stringify(event.data)),
        ],
      );
    },
    close: () => client.end(),
  };
}

/** The raw baseline: read the log as the rebuild does, bulk-insert one row per event, nothing else. */
async function raw(store: EventStore, readUrl: string): Promise<Run> {
  const writer = await rawWriter(readUrl);
  try {
    return await timed(async () => {
      let events = 0;
      for (let after = 0n; ;) {
        const page = await store.readAll(after, BATCH);
        if (page.length === 0) break;
        await writer.write(page);
        events += page.length;
        after = page[page.length - 1].position;
      }
      return events;
    });
  } finally {
    await writer.close();
  }
}

childMain(async () => {
  const [mode, eventsUrl, readUrl] = process.argv.slice(2);
  const store = await openEventStore(eventsUrl);
  try {
    if (mode === 'rebuild') return await rebuild(store, readUrl);
    if (mode === 'raw') return await raw(store, readUrl);
    throw new Error(`unknown mode ${mode}: expected rebuild or raw`);
  } finally {
    await store.close();
  }
});
