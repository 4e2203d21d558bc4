import {
  ConcurrencyError,
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  StoreUnavailableError,
} from '../event-store.errors';

/**
 * An error as it crosses from the writer thread to the main thread. A structured clone keeps
 * neither the class nor the fields of the port's errors, so each is sent as its fields and
 * re-created on the main thread: callers keep matching them with `instanceof` and reading
 * `streamId`, `expected`, `actual`, `key`.
 */
export type WireError =
  | {
      kind: 'concurrency';
      streamId: string;
      expected: ConcurrencyError['expected'];
      actual: ConcurrencyError['actual'];
    }
  | { kind: 'key-taken'; key: string }
  | { kind: 'duplicate-event-id'; streamId: string }
  | { kind: 'unavailable'; message: string; cause?: WireCause }
  | { kind: 'other'; name: string; message: string; code?: string };

/** The SQLite error behind an unavailable store: its code is what operators look for. */
interface WireCause {
  message: string;
  code?: string;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof ConcurrencyError)
    return { kind: 'concurrency', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof IdempotencyKeyTakenError) return { kind: 'key-taken', key: error.key };
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate-event-id', streamId: error.streamId };
  if (error instanceof StoreUnavailableError)
    return { kind: 'unavailable', message: error.message, cause: causeOf(error.cause) };
  if (isErrorLike(error))
    return { kind: 'other', name: error.name ?? 'Error', message: error.message, ...codeOf(error) };
  return { kind: 'other', name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  switch (wire.kind) {
    case 'concurrency':
      return new ConcurrencyError(wire.streamId, wire.expected, wire.actual);
    case 'key-taken':
      return new IdempotencyKeyTakenError(wire.key);
    case 'duplicate-event-id':
      return new DuplicateEventIdError(wire.streamId);
    case 'unavailable':
      return new StoreUnavailableError(
        wire.message,
        wire.cause && Object.assign(new Error(wire.cause.message), wire.cause),
      );
    case 'other':
      return Object.assign(
        wire.name === 'RangeError' ? new RangeError(wire.message) : new Error(wire.message),
        {
          name: wire.name,
          ...(wire.code === undefined ? {} : { code: wire.code }),
        },
      );
  }
}

function causeOf(cause: unknown): WireCause | undefined {
  return isErrorLike(cause) ? { message: cause.message, ...codeOf(cause) } : undefined;
}

function codeOf(error: { code?: unknown }): { code?: string } {
  return typeof error.code === 'string' ? { code: error.code } : {};
}

/** Duck-typed: the native addon's errors come from another realm than the classes in scope. */
function isErrorLike(error: unknown): error is { name?: string; message: string; code?: unknown } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
