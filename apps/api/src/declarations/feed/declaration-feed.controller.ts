import {
  Controller,
  Header,
  Headers,
  Inject,
  Query,
  Sse,
  type BeforeApplicationShutdown,
  type MessageEvent,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  READ_DATA_SOURCE,
  declarationChanges,
  readModelsPosition,
  type DeclarationScope,
} from '@vigie/read-models';
import {
  concatMap,
  defer,
  from,
  merge,
  map,
  Subject,
  switchMap,
  takeUntil,
  timer,
  type Observable,
} from 'rxjs';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { ApiProblems } from '../../problem/api-problems.decorator';
import { QueryParam } from '../list-declarations.dto';

const POSITION = /^\d{1,20}$/;
/** How often the read side is looked at: a new declaration shows within about this. */
export const FEED_POLL_MS = 500;
/** A comment-like event through idle proxies, which close silent connections. */
const HEARTBEAT_MS = 25_000;

export class FeedQueryDto {
  @QueryParam((value) => POSITION.test(value), 'must be a global position (a decimal integer)', {
    description: 'Changes after this position (else Last-Event-ID, else from now)',
  })
  after?: string;

  @QueryParam((value) => value === 'true' || value === 'false', 'must be true or false', {
    enum: ['true', 'false'],
    description: 'true: the changes there are now, then the stream ends (for scripts that poll)',
  })
  once?: string;
}

/**
 * Server-sent events of the declarations that change, for the CERT's queue and the facilities'
 * lists: one `declaration` event per change, its id the position, so that a browser's EventSource
 * resumes where it left (Last-Event-ID) after a reconnection. Read from the read side's position,
 * which works behind any number of API instances and through a reverse proxy (no buffering).
 * A declarant gets the changes of its facilities only. The streams end when the API stops.
 */
@ApiTags('declarations')
@ApiBearerAuth()
@ApiProblems(400, 401, 429, 503)
@Controller('api/v1/declaration-changes')
export class DeclarationFeedController implements BeforeApplicationShutdown {
  private readonly stopping = new Subject<void>();

  constructor(@Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Sse()
  @Header('X-Accel-Buffering', 'no')
  @ApiOkResponse({
    description:
      'text/event-stream: `declaration` events (data: { id, reference, finess, status, patientEndangerment, submittedAt, updatedAt, position }), id = position; `heartbeat` events every 25 s',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  feed(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FeedQueryDto,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    const scope: DeclarationScope = principal.role === 'declarant' ? { finess: principal.finess } : 'all';
    const resumeAt = lastEventId !== undefined && POSITION.test(lastEventId) ? lastEventId : query.after;
    const once = query.once === 'true';
    const changes = defer(
      async () => resumeAt ?? (await readModelsPosition(this.dataSource)).toString(),
    ).pipe(
      switchMap((start) => {
        let after = start;
        return (once ? timer(0) : timer(0, FEED_POLL_MS)).pipe(
          concatMap(async () => {
            const found = await declarationChanges(this.dataSource, after, scope);
            if (found.length > 0) after = found[found.length - 1].position;
            return found;
          }),
          concatMap((found) => from(found)),
          map((change): MessageEvent => ({ id: change.position, type: 'declaration', data: change })),
        );
      }),
    );
    const heartbeats = timer(HEARTBEAT_MS, HEARTBEAT_MS).pipe(
      map((): MessageEvent => ({ type: 'heartbeat', data: '' })),
    );
    return (once ? changes : merge(changes, heartbeats)).pipe(takeUntil(this.stopping));
  }

  /** Open streams would hold the graceful stop for its whole grace period: they end first. */
  beforeApplicationShutdown(): void {
    this.stopping.next();
  }
}
