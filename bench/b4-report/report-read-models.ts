import Database from 'better-sqlite3';
import {
  DATA_IMPACTS,
  INTERVENTION_KINDS,
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  OPERATIONAL_IMPACTS,
  REGION_CODES,
  STRUCTURE_TYPES,
  cellsOf,
  type DeclarationFacts,
  type InterventionKind,
  type RegulatoryFacts,
  type TimeToDeclare,
} from '@vigie/domain';
import {
  deadlinePolicy,
  deadlineRows,
  deadlineShareSums,
  readDialectOf,
  sqlitePathOf,
  type DeadlineShareRow,
} from '@vigie/read-models';
import { Client } from 'pg';
import { mulberry32 } from '../../libs/read-models/src/testing/event-log-generator';

export const FIRST_YEAR = 2016;
export const YEARS = 10;
const FACILITIES = 3000;
const TIMES_TO_DECLARE: readonly TimeToDeclare[] = ['sameDay', 'within24h', 'within72h', 'later'];
const HOUR = 3_600_000;

/** What the read models know of one declaration, for the report: its statistics and its clocks. */
interface GeneratedDeclaration {
  facts: DeclarationFacts;
  regulatory: RegulatoryFacts;
}

/**
 * `count` declarations spread evenly over ten years (2016–2025), at 3,000 facilities, with
 * plausible shares of origins, types, impacts, support, NIS2 entities and closures. Deterministic.
 */
export function* generatedDeclarations(count: number, seed: number): Generator<GeneratedDeclaration> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const facilities = Array.from({ length: FACILITIES }, (_, index) => ({
    finess: String(100_000_000 + index * 7919).slice(0, 9),
    name: `Établissement ${index}`,
    structureType: pick(STRUCTURE_TYPES),
    region: pick(REGION_CODES),
    nis2: pick(['NONE', 'NONE', 'NONE', 'NONE', 'IMPORTANT', 'ESSENTIAL'] as const),
    isOse: random() < 0.15,
  }));
  for (let index = 0; index < count; index++) {
    const year = FIRST_YEAR + Math.floor((index * YEARS) / count);
    const month = 1 + Math.floor(random() * 12);
    const submittedMs = Date.UTC(year, month - 1, 1 + Math.floor(random() * 28), Math.floor(random() * 24));
    const facility = pick(facilities);
    const qualified = random() < 0.8;
    const origin = pick(['MALICIOUS', 'MALICIOUS', 'NON_MALICIOUS', 'NON_MALICIOUS', 'UNKNOWN'] as const);
    const incidentType =
      origin === 'MALICIOUS'
        ? pick(MALICIOUS_TYPES)
        : origin === 'NON_MALICIOUS'
          ? pick(NON_MALICIOUS_TYPES)
          : null;
    const interventions = Object.fromEntries(
      INTERVENTION_KINDS.map((kind) => [kind, random() < 0.1 ? 1 : 0]),
    ) as Record<InterventionKind, number>;
    const dataImpacts = DATA_IMPACTS.filter(() => random() < 0.3);
    const inScope = random() < 0.92;
    const declarationId = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
    const submittedAt = new Date(submittedMs).toISOString();
    const closed = random() < 0.7;
    yield {
      facts: {
        declarationId,
        submittedAt,
        year,
        month: String(month).padStart(2, '0'),
        finess: facility.finess,
        structureType: facility.structureType,
        region: facility.region,
        qualified,
        inScope,
        origin: qualified && origin === 'UNKNOWN' ? 'MALICIOUS' : origin,
        incidentType,
        suspectedOrigin: origin,
        suspectedType: incidentType,
        operationalImpact: pick(OPERATIONAL_IMPACTS),
        patientEndangerment: pick(['NONE', 'NONE', 'NONE', 'POTENTIAL', 'ACTUAL'] as const),
        dataImpacts,
        supportRequested: random() < 0.25,
        interventions,
        timeToDeclare: pick(TIMES_TO_DECLARE),
      },
      regulatory: {
        declarationId,
        finess: facility.finess,
        structureName: facility.name,
        region: facility.region,
        structureType: facility.structureType,
        nis2: facility.nis2,
        isOse: facility.isOse,
        detectedAt: new Date(submittedMs - Math.floor(random() * 96) * HOUR).toISOString(),
        submittedAt,
        dataImpacts,
        inScope,
        closed,
        reports: [],
        intermediateRequests: [],
        cnilNotifiedAt:
          dataImpacts.includes('CONFIDENTIALITY') && random() < 0.7
            ? new Date(submittedMs + Math.floor(random() * 120) * HOUR).toISOString()
            : null,
      },
    };
  }
}

