import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parisDate, type DeclarationEvent } from '@vigie/domain';
import { SqliteEventStore, type EventStore } from '@vigie/event-store';
import { Projector, asOfHistory, openReadDataSource } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { createTestDatabase, describePostgres } from '../../../test/support/postgres';
import { temporaryDirectory } from '../../read-models/src/testing/read-test-kit';
import type { AnnualReport } from './annual-report';
import { replayReport } from './as-of';
import { restatementsSince } from './publications/compare-edition';
import { reportWithin, restatementsWithin } from './report-within';
import { laterEventArb, streamArb } from './testing/declaration-log.arbitraries';

const YEAR = 2020;
/** Submissions from mid-2018 to early 2021: the year, the year before (its total is in the report), and years that never count. */
const FROM = Date.parse('2018-11-01T00:00:00.000Z');
const TO = Date.parse('2021-02-01T00:00:00.000Z');
const DAY = 86_400_000;

/** What the regulatory clocks follow, besides what the statistics count. */
const regulatoryEventArb = (id: string): fc.Arbitrary<DeclarationEvent> =>
  fc.oneof(
    fc.constantFrom('ESSENTIAL', 'IMPORTANT', 'NONE').map(
      (to): DeclarationEvent =>
        ({
          type: 'StructureNis2StatusAmended',
          data: {
            declarationId: id,
            from: 'NONE',
            to,
            amendedBy: 'd',
            amendedAt: '2020-01-01T00:00:00.000Z',
          },
        }) as DeclarationEvent,
    ),
    fc.integer({ min: 0, max: 10 * DAY }).map(
      (after): DeclarationEvent =>
        ({
          type: 'CnilNotificationDeclared',
          data: {
            declarationId: id,
            notifiedAt: new Date(FROM + after).toISOString(),
            reference: 'CNIL-1',
            declaredBy: 'd',
            declaredAt: '2020-01-01T00:00:00.000Z',
          },
        }) as DeclarationEvent,
    ),
    fc.constant({
      type: 'DeclarationClosed',
      data: { declarationId: id, reason: 'Traité', closedBy: 'a', closedAt: '2020-01-01T00:00:00.000Z' },
    } as DeclarationEvent),
    fc.constant({
      type: 'DeclarationReopened',
      data: { declarationId: id, reason: 'Rechute', reopenedBy: 'a', reopenedAt: '2020-01-01T00:00:00.000Z' },
    } as DeclarationEvent),
  );

interface Entry {
  at: number;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * A log as stores record it: declarations (requalified, out of scope, closed, over four years),
 * other streams' events between them, instants sometimes in whole minutes (events recorded at the
 * same instant), and, sometimes, one event recorded before an earlier one (an import of old data).
 */
const logArb = fc
  .record({
    streams: fc.array(
      fc.uuid().chain((id) =>
        fc.tuple(
          fc.constant(id),
          streamArb(id, FROM, TO),
          fc.array(
            fc.tuple(
              fc.integer({ min: 1, max: 30 * DAY }),
              fc.oneof(laterEventArb(id), regulatoryEventArb(id)),
            ),
            {
              maxLength: 4,
            },
          ),
        ),
      ),
      { minLength: 1, maxLength: 10 },
    ),
    others: fc.array(fc.integer({ min: FROM, max: TO + 60 * DAY }), { maxLength: 6 }),
    minutes: fc.boolean(),
    backInTime: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 * DAY })), { freq: 4 }),
  })
  .map(({ streams, others, minutes, backInTime }): Entry[] => {
    const entries: Entry[] = [];
    for (const [id, events, extra] of streams) {
      let at = events[events.length - 1].at;
      const all = [...events, ...extra.map(([delay, event]) => ({ at: (at += delay), event }))];
      for (const { at: instant, event } of all)
        entries.push({
          at: instant,
          streamId: `declaration-${id}`,
          type: event.type,
          data: event.data as never,
        });
    }
    others.forEach((instant, index) =>
      entries.push({ at: instant, streamId: `user-${index % 2}`, type: 'UserInvited', data: { index } }),
    );
    const rounded = entries.map((entry) => ({
      ...entry,
      at: minutes ? entry.at - (entry.at % 60_000) : entry.at,
    }));
    // Stable: one stream's events keep their order.
    rounded.sort((a, b) => a.at - b.at);
    if (backInTime !== null && rounded.length > 1) {
      const [index, by] = backInTime;
      const moved = rounded[1 + (index % (rounded.length - 1))];
      moved.at -= by;
    }
    return rounded;
  });

/** Instants around and inside the log, and some of its own instants (equal to a recorded one). */
const boundsArb = fc.array(
  fc.record({
    at: fc.oneof(fc.integer({ min: FROM - DAY, max: TO + 90 * DAY }), fc.nat()),
    position: fc.option(fc.nat(), { freq: 2 }),
  }),
  { minLength: 4, maxLength: 8 },
);

/**
 * When the history answers (read-as-of-history.ts), said from the log itself: the events of every
 * declaration of the year and the year before recorded in log order, and, under a position bound, no later event recorded at or before
 * the instant (positions are 1, 2, 3… in a fresh SQLite log).
 */
