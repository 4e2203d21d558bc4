import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IdempotencyKeyTakenError, type EventStore } from '@vigie/event-store';
import { PROJECTOR, deadlinePolicy, type Projector } from '@vigie/read-models';
import { publicationStreamId, publicationsOf, publishAnnualReport, type Publication } from '@vigie/reporting';
import { actorOf } from '../auth/principal';
import { CLOCK, type Clock } from '../config/config.tokens';
import type { CommandContext } from '../declarations/command-context';
import { newId } from '../declarations/idempotency';
import { earlierAnswer, idempotencyRecordOf } from '../declarations/idempotent-answer';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { assertNotFuture, assertYearBegun } from './report-problems';

export const publicationLocation = (year: number, id: string): string =>
  `/api/v1/reports/annual/${year}/publications/${id}`;

export interface PublishOutcome {
  publication: Publication;
  /** The answer of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export class PublishReport extends Command<PublishOutcome> {
  constructor(
    readonly year: number,
    readonly asOf: Date | null,
    readonly note: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A concurrent request with the same key won: its answer is read back on the next attempt. */
const MAX_ATTEMPTS = 3;

/**
 * Freezes an edition of the year's report, replayed from the log up to its head (see
 * publishAnnualReport). With an Idempotency-Key, the key is stored with the event: a retry gets
 * the same edition instead of a second one.
 */
@CommandHandler(PublishReport)
export class PublishReportHandler implements ICommandHandler<PublishReport, PublishOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
  ) {}

  async execute(command: PublishReport): Promise<PublishOutcome> {
    for (let attempt = 1; ; attempt++) {
      const replay = await this.replay(command);
      if (replay !== null) return { publication: replay, replayed: true };
      try {
        return { publication: await this.publish(command), replayed: false };
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  private async publish({ year, asOf, note, context }: PublishReport): Promise<Publication> {
    const now = this.clock();
    assertYearBegun(year, now);
    if (asOf !== null) assertNotFuture('asOf', asOf, now);
    const publicationId = newId(context.idempotencyKey, 'publication');
    const publication = await publishAnnualReport(this.store, {
      publicationId,
      year,
      asOf: asOf ?? undefined,
      note,
      actor: actorOf(context.principal),
      correlationId: context.correlationId,
      now,
      policy: deadlinePolicy(),
      idempotency: idempotencyRecordOf(context, {
        status: 201,
        body: { id: publicationId },
        headers: { Location: publicationLocation(year, publicationId) },
      }),
    });
    // The read models skip this event, but their checkpoints move past it: `minPosition` works after a publication too.
    this.projector?.notify();
    return publication;
  }

  private async replay({ year, context }: PublishReport): Promise<Publication | null> {
    // The hash covers the path: the same key for another year's publication is another request.
    const stored = await earlierAnswer(this.store, context);
    if (stored === null) return null;
    const { id } = stored.response.body as { id: string };
    const editions = publicationsOf(await this.store.readStream(publicationStreamId(year)));
    const found = editions.find((edition) => edition.publicationId === id);
    if (found === undefined) throw new Error(`Idempotency record of publication ${id} without its event`);
    return found;
  }
}
