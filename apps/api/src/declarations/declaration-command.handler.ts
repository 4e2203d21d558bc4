import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  DeclarationNotFound,
  declarationStreamId,
  decide,
  evolve,
  initialState,
  type DeclarationCommand,
  type DeclarationEvent,
  type DeclarationState,
} from '@vigie/domain';
import {
  ConcurrencyError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@vigie/event-store';
import { PROJECTOR, type Projector } from '@vigie/read-models';
import { PersonalDataVault } from '@vigie/privacy';
import { actorOf } from '../auth/principal';
import { CLOCK, type Clock } from '../config/config.tokens';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import type { CommandContext, IfMatch } from './command-context';
import { IdempotencyKeyReused, StaleRevision } from './command-problems';
import { assertMayAccess, assertMayDeclareFor } from './declaration-access';
import {
  ExecuteDeclarationCommand,
  type CommandIntent,
  type CommandOutcome,
} from './execute-declaration-command';
import { newId } from './idempotency';

/** Lost races are retried on a fresh read this many times before the client gets a 409. */
const MAX_ATTEMPTS = 5;

export const etagOf = (revision: number): string => `"${revision}"`;
export const declarationLocation = (id: string): string => `/api/v1/declarations/${id}`;

export const toDomainEvent = (event: RecordedEvent): DeclarationEvent =>
  ({ type: event.type, data: event.data }) as DeclarationEvent;

/**
 * The one handler of every declaration command: replay an idempotent retry, or read the stream,
 * fold it, check who may act and If-Match, decide, and append at the revision that was read.
 */
@CommandHandler(ExecuteDeclarationCommand)
export class DeclarationCommandHandler implements ICommandHandler<ExecuteDeclarationCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ intent, context }: ExecuteDeclarationCommand): Promise<CommandOutcome> {
    let sealed: CommandIntent | null = null;
    for (let attempt = 1; ; attempt++) {
      // Checked on every attempt: a race lost to a concurrent identical retry must replay its answer.
      const replay = await this.replay(context);
      if (replay !== null) return replay;
      // The declarant's name, e-mail and phone reach the log encrypted with their own key, only.
      sealed ??=
        intent.type === 'SubmitDeclaration'
          ? { ...intent, declarant: await this.vault.seal(intent.declarant) }
          : intent;
      const command = {
        ...sealed,
        actor: actorOf(context.principal),
        now: this.clock().toISOString(),
      } as DeclarationCommand;
      try {
        return await this.attempt(command, context);
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof ConcurrencyError && context.ifMatch === null && attempt < MAX_ATTEMPTS) continue;
        // An identical keyed request may have committed between our replay check and our read: then
        // the refusal (already submitted, stale If-Match…) is about its effect, and its answer is ours.
        const twin =
          context.idempotencyKey === null || error instanceof StoreUnavailableError
            ? null
            : await this.replay(context);
        if (twin !== null) return twin;
        throw error;
      }
    }
  }

  private async attempt(command: DeclarationCommand, context: CommandContext): Promise<CommandOutcome> {
    const id = command.declarationId;
    const streamId = declarationStreamId(id);
    const recorded = await this.store.readStream(streamId);
    const state = recorded.map(toDomainEvent).reduce(evolve, initialState());
    authorize(command, state, context);
    const last = recorded.at(-1);
    checkIfMatch(context.ifMatch, last?.revision ?? null);
    const events = decide(command, state);
    if (events.length === 0) {
      if (last === undefined)
        throw new Error(`decide returned no event for ${command.type} on an empty stream`);
      return {
        status: 200,
        body: { id, revision: last.revision, position: last.position.toString() },
        etag: etagOf(last.revision),
        replayed: false,
      };
    }
    const submitted = command.type === 'SubmitDeclaration';
    const status = submitted ? 201 : 200;
    const location = submitted ? declarationLocation(id) : undefined;
    const key = context.idempotencyKey;
    const result = await this.store.append(
      streamId,
      events.map((event, index) => this.newEvent(event, context, newId(key, `event/${index}`))),
      {
        expectedRevision: last === undefined ? 'no_stream' : last.revision,
        idempotency:
          key === null
            ? undefined
            : {
                key,
                requestHash: context.requestHash,
                response: {
                  status,
                  body: { id },
                  headers: location === undefined ? {} : { Location: location },
                },
              },
      },
    );
    // The in-process projector applies the new events now rather than at its next poll.
    this.projector?.notify();
    return {
      status,
      body: { id, revision: result.revision, position: result.position.toString() },
      etag: etagOf(result.revision),
      location,
      replayed: false,
    };
  }

  /** The first answer again, with the revision and position its append produced. */
  private async replay(context: CommandContext): Promise<CommandOutcome | null> {
    if (context.idempotencyKey === null) return null;
    const stored = await this.store.findIdempotency(context.idempotencyKey);
    if (stored === null) return null;
    if (stored.requestHash !== context.requestHash) throw new IdempotencyKeyReused();
    const { id } = stored.response.body as { id: string };
    return {
      status: stored.response.status,
      body: { id, revision: stored.revision, position: stored.position.toString() },
      etag: etagOf(stored.revision),
      location: stored.response.headers?.Location,
      replayed: true,
    };
  }

  private newEvent(event: DeclarationEvent, context: CommandContext, id: string): NewEvent {
    return {
      id,
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {
        actor: actorOf(context.principal),
        correlationId: context.correlationId,
        schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION,
      },
    };
  }
}

function authorize(command: DeclarationCommand, state: DeclarationState, context: CommandContext): void {
  if (command.type === 'SubmitDeclaration') {
    assertMayDeclareFor(context.principal, command.structure.finess);
    return;
  }
  if (!state.exists) throw new DeclarationNotFound(command.declarationId);
  assertMayAccess(context.principal, command.declarationId, state.finess);
}

function checkIfMatch(ifMatch: IfMatch | null, current: number | null): void {
  if (ifMatch === null) return;
  const matches = ifMatch.any ? current !== null : current !== null && ifMatch.revisions.includes(current);
  if (!matches) throw new StaleRevision(current);
}
