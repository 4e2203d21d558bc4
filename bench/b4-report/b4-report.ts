import { openEventStore } from '@vigie/event-store';
import { openReadDataSource } from '@vigie/read-models';
import { replayReport } from '@vigie/reporting';
import { liveAnnualReport } from '../../apps/api/src/reports/live-annual-report';
import { createBenchDatabase } from '../support/bench-postgres';
import { bySize, type BenchContext, type Benchmark } from '../support/bench-context';
import { target, type Row } from '../support/bench-result';
import { LOG_SEED } from '../support/generated-log';
import { millisecondsSince, percentile, round } from '../support/latency';
import { AS_OF_GENERATED_AT, AS_OF_YEAR, asOfFromHistory } from './as-of-history';
import { fillReportReadModels, FIRST_YEAR, YEARS } from './report-read-models';

const FACTS_SEED = 11;
const WARM_UP_RUNS = 5;
const MIN_RUNS = 5;

/** The report the API answers for `GET /reports/annual/{year}`, from the read models, timed run by run. */
async function reportLatencies(
  context: BenchContext,
  backend: 'sqlite' | 'postgres',
  declarations: number,
  runs: number,
  budgetSeconds: number,
): Promise<Row> {
  const database =
    backend === 'sqlite'
      ? { url: `sqlite:${context.logs.path('b4-read.sqlite')}`, drop: async () => undefined }
      : await createBenchDatabase('b4_read');
  try {
    await (await openReadDataSource(database.url)).destroy();
    context.progress(`B4 ${backend}: read models of ${declarations} declarations over ${YEARS} years…`);
    const tables = await fillReportReadModels(database.url, declarations, FACTS_SEED, declarations * 6);
    const dataSource = await openReadDataSource(database.url);
    try {
      const years = Array.from({ length: YEARS }, (_, index) => FIRST_YEAR + index);
      const now = new Date('2026-06-01T00:00:00.000Z');
      const warmUpEnds = Date.now() + budgetSeconds * 100;
      for (let run = 0; run < WARM_UP_RUNS && (run === 0 || Date.now() < warmUpEnds); run++)
        await liveAnnualReport(dataSource, years[run % YEARS], now);
      // `runs` runs, unless the report is so slow that they would take longer than the budget.
      const latencies: number[] = [];
      const ends = Date.now() + budgetSeconds * 1000;
      for (let run = 0; run < runs && (run < MIN_RUNS || Date.now() < ends); run++) {
        const year = years[run % YEARS];
        const started = process.hrtime.bigint();
        const report = await liveAnnualReport(dataSource, year, now);
        latencies.push(millisecondsSince(started));
        if (report.declarations.total !== (tables.perYear.get(year) ?? 0)) {
          throw new Error(
            `B4: the ${year} report counts ${report.declarations.total} declarations, ${tables.perYear.get(year)} were filled in`,
          );
        }
      }
      return {
        scenario: `report from the ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} read models`,
        declarations,
        'cells rows': tables.cells,
        'structure rows': tables.structures,
        'deadline rows': tables.deadlines,
        'deadline share rows': tables.deadlineShares,
        runs: latencies.length,
        'p50 ms': round(percentile(latencies, 50), 2),
        'p95 ms': round(percentile(latencies, 95), 2),
        'p99 ms': round(percentile(latencies, 99), 2),
        'fill s': round(tables.seconds),
      };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.drop().catch(() => undefined);
  }
}

/** `asOf`: the report replayed from the whole log (what `GET …?asOf=` and `vigie report` do). */
async function asOfLatency(
  context: BenchContext,
  backend: 'sqlite' | 'postgres',
  events: number,
  runs: number,
  historyRuns = 0,
): Promise<Row[]> {
  const url =
    backend === 'sqlite'
      ? `sqlite:${await context.logs.sqliteLog(events)}`
      : await context.logs.postgresLog(events);
  const store = await openEventStore(url);
  try {
    const seconds: number[] = [];
    for (let run = 0; run < runs; run++) {
      context.progress(`B4 ${backend}: asOf over ${events} events, run ${run + 1}/${runs}…`);
      const started = process.hrtime.bigint();
      const report = await replayReport(
        store,
        AS_OF_YEAR,
        { asOf: AS_OF_GENERATED_AT },
        { generatedAt: AS_OF_GENERATED_AT },
      );
      seconds.push(millisecondsSince(started) / 1000);
      if (events >= 1000 && report.declarations.total === 0)
        throw new Error('B4: the asOf report of 2026 counts no declaration');
    }
    const replay: Row = {
      scenario: `asOf replay of the ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} log`,
      events,
      runs,
      'min s': round(Math.min(...seconds), 2),
      'median s': round(percentile(seconds, 50), 2),
      'max s': round(Math.max(...seconds), 2),
      'events/s': Math.round(events / Math.min(...seconds)),
    };
    return historyRuns === 0
      ? [replay]
      : [replay, ...(await asOfFromHistory(context, store, events, historyRuns))];
  } finally {
    await store.close();
  }
}

export const b4Report: Benchmark = {
  name: 'b4-report',
  async run(context) {
    const declarations = bySize(context.mode, { full: 1_000_000, quick: 100_000, smoke: 300 });
    const events = bySize(context.mode, { full: 1_000_000, quick: 100_000, smoke: 300 });
    const runs = bySize(context.mode, { full: 50, quick: 50, smoke: 5 });
    // Seconds the timed runs of one backend may take: 50 runs of a report that takes seconds would not fit the suite.
    const budget = bySize(context.mode, { full: 20, quick: 5, smoke: 60 });
    const asOfRuns = bySize(context.mode, { full: 1, quick: 1, smoke: 1 });
    const historyRuns = bySize(context.mode, { full: 10, quick: 10, smoke: 2 });
    const rows: Row[] = [await reportLatencies(context, 'sqlite', declarations, runs, budget)];
    // PostgreSQL read models in the quick suite (100k declarations) and the smoke test only: filling
    // them for 1M declarations takes about two minutes, which the full suite's ten do not have.
    if (context.postgres && context.mode !== 'full')
      rows.push(await reportLatencies(context, 'postgres', declarations, runs, budget));
    rows.push(...(await asOfLatency(context, 'sqlite', events, asOfRuns, historyRuns)));
    // PostgreSQL: one run, in the smoke test only (the suites' budgets): the target is stated for the embedded default.
    if (context.postgres && context.mode === 'smoke')
      rows.push(...(await asOfLatency(context, 'postgres', events, 1)));
    const [sqlite] = rows;
    const asOf = rows.find((row) => row.scenario === 'asOf replay of the SQLite log');
    const fromHistory = rows.filter((row) => String(row.scenario).includes('from the as-of history'));
    return {
      title: `Yearly report latency with ${declarations.toLocaleString('en-US')} declarations over ${YEARS} years, and asOf over ${events.toLocaleString('en-US')} events`,
      parameters: {
        declarations,
        years: `${FIRST_YEAR}–${FIRST_YEAR + YEARS - 1}`,
        facilities: 3000,
        factsSeed: FACTS_SEED,
        logSeed: LOG_SEED,
        warmUpRuns: `${WARM_UP_RUNS} (fewer when they take more than a tenth of the budget)`,
        runs: `${runs}, or fewer (at least ${MIN_RUNS}) when they would take more than ${budget} s per backend`,
        report:
          'liveAnnualReport (apps/api/src/reports), what GET /api/v1/reports/annual/{year} answers from the read models; years cycled 2016–2025',
        tables:
          'filled directly (bench/b4-report/report-read-models.ts): annual-statistics sums (domain cellsOf, projection keys), the deadline rows and deadline shares of the deadlines projection (its deadlineRows and deadlineShareSums, the domain scheduleOf), checkpoints at one position; rows the report does not read are not written',
        asOf: 'replayReport(store, 2026, { asOf: 2030-01-01 }) over the generated log B2/B3 use; on PostgreSQL in the smoke test only',
        asOfHistory:
          'reportWithin (what GET …?asOf= and vigie report read): the as-of history rebuilt alone from the same log (timed: history fill s), then 2026 as of 2030-01-01 and 2026-07-01, each run checked equal to the replay; restatements since a mid-year edition, history then replay',
      },
      rows,
      targets: [
        target(
          'report p95 (SQLite)',
          '≤ 20 ms at 1M declarations',
          sqlite['p95 ms'] as number,
          'ms',
          (value) => value <= 20,
          declarations >= 1_000_000,
        ),
        target(
          'asOf replay of the log (SQLite, fastest run)',
          '≤ 10 s over 1M events (the reference, not what the API reads now)',
          (asOf?.['min s'] as number | undefined) ?? null,
          `s over ${events.toLocaleString('en-US')} events`,
          (value) => value <= 10,
          events >= 1_000_000,
        ),
        target(
          'asOf from the as-of history (SQLite, slowest median of the instants)',
          '≤ 1 s over 1M events, equal to the replay',
          fromHistory.length === 0 ? null : Math.max(...fromHistory.map((row) => row['median s'] as number)),
          `s over ${events.toLocaleString('en-US')} events`,
          (value) => value <= 1,
          events >= 1_000_000,
        ),
      ],
      notes: [],
    };
  },
};
