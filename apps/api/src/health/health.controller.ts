import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@vigie/event-store';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { HttpProblem } from '../problem/http-problem';

class NotReady extends HttpProblem {
  readonly status = 503;
  readonly code = 'not-ready';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '5' };
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The process answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: the event store answers. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    try {
      await this.store.ping();
    } catch {
      throw new NotReady('The event store does not answer');
    }
    return { status: 'ok', checks: { eventStore: 'up' } };
  }
}
