import { ConcurrencyError, StoreUnavailableError } from '../event-store.errors';
import type { EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { IDEMPOTENCY_STREAM_PREFIX } from './esdb-idempotency';

/*
 * Pure translation between the port and EventStoreDB's shapes. The client's types are restated
 * structurally and nothing is imported from it, so that moving to @kurrent/kurrentdb-client
 * (whose constants and shapes are the same strings and fields) stays a change to esdb-event-store.ts.
 */

export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

export interface EsdbRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

export type EsdbExpectedRevision = 'no_stream' | 'any' | bigint;

/** The store's recording instant rides in the metadata: `created` is the server's, and an import brings its own. */
const RECORDED_AT = 'vigieRecordedAt';

export function toEsdbExpectedRevision(expected: ExpectedRevision): EsdbExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return 'no_stream';
    case 'any':
      return 'any';
    default:
      return BigInt(expected);
  }
}

/**
 * The port's position is the commit position. It is strictly increasing because every event this
 * adapter writes goes through a gRPC append, an implicit transaction in which each event's commit
 * position equals its own prepare position (its unique offset in the transaction file). Only a
 * legacy TCP explicit transaction gives several events one commit position; such an event cannot be
 * placed in a strictly increasing order, so it is refused loudly rather than delivered ambiguously.
 */
export function toGlobalPosition(position: EsdbPosition | undefined): bigint {
  if (!position)
    throw new Error(
      'EventStoreDB returned an event without its position: version 22.10 or later is required',
    );
  if (position.commit !== position.prepare) {
    throw new Error(
      `Event at commit ${position.commit} / prepare ${position.prepare} was written in an explicit transaction, which Vigie does not read`,
    );
  }
  return position.commit;
}

/** `readAll(after)` resumes at `after` itself (the server's start position is inclusive): the caller drops it. */
export function toReadPosition(after: bigint): 'start' | EsdbPosition {
  return after <= 0n ? 'start' : { commit: after, prepare: after };
}

/** System events (`$`-types, `$`-streams) and the idempotency bookkeeping are not part of the domain feed. */
export function belongsToFeed(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return (
    !event.type.startsWith('$') &&
    !event.streamId.startsWith('$') &&
    !event.streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX)
  );
}

export function toEsdbMetadata(metadata: EventMetadata, recordedAt: Date): Record<string, unknown> {
  return { ...metadata, [RECORDED_AT]: recordedAt.toISOString() };
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const { [RECORDED_AT]: recordedAt, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toGlobalPosition(event.position),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: typeof recordedAt === 'string' ? recordedAt : event.created.toISOString(),
  };
}

interface ClientErrorLike {
  message: string;
  type?: unknown;
  code?: unknown;
  actualVersion?: unknown;
}

function isClientErrorLike(error: unknown): error is ClientErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function isWrongExpectedVersion(error: unknown): error is ClientErrorLike {
  return isClientErrorLike(error) && error.type === 'wrong-expected-version';
}

export function isStreamNotFound(error: unknown): boolean {
  return isClientErrorLike(error) && error.type === 'stream-not-found';
}

/** gRPC status codes 14 (UNAVAILABLE) and 4 (DEADLINE_EXCEEDED): an append may surface them unwrapped. */
const UNAVAILABLE_GRPC_CODES = new Set([14, 4]);
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

export function isUnavailable(error: unknown): boolean {
  if (!isClientErrorLike(error)) return false;
  return (
    (typeof error.type === 'string' && UNAVAILABLE_TYPES.has(error.type)) ||
    (typeof error.code === 'number' && UNAVAILABLE_GRPC_CODES.has(error.code)) ||
    /ECONNREFUSED|failed to connect|client is closed|disposed/i.test(error.message)
  );
}

export function toStoreError(
  error: unknown,
  context?: { streamId: string; expected: ExpectedRevision },
): unknown {
  if (context && isWrongExpectedVersion(error)) {
    const actual = error.actualVersion;
    return new ConcurrencyError(
      context.streamId,
      context.expected,
      typeof actual === 'bigint' ? Number(actual) : 'no_stream',
    );
  }
  if (isUnavailable(error))
    return new StoreUnavailableError(
      `EventStoreDB unavailable: ${(error as ClientErrorLike).message}`,
      error,
    );
  return error;
}
