/**
 * The event log, as every adapter (sqlite, postgres, esdb) offers it.
 * Positions are global, strictly increasing in commit order, and opaque outside the store
 * except for comparison: a reader resumes with `readAll(after = last position seen)`.
 */
export interface EventMetadata {
  actor: { sub: string; role: string };
  correlationId: string;
  causationId?: string;
  schemaVersion: number;
}

export interface NewEvent {
  /** Deterministic ids let a store de-duplicate a retried append (EventStoreDB does). */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 0 for the first event of a stream. */
  revision: number;
  position: bigint;
  /** ISO instant at which the store recorded the event (or the historical one, for an import). */
  recordedAt: string;
}

/** `'no_stream'`: the stream must not exist; `'any'`: no check; a number: the stream's current last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface IdempotencyRecord {
  /** Namespaced by the caller (e.g. `<sub>:<key>`), so two users' keys never collide. */
  key: string;
  requestHash: string;
  /**
   * What the first request answered, replayed on retry. The append's revision and position are
   * not known before the transaction: they come back in StoredIdempotency, for the caller to add.
   */
  response: { status: number; body: unknown; headers?: Record<string, string> };
}

/** An idempotency record as stored: with the stream, revision and position its append produced. */
export interface StoredIdempotency extends IdempotencyRecord {
  streamId: string;
  revision: number;
  position: bigint;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /** Stored in the same transaction as the events: either both are durable or neither. */
  idempotency?: IdempotencyRecord;
  /** Only for imports and seeding of historical data; the public API never sets it. */
  recordedAt?: Date;
}

export interface AppendResult {
  /** Revision of the last event appended (the stream's new current revision). */
  revision: number;
  /** Global position of the last event appended. */
  position: bigint;
}

/** One append of an `appendMany` call. */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Optional, for imports (`vigie migrate`): the appends in the order given, in one transaction.
   * All are stored or none; the first refusal rejects the call with that append's error. The SQL
   * adapters offer it; EventStoreDB, without multi-stream transactions, does not.
   */
  appendMany?(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  /** Every event of a stream in revision order; `[]` when the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Up to `limit` events with position > `after`, in position order. `after = 0n` reads from the start. */
  readAll(after: bigint, limit: number): Promise<RecordedEvent[]>;
  /** Position of the last event recorded, `0n` when the log is empty. */
  headPosition(): Promise<bigint>;
  findIdempotency(key: string): Promise<StoredIdempotency | null>;
  /**
   * Optional, for imports: up to `limit` records with key > `after` in key order (`''` reads from
   * the start). The SQL adapters offer it; EventStoreDB keeps keys as hashed stream names.
   */
  listIdempotency?(after: string, limit: number): Promise<StoredIdempotency[]>;
  /** Throws StoreUnavailableError when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
