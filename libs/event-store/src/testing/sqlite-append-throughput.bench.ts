import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { sampleEvent } from './sample-events';

// Appends per second on this machine's disk: the SQLite adapter against better-sqlite3 used
// directly. Not part of the normal run (testMatch is *.spec.ts and *.e2e.ts):
//   npx jest --testMatch '**/*.bench.ts' libs/event-store
// BENCH_SECONDS (default 3) sets how long each scenario runs.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** About 1 KB of JSON per event, as in the README's earlier measurement. */
function benchEvent(): NewEvent {
  const event = sampleEvent();
  return { ...event, data: { ...event.data, comment: 'Sauvegardes vérifiées. '.repeat(35) } };
}

interface Figure {
  scenario: string;
  appends: number;
  perSecond: number;
  commits?: number;
}

/** Runs `writers` loops, each awaiting one append after another, for SECONDS. */
async function drive(writers: number, append: (writer: number, index: number) => Promise<unknown>) {
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  let appends = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; Date.now() < deadline; index++) {
        await append(writer, index);
        appends++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { appends, perSecond: Math.round(appends / seconds) };
}

describe('SQLite append throughput', () => {
  let dir: string;
  const figures: Figure[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-append-bench-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    const lines = figures.map(
      ({ scenario, appends, perSecond, commits }) =>
        `${scenario.padEnd(58)} ${String(perSecond).padStart(7)} appends/s  (${appends} appends` +
        `${commits === undefined ? '' : `, ${commits} commits, ${(appends / commits).toFixed(1)} per commit`})`,
    );
    process.stdout.write(`\nSQLite append throughput, ${SECONDS} s per scenario\n${lines.join('\n')}\n`);
  });

  it('raw baseline: better-sqlite3 inserts, one transaction each, WAL + synchronous FULL', async () => {
    const path = join(dir, 'raw.sqlite');
    // Opening through the store creates the same schema; the baseline then bypasses the store.
    await (await SqliteEventStore.open(path)).close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, 0, ?, ?, ?, ?)`,
    );
    const appendOne = db.transaction((event: NewEvent) =>
      insert.run(
        event.id,
        `declaration-${randomUUID()}`,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        new Date().toISOString(),
      ),
    ).immediate;
    const result = await drive(1, async () => appendOne(benchEvent()));
    db.close();
    figures.push({ scenario: 'raw better-sqlite3, 1 transaction per insert', ...result });
    expect(result.appends).toBeGreaterThan(0);
  });

  for (const [writers, synchronous] of [
    [1, 'full'],
    [16, 'full'],
    [64, 'full'],
    [256, 'full'],
    [64, 'normal'],
  ] as const) {
    it(`store.append, ${writers} concurrent writer(s), synchronous ${synchronous}`, async () => {
      const path = join(dir, `store-${writers}-${synchronous}.sqlite`);
      let commits = 0;
      const store = await SqliteEventStore.open(path, { synchronous, onGroupCommit: () => commits++ });
      try {
        const result = await drive(writers, () =>
          store.append(`declaration-${randomUUID()}`, [benchEvent()], { expectedRevision: 'no_stream' }),
        );
        figures.push({
          scenario: `store.append, ${writers} writer(s), ${synchronous.toUpperCase()}`,
          ...result,
          commits,
        });
        expect((await store.readAll(0n, result.appends + 1)).length).toBe(result.appends);
      } finally {
        await store.close();
      }
    }, 60_000);
  }

  for (const writers of [64, 256]) {
    it(`command-shaped, ${writers} writers, FULL: findIdempotency + readStream + append with its record`, async () => {
      const path = join(dir, `commands-${writers}.sqlite`);
      let commits = 0;
      const store = await SqliteEventStore.open(path, { onGroupCommit: () => commits++ });
      try {
        // Each writer works on its own declarations, of a few events each, as the API's handler does.
        const streams = Array.from({ length: writers }, () =>
          Array.from({ length: 50 }, () => `declaration-${randomUUID()}`),
        );
        await store.appendMany(
          streams.flat().map((streamId) => ({
            streamId,
            events: [benchEvent(), benchEvent()],
            options: { expectedRevision: 'no_stream' as const },
          })),
        );
        commits = 0;
        const result = await drive(writers, async (writer, index) => {
          const streamId = streams[writer][index % 50];
          const key = `analyst-1:${randomUUID()}`;
          if ((await store.findIdempotency(key)) !== null) throw new Error('a fresh key was taken');
          const recorded = await store.readStream(streamId);
          await store.append(streamId, [benchEvent()], {
            expectedRevision: recorded[recorded.length - 1].revision,
            idempotency: {
              key,
              requestHash: 'sha256:bench',
              response: { status: 200, body: { id: streamId } },
            },
          });
        });
        figures.push({
          scenario: `command-shaped (find key, read stream, append), ${writers} writers`,
          ...result,
          commits,
        });
        expect(result.appends).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }, 60_000);
  }
});
