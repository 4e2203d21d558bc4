import type { DeclarationFacts, RegulatoryFacts } from '@vigie/domain';
import type { DataSource } from 'typeorm';
import { dialectOf } from '../data-source/read-data-source';
import { AS_OF_HISTORY } from './as-of-history.projection';
import { applyChange, type Flat } from './facts-change';

/** The part of the log a report counts (as `LogBound` of the report's replay): recorded at or before `asOf`, at or before `position`. */
export interface HistoryBound {
  asOf: Date;
  position?: bigint;
}

/** What the report's replay folds from the log, read from the history instead. */
export interface HistoryFacts {
  /** The facts of each declaration of the year (and of the year before, when asked), by declaration id. */
  facts: Map<string, DeclarationFacts>;
  /** The declarations of the year before counted within the bound. */
  previousYearTotal: number;
  /** The regulatory facts of the year's declarations. */
  regulatory: Map<string, RegulatoryFacts>;
  /** The last position within the bound, of any stream. */
  position: bigint;
  /** The history's checkpoint: everything up to it was folded into what was read. */
  checkpoint: bigint;
}

/**
 * Why the history cannot give exactly what the replay gives, and the log must be replayed: it has
 * not folded the whole bound yet, a declaration of the two years has events recorded out of order,
 * or, under a position bound, a later position was recorded at or before the instant.
 */
export type HistoryUnavailable = 'behind' | 'irregular' | 'instants-out-of-order' | 'moving';

interface ChangeRow {
  declaration_id: string;
  facts_change: string | null;
  regulatory_change?: string | null;
}

export interface HistoryReadOptions {
  /**
   * What of the year before is read: its declarations' count (`previousYearTotal`, all the report
   * takes of them), or their facts as well (what restatements compare).
   */
  previousYear?: 'count' | 'facts';
}

const ATTEMPTS = 5;

/**
 * The facts the report as it stood within `bound` counts, from the as-of history: for each
 * declaration of `year` and the year before, its changes recorded within the bound, in log order.
 * The reads are separate while the projector commits, so its checkpoint is read before and after
 * (as the live report does); the rows read are bounded by the checkpoint read first.
 */
export async function readAsOfHistory(
  dataSource: DataSource,
  year: number,
  bound: HistoryBound,
  options: HistoryReadOptions = {},
): Promise<HistoryFacts | HistoryUnavailable> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const checkpoint = await historyCheckpoint(dataSource);
    const read = await readWithin(dataSource, year, bound, checkpoint, options);
    if ((await historyCheckpoint(dataSource)) === checkpoint) return read;
  }
  return 'moving';
}

export async function historyCheckpoint(dataSource: DataSource): Promise<bigint> {
  const rows = (await dataSource.query(
    `SELECT "position" FROM "projection_checkpoint" WHERE "name" = ${parameter(dataSource, 1)}`,
    [AS_OF_HISTORY],
  )) as { position: string | number }[];
  return rows.length === 0 ? 0n : BigInt(rows[0].position);
}

async function readWithin(
  dataSource: DataSource,
  year: number,
  bound: HistoryBound,
  checkpoint: bigint,
  options: HistoryReadOptions,
): Promise<HistoryFacts | HistoryUnavailable> {
  const $ = (index: number) => parameter(dataSource, index);
  if (bound.position !== undefined && bound.position > checkpoint) return 'behind';
  const until = bound.position ?? checkpoint;
  const at = bound.asOf.getTime();

  const irregular = (await dataSource.query(
    `SELECT 1 AS found FROM "as_of_declaration" WHERE "year" IN (${$(1)}, ${$(2)}) AND NOT "regular" LIMIT 1`,
    [year - 1, year],
  )) as unknown[];
  if (irregular.length > 0) return 'irregular';

  const position = await lastPositionWithin(dataSource, at, until, checkpoint);
  if (position === null) return 'instants-out-of-order';

  const facts = new Map<string, Flat>();
  const regulatory = new Map<string, Flat>();
  await foldChanges(dataSource, year, at, until, facts, regulatory);
  let previousYearTotal: number;
  if (options.previousYear === 'facts') {
    const before = new Map<string, Flat>();
    await foldChanges(dataSource, year - 1, at, until, before, null);
    for (const [id, value] of before) facts.set(id, value);
    previousYearTotal = before.size;
  } else {
    const [row] = (await dataSource.query(
      `SELECT COUNT(*) AS "count" FROM "as_of_declaration"
        WHERE "year" = ${$(1)} AND "created_at" <= ${$(2)} AND "created_position" <= ${$(3)}`,
      [year - 1, at, until.toString()],
    )) as { count: number | string }[];
    previousYearTotal = Number(row.count);
  }
  return {
    facts: facts as unknown as Map<string, DeclarationFacts>,
    regulatory: regulatory as unknown as Map<string, RegulatoryFacts>,
    previousYearTotal,
    position,
    checkpoint,
  };
}

