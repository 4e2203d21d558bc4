import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeclarationNotFound } from '@vigie/domain';
import {
  InvalidListQuery,
  READ_DATA_SOURCE,
  getDeclarationClocks,
  listDeadlines,
  type DeadlineFilter,
  type DeadlineItem,
  type DeadlineScope,
} from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/config.tokens';
import { deadlineItemsFor } from '../declarations/cert-only';
import { ReadYourWrites } from '../declarations/read-your-writes';
import { RequestValidationError } from '../problem/http-problem';

export interface DeadlinePage {
  /** The instant the statuses were computed at. */
  at: string;
  items: DeadlineItem[];
  nextCursor: string | null;
}

export interface DeclarationClocks {
  declarationId: string;
  at: string;
  items: DeadlineItem[];
}

export class ListDeadlines extends Query<DeadlinePage> {
  constructor(
    readonly filter: DeadlineFilter,
    readonly principal: Principal,
    readonly minPosition: bigint | null,
  ) {
    super();
  }
}

/** The clocks of one declaration: what `GET /api/v1/declarations/{id}` can add as `clocks`. */
export class GetDeclarationClocks extends Query<DeclarationClocks> {
  constructor(
    readonly declarationId: string,
    readonly principal: Principal,
    readonly minPosition: bigint | null,
  ) {
    super();
  }
}

const scopeOf = (principal: Principal): DeadlineScope =>
  principal.role === 'declarant' ? { finess: principal.finess } : 'all';

@QueryHandler(ListDeadlines)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlines, DeadlinePage> {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ filter, principal, minPosition }: ListDeadlines): Promise<DeadlinePage> {
    await this.readYourWrites.reach(minPosition);
    const at = this.clock();
    try {
      const page = await listDeadlines(this.dataSource, filter, scopeOf(principal), at);
      return { at: at.toISOString(), ...page, items: deadlineItemsFor(principal, page.items) };
    } catch (error) {
      if (error instanceof InvalidListQuery)
        throw new RequestValidationError([{ field: error.field, message: error.message }]);
      throw error;
    }
  }
}

@QueryHandler(GetDeclarationClocks)
export class GetDeclarationClocksHandler implements IQueryHandler<GetDeclarationClocks, DeclarationClocks> {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ declarationId, principal, minPosition }: GetDeclarationClocks): Promise<DeclarationClocks> {
    await this.readYourWrites.reach(minPosition);
    const at = this.clock();
    // Out of the caller's scope reads as "does not exist", as for the declaration itself.
    const items = await getDeclarationClocks(this.dataSource, declarationId, scopeOf(principal), at);
    if (items === null) throw new DeclarationNotFound(declarationId);
    return { declarationId, at: at.toISOString(), items: deadlineItemsFor(principal, items) };
  }
}
