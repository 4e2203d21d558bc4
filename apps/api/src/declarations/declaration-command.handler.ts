import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  DeclarationNotFound,
  declarationDecider,
  declarationStreamId,
  formatReference,
  parisYear,
  toDeclarationEvent,
  type DeclarationCommand,
  type DeclarationState,
  type SubmitDeclaration,
} from '@vigie/domain';
import {
  IdempotencyKeyTakenError,
  StoreUnavailableError,
  handleCommand,
  type EventStore,
  type FoldedStream,
} from '@vigie/event-store';
import { PROJECTOR, type Projector } from '@vigie/read-models';
import { PersonalDataVault } from '@vigie/privacy';
import { actorOf } from '../auth/principal';
import { CLOCK, type Clock } from '../config/config.tokens';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import type { CommandContext, IfMatch } from './command-context';
import { StaleRevision } from './command-problems';
import { assertMayAccess, assertMayDeclareFor } from './declaration-access';
import {
  ExecuteDeclarationCommand,
  type CommandIntent,
  type CommandOutcome,
} from './execute-declaration-command';
import { newId } from './idempotency';
import { earlierAnswer, idempotencyRecordOf } from './idempotent-answer';
import { RecentStreams } from './recent-streams';
import { DeclarationReferences } from './references/declaration-references';

/**
 * A command ready for the write path. A submission carries the reference reserved for it and the
 * instant it was reserved at, which is its `now` on every attempt: the reference's year is the
 * year of submittedAt, even at midnight on New Year's Eve.
 */
type ReadyIntent = CommandIntent | Omit<SubmitDeclaration, 'actor'>;

/** Lost races are retried on a fresh read this many times before the client gets a 409. */
const MAX_ATTEMPTS = 5;
/** Declarations followed up at once by one API process; a state is about a kilobyte. */
const RECENT_STREAMS = 4096;

export const etagOf = (revision: number): string => `"${revision}"`;
export const declarationLocation = (id: string): string => `/api/v1/declarations/${id}`;

/**
 * The one handler of every declaration command: replay an idempotent retry, or hand the command
 * to the write path (`handleCommand`) on the recent fold of its stream, checking who may act and
 * If-Match on each fold it is decided on.
 */
