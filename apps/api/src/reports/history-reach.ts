import { Inject, Injectable, Logger } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@vigie/read-models';
import type { ReportSource } from '@vigie/reporting';
import { VIGIE_CONFIG } from '../config/config.tokens';

/**
 * The as-of history answers for the log up to its head: a report as it stood waits for the
 * projector to fold it, as a read-your-writes request waits (bounded by
 * `VIGIE_MIN_POSITION_TIMEOUT_MS`); past that, the log is replayed.
 */
@Injectable()
export class HistoryReach {
  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
  ) {}

  private readonly logger = new Logger('AsOfHistory');

  readonly reach = (position: bigint): Promise<boolean> =>
    this.progress.waitFor(position, this.config.minPositionTimeoutMs);

  /** A replay takes seconds on a large log: the operator is told why the history could not answer. */
  note(source: ReportSource): void {
    if (source.from === 'replay')
      this.logger.warn(`report as of an instant replayed from the log: ${source.because}`);
  }
}