function historyCanAnswer(entries: readonly Entry[], within: { asOf: Date; position?: bigint }): boolean {
  const last = new Map<string, number>();
  const counted = new Set(
    entries
      .filter((entry) => entry.type === 'DeclarationSubmitted')
      .filter((entry) => [YEAR - 1, YEAR].includes(parisDate(String(entry.data.submittedAt)).year))
      .map((entry) => entry.streamId),
  );
  for (const entry of entries) {
    if (!counted.has(entry.streamId)) continue;
    if (entry.at < (last.get(entry.streamId) ?? -Infinity)) return false;
    last.set(entry.streamId, Math.max(entry.at, last.get(entry.streamId) ?? -Infinity));
  }
  if (within.position === undefined) return true;
  const after = entries.slice(Number(within.position));
  return after.every((entry) => entry.at > within.asOf.getTime());
}

async function appendLog(store: EventStore, entries: readonly Entry[]): Promise<void> {
  for (const entry of entries) {
    await store.append(
      entry.streamId,
      [
        {
          id: randomUUID(),
          type: entry.type,
          data: entry.data,
          metadata: { actor: { sub: 'a', role: 'analyst' }, correlationId: 'c', schemaVersion: 1 },
        },
      ],
      { expectedRevision: 'any', recordedAt: new Date(entry.at) },
    );
  }
}

async function clearHistory(dataSource: DataSource): Promise<void> {
  for (const table of ['as_of_declaration', 'as_of_change', 'as_of_instant'])
    await dataSource.query(`DELETE FROM "${table}"`);
  await dataSource.query(`DELETE FROM "projection_checkpoint"`);
}

function equalitySuite(
  openDatabase: () => Promise<{ url: string; drop: () => Promise<void> }>,
  runs: number,
) {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const directory = temporaryDirectory('report-within');

  beforeAll(async () => {
    const database = await openDatabase();
    drop = database.drop;
    dataSource = await openReadDataSource(database.url);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await drop();
    directory.remove();
  });

  it('the report read from the as-of history equals the replay of the log, at any instant and position', async () => {
    let fromHistory = 0;
    let replayed = 0;
    await fc.assert(
      fc.asyncProperty(logArb, boundsArb, async (entries, bounds) => {
        const store = await SqliteEventStore.open(join(directory.path, `${randomUUID()}.sqlite`));
        try {
          await clearHistory(dataSource);
          await appendLog(store, entries);
          // Batches of 7: a declaration's events are folded across batches as well as within one.
          const projector = new Projector({ store, dataSource, readModels: [asOfHistory], batchSize: 7 });
          await projector.catchUp();
          const head = await store.headPosition();
          const editions: { within: { asOf: Date; position?: bigint }; report: AnnualReport }[] = [];
          for (const bound of bounds) {
            // Small naturals pick one of the log's own instants (and its neighbours).
            const at =
              bound.at < entries.length * 3
                ? entries[bound.at % entries.length].at + (bound.at % 3) - 1
                : bound.at;
            const within = {
              asOf: new Date(at),
              ...(bound.position === null ? {} : { position: BigInt(bound.position) % (head + 1n) }),
            };
            const generatedAt = new Date('2030-01-01T00:00:00.000Z');
            const expected = await replayReport(store, YEAR, within, { generatedAt });
            const { report, source } = await reportWithin(store, dataSource, YEAR, within, { generatedAt });
            expect(report).toEqual(expected);
            if (source.from === 'history') fromHistory += 1;
            else replayed += 1;
            expect(source.from).toBe(historyCanAnswer(entries, within) ? 'history' : 'replay');
            editions.push({ within, report: expected });
          }
          // What changed between two of those reports, as if the first had been published.
          const [edition, compared] = [editions[0], editions[editions.length - 1]];
          const publication = {
            publicationId: 'p',
            year: YEAR,
            report: edition.report,
            position: edition.report.position,
            taxonomyVersion: edition.report.taxonomyVersion,
            asOf: edition.report.asOf,
            note: null,
            checksum: '',
            publishedBy: 'a',
            publishedAt: edition.report.asOf,
            recordedPosition: String(head),
          };
          const restated = await restatementsWithin(store, dataSource, publication, compared.within);
          expect(restated.restatements).toEqual(await restatementsSince(store, publication, compared.within));
        } finally {
          await store.close();
        }
      }),
      { numRuns: runs },
    );
    // The history answered most reports: the equality is not that of two replays.
    expect(fromHistory).toBeGreaterThan(replayed);
  }, 180_000);
}

describe('the report as it stood, from the as-of history [sqlite]', () => {
  equalitySuite(async () => {
    const directory = temporaryDirectory('report-within-read');
    return { url: `sqlite:${join(directory.path, 'read.sqlite')}`, drop: async () => directory.remove() };
  }, 80);
});

describePostgres('the report as it stood, from the as-of history', () => {
  equalitySuite(() => createTestDatabase('vigie_report_within'), 40);
});
