import { ProjectionCheckpoint, loadAnnualStatistics, loadDeadlineShares } from '@vigie/read-models';
import { buildAnnualReport, type AnnualReport } from '@vigie/reporting';
import { In, type DataSource } from 'typeorm';
import { HttpProblem } from '../problem/http-problem';

/**
 * The read models the report is read from: the statistics sums and the deadlines (their sums and
 * the year's unmet clocks). Their position is the report's.
 */
const ANNUAL_STATISTICS = 'annual-statistics';
const SOURCES = [ANNUAL_STATISTICS, 'deadlines'];
const MAX_ATTEMPTS = 10;
/** After a rebuild one read model may stand ahead until the projector's next batch: wait for it. */
const SETTLE_MS = 50;

/** The projector kept committing between the reads of one report: rare, and worth a retry. */
export class ReportReadRace extends HttpProblem {
  readonly status = 503;
  readonly code = 'read-models-busy';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '1' };
}

/** The checkpoints of the report's read models, as one comparable text; null when they differ. */
async function commonCheckpoint(dataSource: DataSource): Promise<string | null> {
  const rows = await dataSource.getRepository(ProjectionCheckpoint).findBy({ name: In(SOURCES) });
  const positions = new Set(SOURCES.map((name) => rows.find((row) => row.name === name)?.position ?? '0'));
  return positions.size === 1 ? [...positions][0] : null;
}

/**
 * The report now, from the read models: its `position` is the position they had applied. The
 * sums, the unmet deadline rows and the checkpoints are separate reads while the projector commits
 * batches (rows and checkpoints in one transaction), so the checkpoints are read before and
 * after: when they did not move, and all stood at one position, the report is exactly that of
 * the position. Clocks are read at `now`, the report's `asOf`.
 */
export async function liveAnnualReport(
  dataSource: DataSource,
  year: number,
  now: Date,
): Promise<AnnualReport> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const before = await commonCheckpoint(dataSource);
    if (before === null) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      continue;
    }
    const [snapshot, deadlines] = await Promise.all([
      loadAnnualStatistics(dataSource, year),
      loadDeadlineShares(dataSource, year, now),
    ]);
    const after = await commonCheckpoint(dataSource);
    if (after === before) {
      return buildAnnualReport(
        { ...snapshot, deadlines },
        { asOf: now.toISOString(), generatedAt: now.toISOString(), position: after },
      );
    }
  }
  throw new ReportReadRace('The read models moved while the report was read; retry shortly');
}
