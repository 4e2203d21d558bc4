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
  type AppendResult,
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
import { RecentStreams, type FoldedStream } from './recent-streams';

/** Lost races are retried on a fresh read this many times before the client gets a 409. */
const MAX_ATTEMPTS = 5;
/** Declarations followed up at once by one API process; a state is about a kilobyte. */
const RECENT_STREAMS = 4096;

export const etagOf = (revision: number): string => `"${revision}"`;
export const declarationLocation = (id: string): string => `/api/v1/declarations/${id}`;

export const toDomainEvent = (event: RecordedEvent): DeclarationEvent =>
  ({ type: event.type, data: event.data }) as DeclarationEvent;

/**
 * The one handler of every declaration command: replay an idempotent retry, or fold the stream
 * (from the recent streams, else read), check who may act and If-Match, decide, and append at the
 * revision folded.
 */
@CommandHandler(ExecuteDeclarationCommand)
export class DeclarationCommandHandler implements ICommandHandler<ExecuteDeclarationCommand, CommandOutcome> {
  private readonly recent = new RecentStreams(RECENT_STREAMS);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ intent, context }: ExecuteDeclarationCommand): Promise<CommandOutcome> {
    let sealed: CommandIntent | null = null;
    for (let attempt = 1; ; attempt++) {
      // A first attempt leaves the key to the append, which checks it in its transaction
      // (IdempotencyKeyTakenError: replayed below), and to the refusal and no-change paths. A
      // submission checks it first: sealing may create its declarant's key, which a replay must not.
      // Later attempts check it: a race lost to a concurrent identical retry must replay its answer.
      if (attempt > 1 || intent.type === 'SubmitDeclaration') {
        const replay = await this.replay(context);
        if (replay !== null) return replay;
      }
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
        // An identical keyed request may have committed before our read: then the refusal (already
        // submitted, stale If-Match…) is about its effect, and its answer is ours.
        const twin =
          context.idempotencyKey === null || error instanceof StoreUnavailableError
            ? null
            : await this.replay(context);
        if (twin !== null) return twin;
        throw error;
      }
    }
  }

  /**
   * Decides on the recent fold of the stream when there is one, and keeps that decision only if
   * its append succeeds at the fold's revision, which proves the fold was the stream's state. A
   * lost race, a refusal or nothing to change may come from a fold another process has outdated:
   * they are decided again on a fresh read, which answers exactly as without the fold.
   */
  private async attempt(command: DeclarationCommand, context: CommandContext): Promise<CommandOutcome> {
    const streamId = declarationStreamId(command.declarationId);
    const cached = this.recent.get(streamId);
    if (cached !== undefined) {
      const events = this.decideOnRecent(cached, command, context);
      if (events.length > 0) {
        let result: AppendResult;
        try {
          result = await this.append(streamId, cached, events, command, context);
        } catch (error) {
          this.recent.forget(streamId, cached);
          if (!(error instanceof ConcurrencyError)) throw error;
          return this.attemptOnFreshRead(streamId, command, context);
        }
        return this.appended(streamId, cached, events, result, command);
      }
      this.recent.forget(streamId, cached);
    }
    return this.attemptOnFreshRead(streamId, command, context);
  }

  private async attemptOnFreshRead(
    streamId: string,
    command: DeclarationCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const folded = (await this.read(streamId)) ?? EMPTY_STREAM;
    const events = this.decideOn(folded, command, context);
    if (events.length > 0) {
      const result = await this.append(streamId, folded, events, command, context);
      return this.appended(streamId, folded, events, result, command);
    }
    if (folded === EMPTY_STREAM)
      throw new Error(`decide returned no event for ${command.type} on an empty stream`);
    // Nothing to append, so the store never saw the key: a retry of an earlier request replays its answer.
    const replay = await this.replay(context);
    if (replay !== null) return replay;
    return {
      status: 200,
      body: { id: command.declarationId, revision: folded.revision, position: folded.position.toString() },
      etag: etagOf(folded.revision),
      replayed: false,
    };
  }

  /** The events decided on a recent fold; none when it refuses, to be decided again on a fresh read. */
  private decideOnRecent(
    folded: FoldedStream,
    command: DeclarationCommand,
    context: CommandContext,
  ): DeclarationEvent[] {
    try {
      return this.decideOn(folded, command, context);
    } catch {
      return [];
    }
  }

  /** The stream as the log holds it, folded; null when it does not exist. */
  private async read(streamId: string): Promise<FoldedStream | null> {
    const recorded = await this.store.readStream(streamId);
    const last = recorded.at(-1);
    if (last === undefined) return null;
    const folded = {
      state: recorded.map(toDomainEvent).reduce(evolve, initialState()),
      revision: last.revision,
      position: last.position,
    };
    this.recent.remember(streamId, folded);
    return folded;
  }

  private decideOn(
    { state, revision }: FoldedStream,
    command: DeclarationCommand,
    context: CommandContext,
  ): DeclarationEvent[] {
    authorize(command, state, context);
    checkIfMatch(context.ifMatch, revision === EMPTY_STREAM.revision ? null : revision);
    return decide(command, state);
  }

  private append(
    streamId: string,
    folded: FoldedStream,
    events: DeclarationEvent[],
    command: DeclarationCommand,
    context: CommandContext,
  ): Promise<AppendResult> {
    const key = context.idempotencyKey;
    const { status, location } = answerOf(command);
    return this.store.append(
      streamId,
      events.map((event, index) => this.newEvent(event, context, newId(key, `event/${index}`))),
      {
        expectedRevision: folded === EMPTY_STREAM ? 'no_stream' : folded.revision,
        idempotency:
          key === null
            ? undefined
            : {
                key,
                requestHash: context.requestHash,
                response: {
                  status,
                  body: { id: command.declarationId },
                  headers: location === undefined ? {} : { Location: location },
                },
              },
      },
    );
  }

  private appended(
    streamId: string,
    folded: FoldedStream,
    events: DeclarationEvent[],
    result: AppendResult,
    command: DeclarationCommand,
  ): CommandOutcome {
    // The events are the log's now: the fold moves on with them, for the next command.
    this.recent.remember(streamId, {
      state: events.reduce(evolve, folded.state),
      revision: result.revision,
      position: result.position,
    });
    // The in-process projector applies the new events now rather than at its next poll.
    this.projector?.notify();
    const { status, location } = answerOf(command);
    return {
      status,
      body: { id: command.declarationId, revision: result.revision, position: result.position.toString() },
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

/** A stream that does not exist yet, as a fold: appended to with `no_stream`. */
const EMPTY_STREAM: FoldedStream = Object.freeze({ state: initialState(), revision: -1, position: 0n });

function answerOf(command: DeclarationCommand): { status: 200 | 201; location?: string } {
  return command.type === 'SubmitDeclaration'
    ? { status: 201, location: declarationLocation(command.declarationId) }
    : { status: 200 };
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