/**
 * The year's declarations as they stood within the bound. One whose every event is within it
 * (most, for a report after the year) is read as it stands (`as_of_declaration`: one row); the
 * others fold their changes within the bound, in the order of the index (instant, then position):
 * for a declaration whose events were recorded in log order (the others are replayed), that is
 * its changes' log order.
 */
async function foldChanges(
  dataSource: DataSource,
  year: number,
  at: number,
  until: bigint,
  facts: Map<string, Flat>,
  regulatory: Map<string, Flat> | null,
): Promise<void> {
  const $ = (index: number) => parameter(dataSource, index);
  const withRegulatory = regulatory !== null;
  const settled = (await dataSource.query(
    `SELECT "declaration_id", "facts"${withRegulatory ? ', "regulatory"' : ''} FROM "as_of_declaration"
      WHERE "year" = ${$(1)} AND "last_at" <= ${$(2)} AND "last_position" <= ${$(3)}`,
    [year, at, until.toString()],
  )) as { declaration_id: string; facts: string; regulatory?: string | null }[];
  for (const row of settled) {
    facts.set(row.declaration_id, JSON.parse(row.facts) as Flat);
    if (withRegulatory && row.regulatory)
      regulatory.set(row.declaration_id, JSON.parse(row.regulatory) as Flat);
  }
  const rows = (await dataSource.query(
    `SELECT "declaration_id", "facts_change"${withRegulatory ? ', "regulatory_change"' : ''} FROM "as_of_change" c
      WHERE "year" = ${$(1)} AND "recorded_at" <= ${$(2)} AND "position" <= ${$(3)}
        AND NOT EXISTS (SELECT 1 FROM "as_of_declaration" d WHERE d."declaration_id" = c."declaration_id"
                         AND d."last_at" <= ${$(4)} AND d."last_position" <= ${$(5)})
      ORDER BY "recorded_at", "position"`,
    [year, at, until.toString(), at, until.toString()],
  )) as ChangeRow[];
  for (const row of rows) {
    const id = row.declaration_id;
    if (row.facts_change !== null) facts.set(id, applyChange(facts.get(id) ?? null, row.facts_change));
    if (withRegulatory && row.regulatory_change)
      regulatory.set(id, applyChange(regulatory.get(id) ?? null, row.regulatory_change));
  }
}

/**
 * The last position at or before `until` recorded at or before `at` (0 for none), from the suffix
 * minima of the recorded instants (AsOfInstantRow): the smaller of the last one up to `until` and
 * the last one up to `at`. That holds when no position after `until` (up to the checkpoint) was
 * recorded at or before `at`; null otherwise.
 */
async function lastPositionWithin(
  dataSource: DataSource,
  at: number,
  until: bigint,
  checkpoint: bigint,
): Promise<bigint | null> {
  const $ = (index: number) => parameter(dataSource, index);
  if (until < checkpoint) {
    const after = (await dataSource.query(
      `SELECT "recorded_at" FROM "as_of_instant" WHERE "position" > ${$(1)} ORDER BY "position" LIMIT 1`,
      [until.toString()],
    )) as { recorded_at: string | number }[];
    if (after.length > 0 && Number(after[0].recorded_at) <= at) return null;
  }
  const [byPosition, byInstant] = (await Promise.all([
    dataSource.query(
      `SELECT "position" FROM "as_of_instant" WHERE "position" <= ${$(1)} ORDER BY "position" DESC LIMIT 1`,
      [until.toString()],
    ),
    dataSource.query(
      `SELECT "position" FROM "as_of_instant" WHERE "recorded_at" <= ${$(1)} ORDER BY "recorded_at" DESC LIMIT 1`,
      [at],
    ),
  ])) as { position: string | number }[][];
  if (byPosition.length === 0 || byInstant.length === 0) return 0n;
  const a = BigInt(byPosition[0].position);
  const b = BigInt(byInstant[0].position);
  return a < b ? a : b;
}

const parameter = (dataSource: DataSource, index: number): string =>
  dialectOf(dataSource) === 'postgres' ? `$${index}` : '?';
