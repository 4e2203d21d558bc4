import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { assertAppendable, assertReadLimit, checkExpectedRevision } from '../append-checks';
import { ConcurrencyError, IdempotencyKeyTakenError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import { isUnavailable, toStoreError, uniqueViolation } from './postgres-errors';
import { APPEND_LOCK, VIGIE_LOCK_CLASS, migratePostgres } from './postgres-migrations';

export interface PostgresEventStoreOptions {
  /** Stamps `recordedAt` when an append does not bring its own. */
  clock?: () => Date;
  /** `false` when a separate step (`vigie migrate`) owns the schema; `open` then does no I/O. */
  migrate?: boolean;
  poolSize?: number;
  connectionTimeoutMs?: number;
}

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

// `position` travels as text (int8 exceeds a JS number); ORDER BY must then name `events.position`,
// or it would sort by the text alias.
const EVENT_COLUMNS =
  'position::text AS position, event_id, stream_id, revision, type, data, metadata, recorded_at';

// Literal constants, so that BEGIN and the lock travel in one simple-protocol round trip.
const BEGIN_AND_LOCK = `BEGIN; SELECT pg_advisory_xact_lock(${VIGIE_LOCK_CLASS}, ${APPEND_LOCK})`;

const INSERT_EVENTS = `
  INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
  SELECT e.event_id, $1, $2::integer + e.ord::integer, e.type, e.data, e.metadata, $7
  FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(event_id, type, data, metadata, ord)
  ORDER BY e.ord
  RETURNING position::text AS position, revision`;

/**
 * Global order is gap-safe (ARCHITECTURE.md rule 4): every append takes one transaction-scoped
 * advisory lock before drawing positions from the sequence, so positions are drawn and committed
 * in the same order and a reader polling `position > checkpoint` cannot see a later position
 * before an earlier one commits. The price is one writer at a time, which the declaration rate
 * allows by orders of magnitude. Positions may have holes (a rolled-back append used them): only
 * their order is promised.
 */
export class PostgresEventStore implements EventStore {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly clock: () => Date,
  ) {}

  static async open(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    });
    // An idle client whose server went away reports here; the next query surfaces it as StoreUnavailableError.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, options.clock ?? (() => new Date()));
    if (options.migrate !== false) {
      try {
        await store.migrate();
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    return store;
  }

  async migrate(): Promise<void> {
    await this.withClient((client) => migratePostgres(client));
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const { idempotency } = options;
    const context = { streamId, idempotencyKey: idempotency?.key };
    try {
      return await this.withClient(async (client) => {
        await client.query(BEGIN_AND_LOCK);
        try {
          const result = await this.appendWithinTransaction(client, streamId, events, options);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }, context);
    } catch (error) {
      // Only a writer that bypasses the lock can get here; the revision check normally answers first.
      if (uniqueViolation(error) === 'stream-revision') {
        throw new ConcurrencyError(
          streamId,
          options.expectedRevision,
          (await this.currentRevision(streamId)) ?? 'no_stream',
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    assertReadLimit(limit);
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE events.position > $1 ORDER BY events.position LIMIT $2`,
      [after.toString(), limit],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<bigint> {
    const [row] = await this.query<{ head: string }>(
      'SELECT coalesce(max(position), 0)::text AS head FROM events',
    );
    return BigInt(row.head);
  }

  async findIdempotency(key: string): Promise<StoredIdempotency | null> {
    const [row] = await this.query<{
      key: string;
      request_hash: string;
      response: StoredIdempotency['response'];
      stream_id: string;
      revision: number;
      position: string;
    }>(
      'SELECT key, request_hash, response, stream_id, revision, position::text AS position FROM idempotency WHERE key = $1',
      [key],
    );
    if (!row) return null;
    const { request_hash: requestHash, stream_id: streamId, position, ...rest } = row;
    return { ...rest, requestHash, streamId, position: BigInt(position) };
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async appendWithinTransaction(
    client: PoolClient,
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const { idempotency } = options;
    // The key is checked before the revision: a retry whose stream has moved on must still learn
    // that its first attempt succeeded, not that it lost a race.
    const state = await client.query<{ revision: number | null; taken: boolean }>(
      `SELECT (SELECT max(revision) FROM events WHERE stream_id = $1) AS revision,
              EXISTS (SELECT 1 FROM idempotency WHERE key = $2) AS taken`,
      [streamId, idempotency?.key ?? null],
    );
    const { revision: current, taken } = state.rows[0];
    if (idempotency && taken) throw new IdempotencyKeyTakenError(idempotency.key);
    checkExpectedRevision(streamId, options.expectedRevision, current);
    const inserted = await client.query<{ position: string; revision: number }>(INSERT_EVENTS, [
      streamId,
      current ?? -1,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
      events.map((event) => JSON.stringify(event.metadata)),
      (options.recordedAt ?? this.clock()).toISOString(),
    ]);
    const revision = Math.max(...inserted.rows.map((row) => row.revision));
    const position = inserted.rows
      .map((row) => BigInt(row.position))
      .reduce((max, next) => (next > max ? next : max));
    if (idempotency) {
      await client.query(
        `INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          idempotency.key,
          idempotency.requestHash,
          JSON.stringify(idempotency.response),
          streamId,
          revision,
          position.toString(),
          this.clock().toISOString(),
        ],
      );
    }
    return { revision, position };
  }

  private async currentRevision(streamId: string): Promise<number | null> {
    const [row] = await this.query<{ revision: number | null }>(
      'SELECT max(revision) AS revision FROM events WHERE stream_id = $1',
      [streamId],
    );
    return row.revision;
  }

  private async query<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
    return this.withClient(async (client) => (await client.query<Row>(text, values)).rows);
  }

  /** A client that failed on its connection is destroyed, not returned to the pool for the next caller. */
  private async withClient<T>(
    work: (client: PoolClient) => Promise<T>,
    context: { streamId?: string; idempotencyKey?: string } = {},
  ): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toStoreError(error, context);
    }
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      if (isUnavailable(error)) broken = error as Error;
      throw toStoreError(error, context);
    } finally {
      client.release(broken);
    }
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
  };
}
