import type { RecordedEvent } from '@vigie/event-store';
import type { RowEntity, RowStore } from './row-store';

export type { RowEntity } from './row-store';

/**
 * A table whose rows each fold the events of one key (a declaration, an event). `evolve` is
 * pure, never throws on odd data, and is safe to replay: it returns the same row (same object)
 * when the event changes nothing, e.g. a revision it has already applied.
 */
export interface RowProjection<Row extends object> {
  entity: RowEntity<Row>;
  /** The primary key of the row an event touches, or null when it touches none. */
  keyOf(event: RecordedEvent): string | null;
  evolve(row: Row | null, event: RecordedEvent): Row | null;
  /** One new row per event: nothing to load before folding. */
  appendOnly?: boolean;
}

/**
 * A table of sums over a RowProjection's rows (counts per facility, per report cell). Its rows are
 * keyed by values the events do not carry (a DeclarationClosed names no FINESS), so it folds the
 * changes of the source rows instead: what the old row contributed is removed, what the new one
 * contributes is added. Sums do not depend on the order of the moves, so any batching gives the
 * same rows.
 */
export interface SumProjection<Source extends object, Contribution, Row extends object> {
  entity: RowEntity<Row>;
  /** What a source row adds to each row it counts in, by that row's key. */
  contributions(source: Source): Iterable<[key: string, contribution: Contribution]>;
  /**
   * `null` deletes the row (e.g. a count back to zero), so its existence never depends on history.
   * For each changed source row, its old contributions are removed before its new ones are added.
   */
  evolve(row: Row | null, key: string, contribution: Contribution, sign: 1 | -1): Row | null;
}

/** One read model (one question): its own tables and checkpoint, rebuilt on its own. */
export type ReadModel = RowsReadModel | BatchReadModel;

/** One row per key folded from its events, and sums over those rows: most read models. */
export interface RowsReadModel {
  name: string;
  rows: RowProjection<object>;
  sums: SumProjection<object, unknown, object>[];
}

/**
 * A read model that keeps what each event changed, not only where its rows ended (the as-of
 * history): rows and sums only see a batch's first and last state of a row, so it folds the batch
 * itself, in feed order, into its `tables`. Same contract: a batch applied twice changes nothing,
 * and the caller owns the transaction.
 */
export interface BatchReadModel {
  name: string;
  tables: RowEntity<object>[];
  apply(store: RowStore, events: readonly RecordedEvent[]): Promise<void>;
}

export const readModel = <Source extends object>(
  name: string,
  rows: RowProjection<Source>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sums: SumProjection<Source, any, object>[] = [],
): RowsReadModel => ({ name, rows, sums }) as unknown as RowsReadModel;

/** Every table a read model owns, for rebuilds. */
export const entitiesOf = (model: ReadModel): RowEntity<object>[] =>
  'tables' in model ? model.tables : [model.rows.entity, ...model.sums.map((sum) => sum.entity)];