export interface ReportReadModels {
  declarations: number;
  /** Declarations per year, to check the reports against. */
  perYear: Map<number, number>;
  cells: number;
  structures: number;
  deadlines: number;
  deadlineShares: number;
  seconds: number;
}

/** The read models the report reads, by the names of their checkpoints: all must stand at one position. */
const SOURCES = ['annual-statistics', 'deadlines'];

const FILLED_TABLES = ['deadline', 'deadline_share', 'annual_statistics_cell', 'annual_statistics_structure'];

type Value = string | number | boolean | null;

/** One table's rows as the projector's writer would leave them: columns, SQL types for PostgreSQL, rows. */
interface TableRows {
  table: string;
  columns: Array<[name: string, type: 'text' | 'integer' | 'bigint' | 'boolean']>;
  rows: Value[][];
}

/**
 * Fills a migrated, empty read database as if the projector had applied `count` declarations,
 * with what the live report reads (apps/api/src/reports/live-annual-report.ts): the
 * annual-statistics sums (added up with the domain's `cellsOf` under the projection's keys), the
 * deadline rows and the deadline shares the deadlines projection derives (its own `deadlineRows`
 * and `deadlineShareSums`, over the domain's `scheduleOf`), and the two checkpoints at one
 * position. Rows the report never reads (declaration summaries, facts per declaration, timeline,
 * facility history) are not written. Built directly because projecting ~6.5M events for 1M
 * declarations would take longer than the whole suite may; B3 measures the projector.
 */
