import type { ClockPolicy } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import { readAsOfHistory, type HistoryFacts, type HistoryUnavailable } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { buildAnnualReport, type AnnualReport } from './annual-report';
import { foldedSnapshot, replayReport, type ReadProgress } from './as-of';
import {
  comparisonOf,
  restatementsReport,
  restatementsSince,
  type RestatementsReport,
} from './publications/compare-edition';
import type { Publication } from './publications/report-published';

/** Where a report as it stood at an instant came from. */
export type ReportSource =
  { from: 'history' } | { from: 'replay'; because: HistoryUnavailable | 'no read database' };

export interface ReportWithinOptions {
  generatedAt?: Date;
  policy?: ClockPolicy;
  onProgress?: (progress: ReadProgress) => void;
  /**
   * Waits until the history has folded the log up to `position` (the API's projector); false when
   * it did not in time. Without it the history is read as it stands.
   */
  reach?: (position: bigint) => Promise<boolean>;
}

/**
 * The report within a bound of the log: read from the as-of history when it can give exactly the
 * replay's report, else replayed from the log, which stays the reference (`vigie report --verify`
 * runs both). Without a position bound, the history must have folded the log up to its head when
 * asked: what was appended before counts, as in a replay started then.
 */
export async function reportWithin(
  store: EventStore,
  dataSource: DataSource | null,
  year: number,
  bound: { asOf: Date; position?: bigint },
  options: ReportWithinOptions = {},
): Promise<{ report: AnnualReport; source: ReportSource }> {
  const generatedAt = options.generatedAt ?? new Date();
  const replay = async (because: HistoryUnavailable | 'no read database') => ({
    report: await replayReport(store, year, bound, options),
    source: { from: 'replay', because } as const,
  });
  if (dataSource === null) return replay('no read database');
  const position = bound.position ?? (await store.headPosition());
  if (options.reach !== undefined && !(await options.reach(position))) return replay('behind');
  const history = await readAsOfHistory(dataSource, year, { asOf: bound.asOf, position });
  if (typeof history === 'string') return replay(history);
  return {
    report: historyReport(year, history, bound.asOf, generatedAt, options.policy),
    source: { from: 'history' },
  };
}

export function historyReport(
  year: number,
  history: HistoryFacts,
  asOf: Date,
  generatedAt: Date,
  policy?: ClockPolicy,
): AnnualReport {
  const snapshot = foldedSnapshot(year, history.facts, history.regulatory, asOf, policy);
  return buildAnnualReport(
    { ...snapshot, previousYearTotal: history.previousYearTotal },
    {
      asOf: asOf.toISOString(),
      generatedAt: generatedAt.toISOString(),
      position: history.position.toString(),
    },
  );
}

/**
 * What changed since an edition (`restatementsSince`), from the as-of history when it can say
 * exactly: the edition's bound (its instant and position) and the compared one (`asOf`, up to the
 * log's head when asked) are two reads of the history instead of one pass over the log.
 */
export async function restatementsWithin(
  store: EventStore,
  dataSource: DataSource | null,
  publication: Publication,
  compared: { asOf: Date },
  options: Pick<ReportWithinOptions, 'reach'> = {},
): Promise<{ restatements: RestatementsReport; source: ReportSource }> {
  const replay = async (because: HistoryUnavailable | 'no read database') => ({
    restatements: await restatementsSince(store, publication, compared),
    source: { from: 'replay', because } as const,
  });
  if (dataSource === null) return replay('no read database');
  const head = await store.headPosition();
  if (options.reach !== undefined && !(await options.reach(head))) return replay('behind');
  const year = publication.year;
  const edition = await readAsOfHistory(
    dataSource,
    year,
    { asOf: new Date(publication.asOf), position: BigInt(publication.position) },
    { previousYear: 'facts' },
  );
  if (typeof edition === 'string') return replay(edition);
  const now = await readAsOfHistory(
    dataSource,
    year,
    { asOf: compared.asOf, position: head },
    { previousYear: 'facts' },
  );
  if (typeof now === 'string') return replay(now);
  const comparison = comparisonOf(year, publication.report, edition.facts, now.facts);
  return {
    restatements: restatementsReport(publication, compared.asOf, now.position, comparison),
    source: { from: 'history' },
  };
}
