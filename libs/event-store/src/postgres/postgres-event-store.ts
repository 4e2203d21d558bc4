import type { Pool, PoolClient } from 'pg';
import {
  DEFAULT_POSTGRES_LIMITS,
  PostgresUnreachableError,
  createPool,
  withSchemaLock,
  type PostgresLimits,
} from '@vigie/postgres';
import { assertAppendable, assertReadLimit } from '../append-checks';
import { ConcurrencyError, StoreUnavailableError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendRequest,
  AppendResult,
  EventStore,
  NewEvent,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import { type EventColumns, type LogState, type PlannedAppend, planBatch } from './postgres-append-plan';
import { isUnavailable, toStoreError, uniqueViolation } from './postgres-errors';
import { PostgresGroupCommit, type UnitOutcome } from './postgres-group-commit';
import { APPEND_LOCK, MIGRATION_LOCK, VIGIE_LOCK_CLASS, migratePostgres } from './postgres-migrations';

export interface PostgresEventStoreOptions {
  /** Stamps `recordedAt` when an append does not bring its own. */
  clock?: () => Date;
  /** `false` when a separate deployment step owns the schema (it calls `migrate()`); `open` then does no I/O. */
  migrate?: boolean;
  poolSize?: number;
  /** Statement and connection timeouts (DEFAULT_POSTGRES_LIMITS): a stalled network costs a command seconds. */
  limits?: PostgresLimits;
}

/** What one caller submitted: one `append`, or the requests of one `appendMany`. */
type Unit = readonly AppendRequest[];

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

// The two statements every batch runs under the lock are prepared once per connection (named):
// the server does not parse and plan them again while the next batch waits for the lock.

// The whole batch's state in one round trip: stream revisions, taken keys, event ids already used.
const LOG_STATE = `
  SELECT 'stream' AS kind, stream_id AS name, max(revision) AS revision
  FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id
  UNION ALL SELECT 'key', key, NULL FROM idempotency WHERE key = ANY($2::text[])
  UNION ALL SELECT 'event', event_id, NULL FROM events WHERE event_id = ANY($3::text[])`;

// Events and idempotency records in one statement, which draws the positions of the batch's events
// from the sequence (under the append lock, so in commit order) and gives them out in the order
// the events were given: sorting the drawn numbers, not the wide rows. A record takes the position
// of its append's last event. The positions come back, ascending, for the results.
const INSERT_EVENTS_AND_RECORDS = `
  WITH drawn AS (
    SELECT array_agg(d.position ORDER BY d.position) AS positions
    FROM (SELECT nextval('events_position_seq') AS position
          FROM generate_series(1, cardinality($1::text[]))) AS d
  ), inserted AS (
    INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
    SELECT drawn.positions[e.ord], e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at
    FROM drawn, unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
      WITH ORDINALITY AS e(event_id, stream_id, revision, type, data, metadata, recorded_at, ord)
  ), recorded AS (
    INSERT INTO idempotency (key, request_hash, response, stream_id, revision, position, created_at)
    SELECT r.key, r.request_hash, r.response, r.stream_id, r.revision, drawn.positions[r.last_event], $14::timestamptz
    FROM drawn, unnest($8::text[], $9::text[], $10::jsonb[], $11::text[], $12::integer[], $13::integer[])
      AS r(key, request_hash, response, stream_id, revision, last_event)
  )
  SELECT positions::text[] AS positions FROM drawn`;

/**
 * Global order is gap-safe (ARCHITECTURE.md rule 4): every append takes one transaction-scoped
 * advisory lock before drawing positions from the sequence, so positions are drawn and committed
 * in the same order and a reader polling `position > checkpoint` cannot see a later position
 * before an earlier one commits. The price is one transaction at a time, so one WAL flush at a
 * time: the group commit (postgres-group-commit.ts) puts the appends in flight into one
 * transaction to share it. Positions may have holes (a rolled-back append used them): only their
 * order is promised.
 */
export class PostgresEventStore implements EventStore {
  private closed = false;
  private readonly groupCommit = new PostgresGroupCommit<Unit, AppendResult[]>(
    (take) => this.commitBatch(take),
    (unit) => unit.length,
  );

  private constructor(
    private readonly pool: Pool,
    private readonly clock: () => Date,
    private readonly url: string,
    private readonly limits: PostgresLimits,
  ) {}

  static async open(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const limits = options.limits ?? DEFAULT_POSTGRES_LIMITS;
    const pool = createPool(url, { limits, max: options.poolSize ?? 10, applicationName: 'vigie-events' });
    const store = new PostgresEventStore(pool, options.clock ?? (() => new Date()), url, limits);
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
    try {
      await withSchemaLock(this.url, [VIGIE_LOCK_CLASS, MIGRATION_LOCK], migratePostgres, this.limits);
    } catch (error) {
      // The port's error, keeping the address and the reason for whoever explains the failed start.
      if (error instanceof PostgresUnreachableError) throw new StoreUnavailableError(error.message, error);
      throw toStoreError(error);
    }
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const [result] = await this.groupCommit.submit([{ streamId, events, options }]);
    return result;
  }

  /** One unit of the group commit: its requests are stored together or refused together. */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    for (const { streamId, events } of requests) assertAppendable(streamId, events);
    return requests.length === 0 ? [] : this.groupCommit.submit(requests);
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

  /** Appends already submitted are written first: a caller that closes after appending loses nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.groupCommit.idle();
    await this.pool.end();
  }

  /**
   * One transaction under the advisory lock for the whole batch, whose units are taken once the
   * lock is held. A refused unit is only set aside; a failure of the transaction (the server gone,
   * a failed COMMIT) fails every unit of the batch.
   */
  private async commitBatch(take: () => readonly Unit[]): Promise<Array<UnitOutcome<AppendResult[]>>> {
    let units: readonly Unit[] = [];
    try {
      return await this.withClient(async (client) => {
        await client.query(BEGIN_AND_LOCK);
        try {
          units = take();
          const outcomes = await this.writeBatch(client, units);
          await client.query('COMMIT');
          return outcomes;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      // Only a writer that bypasses the lock can get here; the checks under the lock normally answer first.
      const violation = uniqueViolation(error);
      if (violation === null) throw error;
      if (units.length > 1) return this.commitEachAlone(units);
      const [first] = units[0];
      if (violation !== 'stream-revision')
        throw toStoreError(error, {
          streamId: first.streamId,
          idempotencyKey: first.options.idempotency?.key,
        });
      throw new ConcurrencyError(
        first.streamId,
        first.options.expectedRevision,
        (await this.currentRevision(first.streamId)) ?? 'no_stream',
      );
    }
  }

  /** After a unique violation, each unit again in its own transaction, so that each gets its own answer. */
  private async commitEachAlone(units: readonly Unit[]): Promise<Array<UnitOutcome<AppendResult[]>>> {
    const outcomes: Array<UnitOutcome<AppendResult[]>> = [];
    for (const unit of units) {
      try {
        outcomes.push(...(await this.commitBatch(() => [unit])));
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** Two statements however many appends: read the state, insert the events and their records. */
  private async writeBatch(
    client: PoolClient,
    units: readonly Unit[],
  ): Promise<Array<UnitOutcome<AppendResult[]>>> {
    const requests = units.flat();
    const state = await client.query<{
      kind: 'stream' | 'key' | 'event';
      name: string;
      revision: number | null;
    }>({
      name: 'vigie-log-state',
      text: LOG_STATE,
      values: [
        [...new Set(requests.map((request) => request.streamId))],
        requests.flatMap((request) => request.options.idempotency?.key ?? []),
        requests.flatMap((request) => request.events.map((event) => event.id)),
      ],
    });
    const plan = planBatch(units, logStateOf(state.rows), this.clock);
    const appends = plan.units.flatMap((unit) => ('accepted' in unit ? unit.accepted : []));
    const positions = appends.length === 0 ? [] : await this.insert(client, plan.columns, appends);
    return plan.units.map((unit) =>
      'accepted' in unit
        ? {
            ok: true,
            value: unit.accepted.map(({ revision, lastEvent }) => ({
              revision,
              position: BigInt(positions[lastEvent]),
            })),
          }
        : { ok: false, error: unit.refused },
    );
  }

  /** The positions given to the events, in the columns' order. */
  private async insert(
    client: PoolClient,
    columns: EventColumns,
    appends: readonly PlannedAppend[],
  ): Promise<string[]> {
    const recorded = appends.filter(
      (append): append is PlannedAppend & Required<Pick<PlannedAppend, 'idempotency'>> =>
        append.idempotency !== undefined,
    );
    const inserted = await client.query<{ positions: string[] }>({
      name: 'vigie-insert-events-and-records',
      text: INSERT_EVENTS_AND_RECORDS,
      values: [
        columns.eventIds,
        columns.streamIds,
        columns.revisions,
        columns.types,
        columns.data,
        columns.metadata,
        columns.recordedAt,
        recorded.map(({ idempotency }) => idempotency.key),
        recorded.map(({ idempotency }) => idempotency.requestHash),
        recorded.map(({ idempotency }) => JSON.stringify(idempotency.response)),
        recorded.map(({ streamId }) => streamId),
        recorded.map(({ revision }) => revision),
        // SQL arrays count from 1.
        recorded.map(({ lastEvent }) => lastEvent + 1),
        this.clock().toISOString(),
      ],
    });
    return inserted.rows[0].positions;
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
    // The pool's clients listen for 'error' themselves (a connection lost while held fails the query in flight).
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
