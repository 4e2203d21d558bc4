import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, jsonEvent } from '@eventstore/db-client';
import type { AppendExpectedRevision, ReadPosition } from '@eventstore/db-client';
import { assertAppendable, assertReadLimit } from '../append-checks';
import { ConcurrencyError, IdempotencyKeyTakenError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import type { KeyState } from './esdb-idempotency';
import {
  KEY_CLAIMED,
  KEY_RECORDED,
  KEY_RELEASED,
  claimOf,
  idempotencyStreamName,
  keyState,
  resolveClaim,
} from './esdb-idempotency';
import type { EsdbExpectedRevision, EsdbRecordedEvent } from './esdb-mapping';
import {
  belongsToFeed,
  isStreamNotFound,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  toStoreError,
} from './esdb-mapping';

export interface EsdbEventStoreOptions {
  /** Stamps `recordedAt` when an append does not bring its own. */
  clock?: () => Date;
}

/** At most this many `$all` records per round trip, system events included. */
const SCAN_CHUNK = 500;

/**
 * The production adapter, kept thin: the only file that imports the client. Idempotency records
 * follow the claim protocol of esdb-idempotency.ts, since EventStoreDB has no multi-stream transaction.
 */
export class EsdbEventStore implements EventStore {
  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: () => Date,
  ) {}

  /** Connects lazily, on the first call: `ping()` is the way to fail fast. */
  static async open(url: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> {
    return new EsdbEventStore(EventStoreDBClient.connectionString(url), options.clock ?? (() => new Date()));
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    if (!options.idempotency) return this.appendEvents(streamId, events, options);
    const { idempotency } = options;
    const keyStream = idempotencyStreamName(idempotency.key);
    const state = await this.resolvedKeyState(keyStream);
    if (state.status !== 'free') throw new IdempotencyKeyTakenError(idempotency.key);
    const claimRevision = await this.claim(keyStream, state.expected, idempotency, streamId, events);
    let result: AppendResult;
    try {
      result = await this.appendEvents(streamId, events, options);
    } catch (error) {
      // A definite refusal frees the key for a corrected retry. After an unavailable store the
      // events may have landed: the claim stays, for a reader to resolve against the stream.
      if (error instanceof ConcurrencyError) {
        const released = { releasedAt: this.clock().toISOString() };
        await this.write(keyStream, KEY_RELEASED, released, claimRevision).catch(() => undefined);
      }
      throw error;
    }
    // Best effort: should this write be lost, readers resolve the claim from the appended events.
    const recorded = { revision: result.revision, position: result.position.toString() };
    await this.write(keyStream, KEY_RECORDED, recorded, claimRevision).catch(() => undefined);
    return result;
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.readStreamEvents(streamId);
    return events.map(toRecordedEvent);
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    assertReadLimit(limit);
    const found: RecordedEvent[] = [];
    let cursor = after;
    while (found.length < limit) {
      // One more than wanted: the read starts at `cursor` itself, which is dropped.
      const maxCount = Math.min(SCAN_CHUNK, limit - found.length + 1);
      const chunk = await this.call(() =>
        collect(
          this.client.readAll({
            fromPosition: toReadPosition(cursor) as ReadPosition,
            direction: FORWARDS,
            maxCount,
          }),
        ),
      );
      // The cursor moves by commit position over every record; only feed events must pass the
      // strict position check (in toRecordedEvent), so a foreign system record cannot stop the feed.
      for (const { event } of chunk) {
        if (!event || event.position.commit <= cursor) continue;
        cursor = event.position.commit;
        if (belongsToFeed(event) && found.length < limit) {
          found.push(toRecordedEvent(event as EsdbRecordedEvent));
        }
      }
      if (chunk.length < maxCount) break;
    }
    return found;
  }

  async headPosition(): Promise<bigint> {
    let before: bigint | null = null;
    for (;;) {
      const chunk = await this.call(() =>
        collect(
          this.client.readAll({
            fromPosition: before === null ? END : (toReadPosition(before) as ReadPosition),
            direction: BACKWARDS,
            maxCount: SCAN_CHUNK,
          }),
        ),
      );
      for (const { event } of chunk) {
        if (!event) continue;
        const { commit } = event.position;
        if (before !== null && commit >= before) continue;
        if (belongsToFeed(event)) return toGlobalPosition(event.position);
        before = commit;
      }
      if (chunk.length < SCAN_CHUNK) return 0n;
    }
  }

  async findIdempotency(key: string): Promise<StoredIdempotency | null> {
    const state = await this.resolvedKeyState(idempotencyStreamName(key));
    return state.status === 'recorded' ? state.record : null;
  }

  async ping(): Promise<void> {
    await this.call(() =>
      collect(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })),
    );
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async appendEvents(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const recordedAt = options.recordedAt ?? this.clock();
    const data = events.map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: toEsdbMetadata(event.metadata, recordedAt),
      }),
    );
    const written = await this.call(
      () =>
        this.client.appendToStream(streamId, data, {
          expectedRevision: toEsdbExpectedRevision(options.expectedRevision) as AppendExpectedRevision,
        }),
      { streamId, expected: options.expectedRevision },
    );
    const revision = Number(written.nextExpectedRevision);
    if (written.position) return { revision, position: toGlobalPosition(written.position) };
    const last = (await this.readStreamEvents(streamId)).find((event) => Number(event.revision) === revision);
    return { revision, position: toGlobalPosition(last?.position) };
  }

  private async claim(
    keyStream: string,
    expected: EsdbExpectedRevision,
    record: IdempotencyRecord,
    streamId: string,
    events: NewEvent[],
  ): Promise<bigint> {
    const claim = claimOf(
      record,
      streamId,
      events.map((event) => event.id),
      this.clock(),
    );
    try {
      return await this.write(keyStream, KEY_CLAIMED, claim, expected);
    } catch (error) {
      if (isWrongExpectedVersion(error)) throw new IdempotencyKeyTakenError(record.key);
      throw toStoreError(error);
    }
  }

  /** The key's state, with an unfinished claim resolved against its target stream. */
  private async resolvedKeyState(keyStream: string): Promise<KeyState> {
    const state = keyState(await this.readStreamEvents(keyStream));
    if (state.status !== 'claimed') return state;
    const lastId = state.claim.eventIds[state.claim.eventIds.length - 1];
    const landed = (await this.readStreamEvents(state.claim.streamId)).find((event) => event.id === lastId);
    const resolved = resolveClaim(
      state,
      landed ? { revision: Number(landed.revision), position: toGlobalPosition(landed.position) } : null,
      this.clock(),
    );
    if (resolved.status === 'recorded') {
      const { revision, position } = resolved.record;
      await this.write(
        keyStream,
        KEY_RECORDED,
        { revision, position: position.toString() },
        state.claimRevision,
      ).catch(() => undefined);
    }
    return resolved;
  }

  /** Appends one bookkeeping event; answers the key stream's new revision. Raw client errors pass through for the caller to read. */
  private async write(
    keyStream: string,
    type: string,
    data: object,
    expected: EsdbExpectedRevision,
  ): Promise<bigint> {
    const event = jsonEvent({ id: randomUUID(), type, data: data as Record<string, unknown> });
    const written = await this.client.appendToStream(keyStream, event, {
      expectedRevision: expected as AppendExpectedRevision,
    });
    return written.nextExpectedRevision;
  }

  private async readStreamEvents(streamId: string): Promise<EsdbRecordedEvent[]> {
    try {
      const resolved = await collect(this.client.readStream(streamId, { direction: FORWARDS }));
      return resolved.flatMap(({ event }) => (event ? [event as EsdbRecordedEvent] : []));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toStoreError(error);
    }
  }

  private async call<T>(work: () => Promise<T>, context?: Parameters<typeof toStoreError>[1]): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, context);
    }
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