@CommandHandler(ExecuteDeclarationCommand)
export class DeclarationCommandHandler implements ICommandHandler<ExecuteDeclarationCommand, CommandOutcome> {
  private readonly recent = new RecentStreams<DeclarationState>(RECENT_STREAMS);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    private readonly vault: PersonalDataVault,
    private readonly references: DeclarationReferences,
  ) {}

  async execute({ intent, context }: ExecuteDeclarationCommand): Promise<CommandOutcome> {
    let sealed: ReadyIntent | null = null;
    for (let attempt = 1; ; attempt++) {
      // A first attempt leaves the key to the append, which checks it in its transaction
      // (IdempotencyKeyTakenError: replayed below), and to the refusal and no-change paths. A
      // submission checks it first: sealing may create its declarant's key, which a replay must not.
      // Later attempts check it: a concurrent identical request took the key, its answer is ours.
      if (attempt > 1 || intent.type === 'SubmitDeclaration') {
        const replay = await this.replay(context);
        if (replay !== null) return replay;
      }
      // The declarant's name, e-mail and phone reach the log encrypted with their own key, only.
      sealed ??=
        intent.type === 'SubmitDeclaration'
          ? await this.withReference(
              { ...intent, declarant: await this.vault.seal(intent.declarant) },
              context,
            )
          : intent;
      try {
        return await this.handle(sealed, context);
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError && attempt < MAX_ATTEMPTS) continue;
        // An identical keyed request may have committed before our read: then the refusal (already
        // submitted, stale If-Match, a race lost to it…) is about its effect, and its answer is ours.
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
   * A submission's reference is reserved once the submission passed every check it can fail on
   * its own (decided on an empty stream with a stand-in reference): a refused submission
   * consumes no number.
   */
  private async withReference(
    intent: Extract<CommandIntent, { type: 'SubmitDeclaration' }>,
    context: CommandContext,
  ): Promise<ReadyIntent> {
    const now = this.clock();
    const probe = {
      ...intent,
      reference: formatReference(parisYear(now), 1),
      actor: actorOf(context.principal),
      now: now.toISOString(),
    } as SubmitDeclaration;
    authorize(probe, declarationDecider.initialState(), context);
    declarationDecider.decide(probe, declarationDecider.initialState());
    const reference = await this.references.referenceFor(intent.declarationId, now);
    return { ...intent, reference, now: now.toISOString() };
  }

  private async handle(intent: ReadyIntent, context: CommandContext): Promise<CommandOutcome> {
    const id = intent.declarationId;
    // The declaration's own reference; other commands' `reference` is an authority's (the CNIL's…).
    const reference =
      intent.type === 'SubmitDeclaration' && 'reference' in intent ? intent.reference : undefined;
    const { status, location } = answerOf(intent);
    const { result, stream } = await handleCommand(this.store, {
      streamId: declarationStreamId(id),
      decider: declarationDecider,
      toDomain: toDeclarationEvent,
      // Built on each fold decided on: a retry after a lost race reads the clock again.
      command: (folded) => this.commandOn(folded, intent, context),
      eventId: (index) => newId(context.idempotencyKey, `event/${index}`),
      metadata: {
        actor: actorOf(context.principal),
        correlationId: context.correlationId,
        schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION,
      },
      idempotency: idempotencyRecordOf(context, {
        status,
        body: reference === undefined ? { id } : { id, reference },
        headers: location === undefined ? {} : { Location: location },
      }),
      // With If-Match the client chose the revision: a lost race is its 409 (or 412), not a retry.
      maxAttempts: context.ifMatch === null ? MAX_ATTEMPTS : 1,
      folds: this.recent,
    });
    if (result !== null) {
      // The in-process projector applies the new events now rather than at its next poll.
      this.projector?.notify();
      return answer(id, status, result, location, reference);
    }
    if (stream.revision < 0)
      throw new Error(`decide returned no event for ${intent.type} on an empty stream`);
    // Nothing to append, so the store never saw the key: a retry of an earlier request replays its answer.
    const replay = await this.replay(context);
    return replay ?? answer(id, 200, stream);
  }

  private commandOn(
    { state, revision }: FoldedStream<DeclarationState>,
    intent: ReadyIntent,
    context: CommandContext,
  ): DeclarationCommand {
    const command = {
      now: this.clock().toISOString(),
      ...intent,
      actor: actorOf(context.principal),
    } as DeclarationCommand;
    authorize(command, state, context);
    checkIfMatch(context.ifMatch, revision < 0 ? null : revision);
    return command;
  }

  /** The first answer again, with the revision and position its append produced. */
  private async replay(context: CommandContext): Promise<CommandOutcome | null> {
    const stored = await earlierAnswer(this.store, context);
    if (stored === null) return null;
    const { id, reference } = stored.response.body as { id: string; reference?: string };
    return {
      ...answer(id, stored.response.status, stored, stored.response.headers?.Location, reference),
      replayed: true,
    };
  }
}

function answerOf(intent: ReadyIntent): { status: 200 | 201; location?: string } {
  return intent.type === 'SubmitDeclaration'
    ? { status: 201, location: declarationLocation(intent.declarationId) }
    : { status: 200 };
}

function answer(
  id: string,
  status: number,
  { revision, position }: { revision: number; position: bigint },
  location?: string,
  reference?: string,
): CommandOutcome {
  return {
    status,
    body:
      reference === undefined
        ? { id, revision, position: position.toString() }
        : { id, revision, position: position.toString(), reference },
    etag: etagOf(revision),
    location,
    replayed: false,
  };
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
