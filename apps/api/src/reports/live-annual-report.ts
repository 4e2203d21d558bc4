import { ProjectionCheckpoint, loadAnnualStatistics } from '@vigie/read-models';
import { buildAnnualReport, type AnnualReport } from '@vigie/reporting';
import type { DataSource } from 'typeorm';
import { HttpProblem } from '../problem/http-problem';

/** The checkpoint of the read model the report is summed from. */
const ANNUAL_STATISTICS = 'annual-statistics';
const MAX_ATTEMPTS = 10;

/** The projector kept committing between the reads of one report: rare, and worth a retry. */
export class ReportReadRace extends HttpProblem {
  readonly status = 503;
  readonly code = 'read-models-busy';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '1' };
}

async function checkpointOf(dataSource: DataSource): Promise<string> {
  const row = await dataSource.getRepository(ProjectionCheckpoint).findOneBy({ name: ANNUAL_STATISTICS });
  return row?.position ?? '0';
}

/**
 * The report now, from the annual-statistics read model: its `position` is the position the read
 * model had applied. The sums and the checkpoint are separate reads while the projector commits
 * batches (rows and checkpoint in one transaction), so the checkpoint is read before and after
 * the sums: when it did not move, the sums are exactly those of that position.
 */
export async function liveAnnualReport(
  dataSource: DataSource,
  year: number,
  now: Date,
): Promise<AnnualReport> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const before = await checkpointOf(dataSource);
    const snapshot = await loadAnnualStatistics(dataSource, year);
    const after = await checkpointOf(dataSource);
    if (after === before) {
      return buildAnnualReport(snapshot, {
        asOf: now.toISOString(),
        generatedAt: now.toISOString(),
        position: after,
      });
    }
  }
  throw new ReportReadRace('The read models moved while the report was read; retry shortly');
}
