import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@vigie/event-store';
import { READ_DATA_SOURCE, deadlinePolicy } from '@vigie/read-models';
import {
  publicationStreamId,
  publicationsOf,
  reportWithin,
  restatementsWithin,
  type AnnualReport,
  type Publication,
  type RestatementsReport,
} from '@vigie/reporting';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../config/config.tokens';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { HistoryReach } from './history-reach';
import { liveAnnualReport } from './live-annual-report';
import { PublicationNotFound, assertNotFuture } from './report-problems';

export class GetAnnualReport extends Query<AnnualReport> {
  constructor(
    readonly year: number,
    /** null: now, from the read models; an instant: from the as-of history, else replayed from the log. */
    readonly asOf: Date | null,
    readonly minPosition: bigint | null,
  ) {
    super();
  }
}

/** An edition without its report: what a list of editions shows. */
export type PublicationSummary = Omit<Publication, 'report'> & { total: number };

export class ListPublications extends Query<{ items: PublicationSummary[] }> {
  constructor(readonly year: number) {
    super();
  }
}

export class GetPublication extends Query<Publication> {
  constructor(
    readonly year: number,
    readonly id: string,
  ) {
    super();
  }
}

export class GetRestatements extends Query<RestatementsReport> {
  constructor(
    readonly year: number,
    readonly id: string,
    readonly asOf: Date | null,
  ) {
    super();
  }
}

@QueryHandler(GetAnnualReport)
export class GetAnnualReportHandler implements IQueryHandler<GetAnnualReport, AnnualReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
    private readonly history: HistoryReach,
  ) {}

  async execute({ year, asOf, minPosition }: GetAnnualReport): Promise<AnnualReport> {
    const now = this.clock();
    if (asOf !== null) {
      assertNotFuture('asOf', asOf, now);
      // The as-of history gives exactly what a replay of the log gives (and says when it cannot:
      // then the log is replayed). The clocks are measured as the deadlines read model measures
      // them, so the live report and this one agree.
      const { report, source } = await reportWithin(
        this.store,
        this.dataSource,
        year,
        { asOf },
        {
          generatedAt: now,
          policy: deadlinePolicy(),
          reach: this.history.reach,
        },
      );
      this.history.note(source);
      return report;
    }
    await this.readYourWrites.reach(minPosition);
    return liveAnnualReport(this.dataSource, year, now);
  }
}

/** Editions are read from their year's stream: a handful per year, newest first. */
async function publicationsOfYear(store: EventStore, year: number): Promise<Publication[]> {
  return publicationsOf(await store.readStream(publicationStreamId(year)));
}

async function publicationOf(store: EventStore, year: number, id: string): Promise<Publication> {
  const found = (await publicationsOfYear(store, year)).find((edition) => edition.publicationId === id);
  if (found === undefined) throw new PublicationNotFound(year, id);
  return found;
}

@QueryHandler(ListPublications)
export class ListPublicationsHandler implements IQueryHandler<ListPublications> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ year }: ListPublications): Promise<{ items: PublicationSummary[] }> {
    const editions = await publicationsOfYear(this.store, year);
    return {
      items: editions.map(({ report, ...edition }) => ({
        ...edition,
        total: report.declarations?.total ?? 0,
      })),
    };
  }
}

@QueryHandler(GetPublication)
export class GetPublicationHandler implements IQueryHandler<GetPublication, Publication> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ year, id }: GetPublication): Promise<Publication> {
    return publicationOf(this.store, year, id);
  }
}

@QueryHandler(GetRestatements)
export class GetRestatementsHandler implements IQueryHandler<GetRestatements, RestatementsReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly history: HistoryReach,
  ) {}

  async execute({ year, id, asOf }: GetRestatements): Promise<RestatementsReport> {
    const now = this.clock();
    if (asOf !== null) assertNotFuture('asOf', asOf, now);
    const publication = await publicationOf(this.store, year, id);
    const { restatements, source } = await restatementsWithin(
      this.store,
      this.dataSource,
      publication,
      { asOf: asOf ?? now },
      { reach: this.history.reach },
    );
    this.history.note(source);
    return restatements;
  }
}
