import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@vigie/event-store';
import { PROJECTOR, READ_DATA_SOURCE, type Projector } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { HttpProblem } from '../problem/http-problem';

class NotReady extends HttpProblem {
  readonly status = 503;
  readonly code = 'not-ready';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '5' };
}

export interface ReadinessChecks {
  eventStore: 'up' | 'down';
  readModels: 'up' | 'down';
  /** `off`: another process (apps/projector) projects, this one does not watch it. */
  projector: 'running' | 'stopped' | 'failing' | 'off';
}

/** A probe that hangs (a PostgreSQL host that drops packets) counts as down, in time for the orchestrator. */
const PROBE_TIMEOUT_MS = 2000;

async function answers(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATA_SOURCE) private readonly readDataSource: DataSource,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
  ) {}

  /** The process answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: both stores answer and, when it runs here, the projector follows the log. */
  @Get('ready')
  @ApiOkResponse({ description: '{ status: "ok", checks: { eventStore, readModels, projector } }' })
  @ApiServiceUnavailableResponse({
    description: 'A store does not answer, or the projector stopped or fails',
  })
  async ready(): Promise<{ status: 'ok'; checks: ReadinessChecks }> {
    const [eventStore, readModels] = await Promise.all([
      answers(() => this.store.ping()),
      answers(() => this.readDataSource.query('SELECT 1')),
    ]);
    const checks: ReadinessChecks = { eventStore, readModels, projector: this.projectorState() };
    const failing = Object.entries(checks).filter(([, state]) => !['up', 'running', 'off'].includes(state));
    if (failing.length > 0) {
      throw new NotReady(`Not ready: ${failing.map(([name, state]) => `${name} ${state}`).join(', ')}`);
    }
    return { status: 'ok', checks };
  }

  private projectorState(): ReadinessChecks['projector'] {
    if (this.projector === null) return 'off';
    const [any] = this.projector.metrics();
    if (any === undefined || !any.running) return 'stopped';
    // It retries a failed batch forever; until one succeeds the read models fall behind.
    return any.lastError === null ? 'running' : 'failing';
  }
}
