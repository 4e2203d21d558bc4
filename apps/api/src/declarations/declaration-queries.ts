import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeclarationNotFound, declarationStreamId } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import type { Principal } from '../auth/principal';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { assertMayAccess } from './declaration-access';
import { declarationViewOf, historyOf, type DeclarationView, type TimelineEntry } from './declaration-view';

export class GetDeclaration extends Query<DeclarationView> {
  constructor(
    readonly id: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

export class GetDeclarationHistory extends Query<{ items: TimelineEntry[] }> {
  constructor(
    readonly id: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** The declaration's events, once the caller is known to be allowed to see them. */
async function readVisibleStream(store: EventStore, id: string, principal: Principal) {
  const events = await store.readStream(declarationStreamId(id));
  const view = declarationViewOf(events);
  if (view === null) throw new DeclarationNotFound(id);
  assertMayAccess(principal, id, view.structure.finess);
  return { events, view };
}

@QueryHandler(GetDeclaration)
export class GetDeclarationHandler implements IQueryHandler<GetDeclaration, DeclarationView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ id, principal }: GetDeclaration): Promise<DeclarationView> {
    return (await readVisibleStream(this.store, id, principal)).view;
  }
}

@QueryHandler(GetDeclarationHistory)
export class GetDeclarationHistoryHandler implements IQueryHandler<
  GetDeclarationHistory,
  { items: TimelineEntry[] }
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ id, principal }: GetDeclarationHistory): Promise<{ items: TimelineEntry[] }> {
    const { events } = await readVisibleStream(this.store, id, principal);
    return { items: historyOf(events) };
  }
}
