import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeclarationNotFound, isDeclarationReference } from '@vigie/domain';
import {
  InvalidListQuery,
  READ_DATA_SOURCE,
  declarationIdByReference,
  getDeclaration,
  getTimeline,
  listDeclarations,
  nextDeadlinesOf,
  type DeclarationFilter,
  type DeclarationListItem,
  type DeclarationScope,
  type DeclarationView,
  type NextDeadline,
  type TimelineEntry,
} from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { PersonalDataVault } from '@vigie/privacy';
import type { Principal } from '../auth/principal';
import { RequestValidationError } from '../problem/http-problem';
import { historyFor, listItemsFor, viewFor } from './cert-only';
import { ReadYourWrites } from './read-your-writes';
import { revealTimeline, revealView } from './revealed-personal-data';

/** A row of the list, with the soonest clock it still has to meet (the queue's countdown). */
export type ListedDeclaration = DeclarationListItem & { nextDeadline: NextDeadline | null };

export interface DeclarationPage {
  items: ListedDeclaration[];
  nextCursor: string | null;
}

/** Every read names who asks (a declarant sees its facilities only) and the position it must see. */
abstract class ReadQuery<Result> extends Query<Result> {
  constructor(
    readonly principal: Principal,
    readonly minPosition: bigint | null,
  ) {
    super();
  }
}

export class GetDeclaration extends ReadQuery<DeclarationView> {
  constructor(
    readonly id: string,
    principal: Principal,
    minPosition: bigint | null,
  ) {
    super(principal, minPosition);
  }
}

export class GetDeclarationHistory extends ReadQuery<{ items: TimelineEntry[] }> {
  constructor(
    readonly id: string,
    principal: Principal,
    minPosition: bigint | null,
  ) {
    super(principal, minPosition);
  }
}

export class ListDeclarations extends ReadQuery<DeclarationPage> {
  constructor(
    readonly filter: DeclarationFilter,
    principal: Principal,
    minPosition: bigint | null,
  ) {
    super(principal, minPosition);
  }
}

const scopeOf = (principal: Principal): DeclarationScope =>
  principal.role === 'declarant' ? { finess: principal.finess } : 'all';

/** Out of the caller's scope reads exactly as "does not exist": a declarant learns nothing by probing ids. */
async function visibleDeclaration(
  dataSource: DataSource,
  id: string,
  principal: Principal,
): Promise<DeclarationView> {
  const declarationId = isDeclarationReference(id) ? await declarationIdByReference(dataSource, id) : id;
  const view =
    declarationId === null ? null : await getDeclaration(dataSource, declarationId, scopeOf(principal));
  if (view === null) throw new DeclarationNotFound(id);
  return view;
}

@QueryHandler(GetDeclaration)
export class GetDeclarationHandler implements IQueryHandler<GetDeclaration, DeclarationView> {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly readYourWrites: ReadYourWrites,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ id, principal, minPosition }: GetDeclaration): Promise<DeclarationView> {
    await this.readYourWrites.reach(minPosition);
    return viewFor(
      principal,
      await revealView(this.vault, await visibleDeclaration(this.dataSource, id, principal)),
    );
  }
}

@QueryHandler(GetDeclarationHistory)
export class GetDeclarationHistoryHandler implements IQueryHandler<
  GetDeclarationHistory,
  { items: TimelineEntry[] }
> {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly readYourWrites: ReadYourWrites,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ id, principal, minPosition }: GetDeclarationHistory): Promise<{ items: TimelineEntry[] }> {
    await this.readYourWrites.reach(minPosition);
    const { id: declarationId } = await visibleDeclaration(this.dataSource, id, principal);
    const items = historyFor(principal, await getTimeline(this.dataSource, declarationId));
    return { items: await revealTimeline(this.vault, items) };
  }
}

@QueryHandler(ListDeclarations)
export class ListDeclarationsHandler implements IQueryHandler<ListDeclarations, DeclarationPage> {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ filter, principal, minPosition }: ListDeclarations): Promise<DeclarationPage> {
    await this.readYourWrites.reach(minPosition);
    try {
      // A declarant filtering on a facility it does not act for gets an empty page, not an error.
      const page = await listDeclarations(this.dataSource, filter, scopeOf(principal));
      const next = await nextDeadlinesOf(
        this.dataSource,
        page.items.map((item) => item.id),
      );
      const items = listItemsFor(principal, page.items).map((item) => ({
        ...item,
        nextDeadline: next.get(item.id) ?? null,
      }));
      return { ...page, items };
    } catch (error) {
      // The DTO already checked the syntax; what is left is a cursor that decodes to nothing.
      if (error instanceof InvalidListQuery) {
        throw new RequestValidationError([{ field: error.field, message: error.message }]);
      }
      throw error;
    }
  }
}
