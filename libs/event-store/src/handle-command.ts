import { ConcurrencyError } from './event-store.errors';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  IdempotencyRecord,
  RecordedEvent,
} from './event-store.port';
import type { Decider, DomainEvent } from './decider';
import { foldRecorded, type FoldCache, type FoldedStream } from './folded-stream';

export interface CommandOnStream<Command, State, Event extends DomainEvent> {
  streamId: string;
  decider: Decider<Command, State, Event>;
  /** How a recorded event of this stream becomes a domain event: its family's one upcasting place. */
  toDomain: (recorded: RecordedEvent) => Event;
  /**
   * The command, or how to build it from the fold it is decided on: what throws there (who may
   * act, If-Match) is a refusal like the decider's, and a retry builds it again (a fresh `now`).
   */
  command: Command | ((folded: FoldedStream<State>) => Command);
  /**
   * The id of the `index`-th event decided on the fold at `revision` (-1: no stream yet).
   * Deterministic ids let a store recognise a retried append (EventStoreDB does).
   */
  eventId: (index: number, revision: number) => string;
  metadata: EventMetadata;
  /** Stored in the same transaction as the events (rule 2 of the log). */
  idempotency?: IdempotencyRecord;
  /** Only for imports and seeding of historical data. */
  recordedAt?: Date;
  /** Appends at this revision rather than the fold's: a lost race is then the caller's, never retried. */
  expectedRevision?: ExpectedRevision;
  /** A lost race is decided again on a fresh read, up to this many attempts in all. */
  maxAttempts: number;
  /**
   * Folds kept between commands. A kept fold is never trusted on its own: only an append at its
   * revision proves it current. A refusal, nothing to do or a lost race on it is decided again on
   * a fresh read (not counted as an attempt), which answers exactly as without it.
   */
  folds?: FoldCache<State>;
}

export interface HandledCommand<State, Event> {
  /** The events appended; `[]` when there was nothing to do, and nothing was appended. */
  events: Event[];
  result: AppendResult | null;
  /** The stream as the command leaves it. */
  stream: FoldedStream<State>;
}

/**
 * The write path, written once: read the stream, fold it, decide, append at the revision folded,
 * and decide again on a fresh read when another writer won the race.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  options: CommandOnStream<Command, State, Event>,
): Promise<HandledCommand<State, Event>> {
  const kept = options.folds?.get(options.streamId);
  if (kept !== undefined) {
    const handled = await handleOnKept(store, options, kept);
    if (handled !== null) return handled;
  }
  for (let attempt = 1; ; attempt++) {
    const folded = foldRecorded(options.decider, options.toDomain, await store.readStream(options.streamId));
    // A stream that does not exist is not kept: commands on unknown ids must not evict real folds.
    if (folded.revision >= 0) options.folds?.remember(options.streamId, folded);
    try {
      return await decideAndAppend(store, options, folded, decideOn(options, folded));
    } catch (error) {
      if (!retriable(error, options) || attempt >= options.maxAttempts) throw error;
    }
  }
}

/** The command decided on a kept fold; null when it must be decided again on a fresh read. */
async function handleOnKept<Command, State, Event extends DomainEvent>(
  store: EventStore,
  options: CommandOnStream<Command, State, Event>,
  kept: FoldedStream<State>,
): Promise<HandledCommand<State, Event> | null> {
  let events: Event[];
  try {
    events = decideOn(options, kept);
  } catch {
    // The refusal may come from what another writer changed since: the fresh read will tell.
    events = [];
  }
  if (events.length > 0) {
    try {
      return await decideAndAppend(store, options, kept, events);
    } catch (error) {
      options.folds?.forget(options.streamId, kept);
      if (retriable(error, options)) return null;
      throw error;
    }
  }
  options.folds?.forget(options.streamId, kept);
  return null;
}

function decideOn<Command, State, Event extends DomainEvent>(
  { command, decider }: CommandOnStream<Command, State, Event>,
  folded: FoldedStream<State>,
): Event[] {
  const decided =
    typeof command === 'function' ? (command as (folded: FoldedStream<State>) => Command)(folded) : command;
  return decider.decide(decided, folded.state);
}

async function decideAndAppend<Command, State, Event extends DomainEvent>(
  store: EventStore,
  options: CommandOnStream<Command, State, Event>,
  folded: FoldedStream<State>,
  events: Event[],
): Promise<HandledCommand<State, Event>> {
  if (events.length === 0) return { events, result: null, stream: folded };
  const result = await store.append(
    options.streamId,
    events.map((event, index) => ({
      id: options.eventId(index, folded.revision),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: options.metadata,
    })),
    {
      expectedRevision: options.expectedRevision ?? (folded.revision < 0 ? 'no_stream' : folded.revision),
      idempotency: options.idempotency,
      recordedAt: options.recordedAt,
    },
  );
  // The events are the log's now: the fold moves on with them, for the next command.
  const stream = {
    state: events.reduce((state, event) => options.decider.evolve(state, event), folded.state),
    revision: result.revision,
    position: result.position,
  };
  options.folds?.remember(options.streamId, stream);
  return { events, result, stream };
}

/** Only a lost race on a revision the write path chose itself is worth deciding again. */
const retriable = (error: unknown, options: { expectedRevision?: ExpectedRevision }): boolean =>
  error instanceof ConcurrencyError && options.expectedRevision === undefined;
