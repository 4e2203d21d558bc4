import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { assertAppendable, assertReadLimit } from '../append-checks';
import { ConcurrencyError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendRequest,
  AppendResult,
  EventStore,
  NewEvent,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import { type LogState, planAppends } from './postgres-append-plan';
import { isUnavailable, toStoreError, uniqueViolation } from './postgres-errors';
import { APPEND_LOCK, VIGIE_LOCK_CLASS, migratePostgres } from './postgres-migrations';

export interface PostgresEventStoreOptions {
  /** Stamps `recordedAt` when an append does not bring its own. */
  clock?: () => Date;
  /** `false` when a separate deployment step owns the schema (it calls `migrate()`); `open` then does no I/O. */
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

interface IdempotencyRow {
  key: string;
  request_hash: string;
  response: StoredIdempotency['response'];
  stream_id: string;
  revision: number;
  position: string;
}

const IDEMPOTENCY_COLUMNS = 'key, request_hash, response, stream_id, revision, position::text AS position';

// `position` travels as text (int8 exceeds a JS number); ORDER BY must then name `events.position`,
// or it would sort by the text alias.
const EVENT_COLUMNS =
  'position::text AS position, event_id, stream_id, revision, type, data, metadata, recorded_at';

// Literal constants, so that BEGIN and the lock travel in one simple-protocol round trip.
const BEGIN_AND_LOCK = `BEGIN; SELECT pg_advisory_xact_lock(${VIGIE_LOCK_CLASS}, ${APPEND_LOCK})`;

// The whole batch's state in one round trip: stream revisions, taken keys, event ids already used.
const LOG_STATE = `
  SELECT 'stream' AS kind, stream_id AS name, max(revision) AS revision
  FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id
  UNION ALL SELECT 'key', key, NULL FROM idempotency WHERE key = ANY($2::text[])
  UNION ALL SELECT 'event', event_id, NULL FROM events WHERE event_id = ANY($3::text[])`;

// ORDER BY ord: positions are drawn from the sequence in the order the events were given.
const INSERT_EVENTS = `
  INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
  SELECT e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at
  FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
    WITH ORDINALITY AS e(event_id, stream_id, revision, type, data, metadata, recorded_at, ord)
  ORDER BY e.ord
  RETURNING position::text AS position, stream_id, revision`;

const INSERT_IDEMPOTENCY = `
  INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at)
  SELECT r.*, $7::timestamptz
  FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::integer[], $6::bigint[]) AS r`;

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
    const [result] = await this.appendInTransaction([{ streamId, events, options }]);
    return result;
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    return requests.length === 0 ? [] : this.appendInTransaction(requests);
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
    const [row] = await this.query<IdempotencyRow>(
      `SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency WHERE key = $1`,
      [key],
    );
    return row ? toStoredIdempotency(row) : null;
  }

  async listIdempotency(after: string, limit: number): Promise<StoredIdempotency[]> {
    assertReadLimit(limit);
    const rows = await this.query<IdempotencyRow>(
      `SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency WHERE key > $1 ORDER BY key LIMIT $2`,
      [after, limit],
    );
    return rows.map(toStoredIdempotency);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Every request under one advisory lock and one transaction: all are stored or none. */
  private async appendInTransaction(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { streamId, events } of requests) assertAppendable(streamId, events);
    const [first] = requests;
    const context = { streamId: first.streamId, idempotencyKey: first.options.idempotency?.key };
    try {
      return await this.withClient(async (client) => {
        await client.query(BEGIN_AND_LOCK);
        try {
          const results = await this.appendWithinTransaction(client, requests);
          await client.query('COMMIT');
          return results;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }, context);
    } catch (error) {
      // Only a writer that bypasses the lock can get here; the checks under the lock normally answer first.
      if (uniqueViolation(error) === 'stream-revision') {
        throw new ConcurrencyError(
          first.streamId,
          first.options.expectedRevision,
          (await this.currentRevision(first.streamId)) ?? 'no_stream',
        );
      }
      throw error;
    }
  }

  /** Three statements however many appends: read the state, insert the events, insert the records. */
  private async appendWithinTransaction(
    client: PoolClient,
    requests: readonly AppendRequest[],
  ): Promise<AppendResult[]> {
    const state = await client.query<{
      kind: 'stream' | 'key' | 'event';
      name: string;
      revision: number | null;
    }>(LOG_STATE, [
      [...new Set(requests.map((request) => request.streamId))],
      requests.flatMap((request) => request.options.idempotency?.key ?? []),
      requests.flatMap((request) => request.events.map((event) => event.id)),
    ]);
    const { columns, appends } = planAppends(requests, logStateOf(state.rows), this.clock);
    const inserted = await client.query<{ position: string; stream_id: string; revision: number }>(
      INSERT_EVENTS,
      [
        columns.eventIds,
        columns.streamIds,
        columns.revisions,
        columns.types,
        columns.data,
        columns.metadata,
        columns.recordedAt,
      ],
    );
    const positions = new Map(inserted.rows.map((row) => [`${row.revision}:${row.stream_id}`, row.position]));
    const results = appends.map(({ streamId, revision }) => ({
      revision,
      position: BigInt(positions.get(`${revision}:${streamId}`) as string),
    }));
    const recorded = appends.flatMap(({ streamId, revision, idempotency }, index) =>
      idempotency ? [{ streamId, revision, idempotency, position: results[index].position }] : [],
    );
    if (recorded.length > 0) {
      await client.query(INSERT_IDEMPOTENCY, [
        recorded.map(({ idempotency }) => idempotency.key),
        recorded.map(({ idempotency }) => idempotency.requestHash),
        recorded.map(({ idempotency }) => JSON.stringify(idempotency.response)),
        recorded.map(({ streamId }) => streamId),
        recorded.map(({ revision }) => revision),
        recorded.map(({ position }) => position.toString()),
        this.clock().toISOString(),
      ]);
    }
    return results;
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
    // A connection terminated while held would otherwise emit an unhandled 'error' and crash the process;
    // the query in flight fails with the same error and is mapped to StoreUnavailableError below.
    const swallow = (): void => undefined;
    client.on('error', swallow);
    try {
      return await work(client);
    } catch (error) {
      if (isUnavailable(error)) broken = error as Error;
      throw toStoreError(error, context);
    } finally {
      client.off('error', swallow);
      client.release(broken);
    }
  }
}

function logStateOf(rows: Array<{ kind: string; name: string; revision: number | null }>): LogState {
  const state: LogState = { revisions: new Map(), takenKeys: new Set(), eventIds: new Set() };
  for (const { kind, name, revision } of rows) {
    if (kind === 'stream') state.revisions.set(name, Number(revision));
    else if (kind === 'key') state.takenKeys.add(name);
    else state.eventIds.add(name);
  }
  return state;
}

function toStoredIdempotency(row: IdempotencyRow): StoredIdempotency {
  const { request_hash: requestHash, stream_id: streamId, position, ...rest } = row;
  return { ...rest, requestHash, streamId, position: BigInt(position) };
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