export async function fillReportReadModels(
  readUrl: string,
  count: number,
  seed: number,
  position: number,
): Promise<ReportReadModels> {
  const started = process.hrtime.bigint();
  const cells = new Map<string, Value[]>();
  const structures = new Map<string, Value[]>();
  const perYear = new Map<number, number>();
  const deadlineRowsOf = deadlineRows(deadlinePolicy).contributions;
  const shareSums = deadlineShareSums(deadlinePolicy);
  const shares = new Map<string, DeadlineShareRow>();
  const deadlines: TableRows = {
    table: 'deadline',
    columns: [
      ['key', 'text'],
      ['declaration_id', 'text'],
      ['clock_id', 'text'],
      ['year', 'integer'],
      ['regime', 'text'],
      ['stage', 'text'],
      ['request_id', 'text'],
      ['finess', 'text'],
      ['structure_name', 'text'],
      ['region', 'text'],
      ['due_at', 'text'],
      ['met_at', 'text'],
      ['declaration_closed', 'boolean'],
    ],
    rows: [],
  };
  let deadlineCount = 0;
  const writer = await tableWriter(readUrl);
  try {
    // A bulk load, then the indexes, as rebuildProjections does: several times faster than
    // maintaining them row by row.
    const indexes = await writer.secondaryIndexes(FILLED_TABLES);
    for (const { name } of indexes) await writer.run(`DROP INDEX "${name}"`);
    for (const { facts, regulatory } of generatedDeclarations(count, seed)) {
      perYear.set(facts.year, (perYear.get(facts.year) ?? 0) + 1);
      for (const cell of cellsOf(facts)) {
        const key = `${facts.year}/${cell.section}/${cell.key}`;
        const row = cells.get(key) ?? [key, facts.year, cell.section, cell.key, 0];
        row[4] = (row[4] as number) + cell.count;
        cells.set(key, row);
      }
      const structureKey = `${facts.year}/${facts.finess}`;
      const structure = structures.get(structureKey) ?? [structureKey, facts.year, facts.finess, 0, 0, 0, 0];
      structure[3] = (structure[3] as number) + 1;
      structure[4 + OPERATIONAL_IMPACTS.indexOf(facts.operationalImpact)] =
        (structure[4 + OPERATIONAL_IMPACTS.indexOf(facts.operationalImpact)] as number) + 1;
      structures.set(structureKey, structure);
      const source = { declarationId: facts.declarationId, revision: 6, facts: regulatory };
      for (const [, row] of deadlineRowsOf(source)) {
        deadlines.rows.push([
          row.key,
          row.declarationId,
          row.clockId,
          row.year,
          row.regime,
          row.stage,
          row.requestId,
          row.finess,
          row.structureName,
          row.region,
          row.dueAt,
          row.metAt,
          row.declarationClosed,
        ]);
        deadlineCount++;
      }
      // As the projector adds a new declaration's clocks to the sums.
      for (const [key, contribution] of shareSums.contributions(source)) {
        const row = shareSums.evolve(shares.get(key) ?? null, key, contribution, 1);
        if (row === null) shares.delete(key);
        else shares.set(key, row);
      }
      if (deadlines.rows.length >= 12_000) {
        await writer.insert(deadlines);
        deadlines.rows = [];
      }
    }
    await writer.insert(deadlines);
    await writer.insert({
      table: 'deadline_share',
      columns: [
        ['key', 'text'],
        ['year', 'integer'],
        ['regime', 'text'],
        ['stage', 'text'],
        ['met', 'integer'],
        ['met_late', 'integer'],
        ['unmet', 'integer'],
      ],
      rows: [...shares.values()].map((row) => [
        row.key,
        row.year,
        row.regime,
        row.stage,
        row.met,
        row.metLate,
        row.unmet,
      ]),
    });
    await writer.insert({
      table: 'annual_statistics_cell',
      columns: [
        ['key', 'text'],
        ['year', 'integer'],
        ['section', 'text'],
        ['cell_key', 'text'],
        ['count', 'integer'],
      ],
      rows: [...cells.values()],
    });
    await writer.insert({
      table: 'annual_statistics_structure',
      columns: [
        ['key', 'text'],
        ['year', 'integer'],
        ['finess', 'text'],
        ['declarations', 'integer'],
        ['impact_none', 'integer'],
        ['impact_degraded', 'integer'],
        ['impact_interruption', 'integer'],
      ],
      rows: [...structures.values()],
    });
    await writer.insert({
      table: 'projection_checkpoint',
      columns: [
        ['name', 'text'],
        ['position', 'bigint'],
      ],
      rows: SOURCES.map((name) => [name, position]),
    });
    for (const { create } of indexes) await writer.run(create);
    await writer.analyze();
  } finally {
    await writer.close();
  }
  return {
    declarations: count,
    perYear,
    cells: cells.size,
    structures: structures.size,
    deadlines: deadlineCount,
    deadlineShares: shares.size,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

interface TableWriter {
  insert: (rows: TableRows) => Promise<void>;
  /** Names and CREATE statements of the indexes of `tables` other than their primary keys. */
  secondaryIndexes: (tables: readonly string[]) => Promise<Array<{ name: string; create: string }>>;
  run: (sql: string) => Promise<void>;
  /** Statistics for the planner, as a database that has lived a while would have them. */
  analyze: () => Promise<void>;
  close: () => Promise<void>;
}

async function tableWriter(readUrl: string): Promise<TableWriter> {
  if (readDialectOf(readUrl) === 'sqlite') {
    const db = new Database(sqlitePathOf(readUrl));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const statements = new Map<string, Database.Statement>();
    return {
      insert: async ({ table, columns, rows }) => {
        let insert = statements.get(table);
        if (insert === undefined) {
          insert = db.prepare(
            `INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          );
          statements.set(table, insert);
        }
        const statement = insert;
        db.transaction(() =>
          rows.forEach((row) =>
            statement.run(...row.map((value) => (typeof value === 'boolean' ? Number(value) : value))),
          ),
        )();
      },
      secondaryIndexes: async (tables) =>
        (
          db
            .prepare(
              `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
            )
            .all(...tables) as Array<{ name: string; sql: string }>
        ).map(({ name, sql }) => ({ name, create: sql })),
      run: async (sql) => {
        db.exec(sql);
      },
      analyze: async () => {
        db.exec('ANALYZE');
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new Client({ connectionString: readUrl });
  await client.connect();
  return {
    insert: async ({ table, columns, rows }) => {
      if (rows.length === 0) return;
      const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`);
      await client.query(
        `INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`,
        columns.map((_, index) => rows.map((row) => row[index])),
      );
    },
    secondaryIndexes: async (tables) =>
      (
        await client.query<{ name: string; create: string }>(
          `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS create
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           WHERE t.relname = ANY($1::text[]) AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace`,
          [tables],
        )
      ).rows,
    run: async (sql) => {
      await client.query(sql);
    },
    analyze: async () => {
      await client.query('ANALYZE');
    },
    close: () => client.end(),
  };
}
