import { createHash } from 'node:crypto';
import { ConcurrencyError, StoreUnavailableError } from '../event-store.errors';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../event-store.port';

/** The event of a counter stream: `sequence` now belongs to `holder`, for ever. */
export const SEQUENCE_RESERVED = 'SequenceNumberReserved';

/**
 * Lost races with another process are re-read and retried, after a random pause that grows with
 * each loss: a process whose writers keep it busy would otherwise win every race against one that
 * must read before it tries again. Given up (a 503-like error) only after this long.
 */
const RETRY_FOR_MS = 30_000;
const MAX_PAUSE_MS = 50;

const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_PAUSE_MS, 2 ** attempt)));

interface Pending {
  holder: string;
  resolve: (sequence: number) => void;
  reject: (error: unknown) => void;
}

/** What this process knows of one counter stream; `loaded: false` forces a read before the next append. */
interface Counter {
  loaded: boolean;
  revision: number;
  last: number;
  holders: Map<string, number>;
  queue: Pending[];
  flushing: boolean;
}

/** A UUID (version 5 layout) derived from its seed, like the notifier's delivery ids. */
function uuidFrom(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Gap-free numbers 1, 2, 3… per counter stream (`reference-2026`), each given to one holder (a
 * declaration id) for ever, on every store. A reservation is an append at the stream's current
 * revision, so two writers — two requests of this process or two processes, on SQLite, PostgreSQL
 * or EventStoreDB — can never both get a number: the loser's append is refused, it re-reads the
 * stream and tries again. Before each append the holder is looked up in the stream as read, so a
 * holder asking again (a retried submission) gets its number back rather than a second one.
 *
 * Requests of this process are batched: while one append is in flight the others queue, and the
 * next append reserves all of them at once, so 16 concurrent writers cost a few appends, not 16
 * races. Event ids derive from the stream, the number and the holder: a retried append of the
 * same reservation is recognised (EventStoreDB), while another holder's claim of that number is a
 * different event and is refused.
 */
export class SequenceAllocator {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly store: EventStore,
    private readonly metadata: () => EventMetadata,
  ) {}

  /** The number of `holder` in `streamId`: the one it already has, or the next one. */
  reserve(streamId: string, holder: string): Promise<number> {
    const counter = this.counterOf(streamId);
    return new Promise((resolve, reject) => {
      counter.queue.push({ holder, resolve, reject });
      void this.flush(streamId, counter);
    });
  }

  /** The numbers of several holders at once, in the order given (a seeded year: one append). */
  reserveAll(streamId: string, holders: readonly string[]): Promise<number[]> {
    return Promise.all(holders.map((holder) => this.reserve(streamId, holder)));
  }

  private counterOf(streamId: string): Counter {
    let counter = this.counters.get(streamId);
    if (counter === undefined) {
      counter = { loaded: false, revision: -1, last: 0, holders: new Map(), queue: [], flushing: false };
      this.counters.set(streamId, counter);
    }
    return counter;
  }

  private async flush(streamId: string, counter: Counter): Promise<void> {
    if (counter.flushing) return;
    counter.flushing = true;
    try {
      while (counter.queue.length > 0) await this.reserveBatch(streamId, counter, counter.queue.splice(0));
    } finally {
      counter.flushing = false;
    }
  }

  private async reserveBatch(streamId: string, counter: Counter, batch: Pending[]): Promise<void> {
    const deadline = Date.now() + RETRY_FOR_MS;
    try {
      for (let attempt = 1; ; attempt++) {
        if (!counter.loaded) await this.load(streamId, counter);
        const fresh = [...new Set(batch.map((pending) => pending.holder))].filter(
          (holder) => !counter.holders.has(holder),
        );
        if (fresh.length === 0) break;
        try {
          await this.append(streamId, counter, fresh);
          break;
        } catch (error) {
          // Another process reserved first: what we know is stale, read again.
          counter.loaded = false;
          if (!(error instanceof ConcurrencyError)) throw error;
          // Retryable, as an outage is: a submission kept by the client is sent again with its key.
          if (Date.now() > deadline)
            throw new StoreUnavailableError(
              `${streamId}: every race for a number lost for ${RETRY_FOR_MS} ms`,
            );
          await pause(attempt);
        }
      }
      for (const pending of batch) pending.resolve(counter.holders.get(pending.holder) as number);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private async append(streamId: string, counter: Counter, holders: string[]): Promise<void> {
    const metadata = this.metadata();
    const events: NewEvent[] = holders.map((holder, index) => {
      const sequence = counter.last + 1 + index;
      return {
        id: uuidFrom(`${streamId}\u0000${sequence}\u0000${holder}`),
        type: SEQUENCE_RESERVED,
        data: { sequence, holder },
        metadata,
      };
    });
    const { revision } = await this.store.append(streamId, events, {
      expectedRevision: counter.revision < 0 ? 'no_stream' : counter.revision,
    });
    holders.forEach((holder, index) => counter.holders.set(holder, counter.last + 1 + index));
    counter.last += holders.length;
    counter.revision = revision;
  }

  private async load(streamId: string, counter: Counter): Promise<void> {
    const events = await this.store.readStream(streamId);
    counter.holders = holdersOf(events);
    counter.last = events.length;
    counter.revision = events.length - 1;
    counter.loaded = true;
  }
}

/** Each holder's first number: the stream is gap-free by construction (number n at revision n − 1). */
function holdersOf(events: readonly RecordedEvent[]): Map<string, number> {
  const holders = new Map<string, number>();
  for (const event of events) {
    const { sequence, holder } = event.data as { sequence: number; holder: string };
    if (!holders.has(holder)) holders.set(holder, sequence);
  }
  return holders;
}
