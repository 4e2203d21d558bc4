import { Inject, Injectable } from '@nestjs/common';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@vigie/read-models';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { HttpProblem } from '../problem/http-problem';

/** The read models did not reach the position the client asked for in time: it may retry soon. */
export class ReadModelsBehind extends HttpProblem {
  readonly status = 503;
  readonly code = 'read-models-behind';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '1' };
}

/**
 * `minPosition`: a client that wrote at position P reads what it wrote by asking for P. The wait
 * is bounded (`VIGIE_MIN_POSITION_TIMEOUT_MS`): inline, the projector wakes the request as soon as
 * it commits P; with `VIGIE_PROJECTOR=off`, the checkpoints committed in the read database are polled.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
  ) {}

  async reach(minPosition: bigint | null): Promise<void> {
    if (minPosition === null) return;
    const timeoutMs = this.config.minPositionTimeoutMs;
    if (await this.progress.waitFor(minPosition, timeoutMs)) return;
    throw new ReadModelsBehind(
      `The read models have not reached position ${minPosition} within ${timeoutMs} ms; retry shortly`,
    );
  }
}
