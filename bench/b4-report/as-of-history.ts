import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { EventStore } from '@vigie/event-store';
import {
  AsOfChangeRow,
  AsOfInstantRow,
  historyCheckpoint,
  openReadDataSource,
  rebuildProjections,
} from '@vigie/read-models';
import {
  replayReport,
  reportWithin,
  restatementsSince,
  restatementsWithin,
  type AnnualReport,
  type Publication,
} from '@vigie/reporting';
import type { BenchContext } from '../support/bench-context';
import type { Row } from '../support/bench-result';
import { millisecondsSince, percentile, round } from '../support/latency';

export const AS_OF_YEAR = 2026;
export const AS_OF_GENERATED_AT = new Date('2030-01-01T00:00:00.000Z');
/** After every event of the generated log, and in the middle of the year. */
const INSTANTS = ['2030-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'];

/**
 * The report as it stood, from the as-of history (what `GET …?asOf=` and `vigie report` read): the
 * history of the log is B3's, or built first (a rebuild of that read model alone, timed), then each instant
 * is read `runs` times; every report must equal the replay's (the replay is the reference: a
 * difference stops the benchmark). Restatements since an edition, both ways, once.
 */
export async function asOfFromHistory(
  context: BenchContext,
  store: EventStore,
  events: number,
  runs: number,
): Promise<Row[]> {
  // B3's rebuild of every read model from the same log holds the history already (the suite
  // runs B3 first): it is used when complete, else the history alone is rebuilt, and timed.
  const rebuiltByB3 = context.logs.path('b3_sqlite_rebuild.sqlite');
  const reuse = existsSync(rebuiltByB3) && (await historyComplete(rebuiltByB3, store));
  const dataSource = await openReadDataSource(
    `sqlite:${reuse ? rebuiltByB3 : context.logs.path('b4-history.sqlite')}`,
  );
  try {
    let fill: number | string = 'by B3';
    if (!reuse) {
      context.progress(`B4 sqlite: the as-of history of ${events} events…`);
      const filled = process.hrtime.bigint();
      await rebuildProjections({ store, dataSource, names: ['as-of-history'] });
      fill = round(millisecondsSince(filled) / 1000, 1);
    }
    const [changes, instants] = await Promise.all([
      dataSource.getRepository(AsOfChangeRow).count(),
      dataSource.getRepository(AsOfInstantRow).count(),
    ]);
    const rows: Row[] = [];
    const reports = new Map<string, AnnualReport>();
    for (const instant of INSTANTS) {
      const asOf = new Date(instant);
      context.progress(`B4 sqlite: asOf ${instant} from the as-of history, ${runs} runs…`);
      const replayed = await replayReport(store, AS_OF_YEAR, { asOf }, { generatedAt: AS_OF_GENERATED_AT });
      const latencies: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = process.hrtime.bigint();
        const { report, source } = await reportWithin(
          store,
          dataSource,
          AS_OF_YEAR,
          { asOf },
          {
            generatedAt: AS_OF_GENERATED_AT,
          },
        );
        latencies.push(millisecondsSince(started));
        if (source.from !== 'history')
          throw new Error(`B4: the as-of history did not answer (${source.because})`);
        if (!isDeepStrictEqual(report, replayed))
          throw new Error(`B4: the as-of history and the replay differ at ${instant}`);
        reports.set(instant, report);
      }
      rows.push({
        scenario: `asOf ${instant.slice(0, 10)} from the as-of history (SQLite)`,
        events,
        runs,
        'min s': round(Math.min(...latencies) / 1000, 3),
        'median s': round(percentile(latencies, 50) / 1000, 3),
        'max s': round(Math.max(...latencies) / 1000, 3),
        'equal to replay': 'yes',
        'history rows': changes + instants,
        'history fill s': fill,
      });
    }
    rows.push(await restatementRow(store, dataSource, reports.get(INSTANTS[1])!, events));
    return rows;
  } finally {
    await dataSource.destroy();
  }
}

/** The history of `file` has folded the log up to its head. */
async function historyComplete(file: string, store: EventStore): Promise<boolean> {
  const dataSource = await openReadDataSource(`sqlite:${file}`);
  try {
    return (await historyCheckpoint(dataSource)) === (await store.headPosition());
  } finally {
    await dataSource.destroy();
  }
}

/** What changed since an edition frozen mid-year, to after every event: from the history, then replayed. */
async function restatementRow(
  store: EventStore,
  dataSource: Awaited<ReturnType<typeof openReadDataSource>>,
  edition: AnnualReport,
  events: number,
): Promise<Row> {
  const publication: Publication = {
    publicationId: '00000000-0000-4000-8000-000000000001',
    year: AS_OF_YEAR,
    report: edition,
    position: edition.position,
    taxonomyVersion: edition.taxonomyVersion,
    asOf: edition.asOf,
    note: null,
    checksum: '',
    publishedBy: 'bench',
    publishedAt: edition.asOf,
    recordedPosition: edition.position,
  };
  const compared = { asOf: AS_OF_GENERATED_AT };
  const started = process.hrtime.bigint();
  const fromHistory = await restatementsWithin(store, dataSource, publication, compared);
  const historyMs = millisecondsSince(started);
  const replayStarted = process.hrtime.bigint();
  const replayed = await restatementsSince(store, publication, compared);
  const replayMs = millisecondsSince(replayStarted);
  if (fromHistory.source.from !== 'history' || !isDeepStrictEqual(fromHistory.restatements, replayed))
    throw new Error('B4: restatements from the as-of history and from the replay differ');
  return {
    scenario: 'restatements since a mid-year edition: history, then replay (SQLite)',
    events,
    runs: 1,
    'min s': round(historyMs / 1000, 3),
    'median s': round(historyMs / 1000, 3),
    'max s': round(historyMs / 1000, 3),
    'equal to replay': 'yes',
    'replay s': round(replayMs / 1000, 2),
    changes: replayed.changes.length,
  };
}
