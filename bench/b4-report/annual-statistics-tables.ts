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
  type TimeToDeclare,
} from '@vigie/domain';
import { readDialectOf, sqlitePathOf } from '@vigie/read-models';
import { Client } from 'pg';
import { mulberry32 } from '../../libs/read-models/src/testing/event-log-generator';

export const FIRST_YEAR = 2016;
export const YEARS = 10;
const FACILITIES = 3000;
const TIMES_TO_DECLARE: readonly TimeToDeclare[] = ['sameDay', 'within24h', 'within72h', 'later'];

/**
 * The facts of `count` declarations spread evenly over ten years (2016–2025), at 3,000 facilities,
 * with plausible shares of origins, types, impacts and support. Deterministic for a seed.
 */
export function* generatedFacts(count: number, seed: number): Generator<DeclarationFacts> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const facilities = Array.from({ length: FACILITIES }, (_, index) => ({
    finess: String(100_000_000 + index * 7919).slice(0, 9),
    structureType: pick(STRUCTURE_TYPES),
    region: pick(REGION_CODES),
  }));
  for (let index = 0; index < count; index++) {
    const year = FIRST_YEAR + Math.floor((index * YEARS) / count);
    const month = 1 + Math.floor(random() * 12);
    const submittedAt = new Date(
      Date.UTC(year, month - 1, 1 + Math.floor(random() * 28), Math.floor(random() * 24)),
    ).toISOString();
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
    yield {
      declarationId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      submittedAt,
      year,
      month: String(month).padStart(2, '0'),
      finess: facility.finess,
      structureType: facility.structureType,
      region: facility.region,
      qualified,
      inScope: random() < 0.92,
      origin: qualified && origin === 'UNKNOWN' ? 'MALICIOUS' : origin,
      incidentType,
      suspectedOrigin: origin,
      suspectedType: incidentType,
      operationalImpact: pick(OPERATIONAL_IMPACTS),
      patientEndangerment: pick(['NONE', 'NONE', 'NONE', 'POTENTIAL', 'ACTUAL'] as const),
      dataImpacts: DATA_IMPACTS.filter(() => random() < 0.3),
      supportRequested: random() < 0.25,
      interventions,
      timeToDeclare: pick(TIMES_TO_DECLARE),
    };
  }
}

export interface StatisticsTables {
  declarations: number;
  /** Declarations per year, to check the reports against. */
  perYear: Map<number, number>;
  cells: number;
  structures: number;
  seconds: number;
}

interface Sums {
  facts: Array<[string, string]>;
  cells: Map<string, { year: number; section: string; key: string; count: number }>;
  structures: Map<string, { year: number; finess: string; declarations: number; impacts: number[] }>;
  perYear: Map<number, number>;
}

/** What the annual-statistics projection's sums hold once every declaration is counted, with the same keys. */
function addUp(facts: DeclarationFacts, sums: Sums): void {
  sums.perYear.set(facts.year, (sums.perYear.get(facts.year) ?? 0) + 1);
  for (const cell of cellsOf(facts)) {
    const key = `${facts.year}/${cell.section}/${cell.key}`;
    const row = sums.cells.get(key) ?? { year: facts.year, section: cell.section, key: cell.key, count: 0 };
    row.count += cell.count;
    sums.cells.set(key, row);
  }
  const key = `${facts.year}/${facts.finess}`;
  const row = sums.structures.get(key) ?? {
    year: facts.year,
    finess: facts.finess,
    declarations: 0,
    impacts: [0, 0, 0],
  };
  row.declarations += 1;
  row.impacts[OPERATIONAL_IMPACTS.indexOf(facts.operationalImpact)] += 1;
  sums.structures.set(key, row);
}

/**
 * Fills the annual-statistics tables of a migrated, empty read database as if the projector had
 * counted `count` declarations: the sums the report reads, added up with the domain's own `cellsOf`
 * under the projection's keys, and (`withFacts`) one facts row per declaration, so that the file
 * has its real size. Built directly because projecting ~6.5M events for 1M declarations would take
 * longer than the whole suite may; B3 measures the projector.
 */
export async function fillAnnualStatistics(
  readUrl: string,
  count: number,
  seed: number,
  position: number,
  withFacts = true,
): Promise<StatisticsTables> {
  const started = process.hrtime.bigint();
  const sums: Sums = { facts: [], cells: new Map(), structures: new Map(), perYear: new Map() };
  const writer = await tableWriter(readUrl);
  try {
    for (const facts of generatedFacts(count, seed)) {
      addUp(facts, sums);
      if (withFacts) sums.facts.push([facts.declarationId, JSON.stringify(facts)]);
      if (sums.facts.length >= 5000) await writer.facts(sums.facts.splice(0));
    }
    await writer.facts(sums.facts.splice(0));
    await writer.sums([...sums.cells.entries()], [...sums.structures.entries()], position);
  } finally {
    await writer.close();
  }
  return {
    declarations: count,
    perYear: sums.perYear,
    cells: sums.cells.size,
    structures: sums.structures.size,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

interface TableWriter {
  facts: (rows: Array<[string, string]>) => Promise<void>;
  sums: (
    cells: Array<[string, { year: number; section: string; key: string; count: number }]>,
    structures: Array<[string, { year: number; finess: string; declarations: number; impacts: number[] }]>,
    position: number,
  ) => Promise<void>;
  close: () => Promise<void>;
}

const CHECKPOINT = 'annual-statistics';

async function tableWriter(readUrl: string): Promise<TableWriter> {
  if (readDialectOf(readUrl) === 'sqlite') {
    const db = new Database(sqlitePathOf(readUrl));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const fact = db.prepare(
      'INSERT INTO annual_statistics_facts (declaration_id, revision, facts) VALUES (?, 6, ?)',
    );
    const cell = db.prepare(
      'INSERT INTO annual_statistics_cell (key, year, section, cell_key, count) VALUES (?, ?, ?, ?, ?)',
    );
    const structure = db.prepare(
      'INSERT INTO annual_statistics_structure (key, year, finess, declarations, impact_none, impact_degraded, impact_interruption) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const checkpoint = db.prepare(
      'INSERT INTO projection_checkpoint (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    return {
      facts: async (rows) => db.transaction(() => rows.forEach(([id, json]) => fact.run(id, json)))(),
      sums: async (cells, structures, position) =>
        db.transaction(() => {
          for (const [key, row] of cells) cell.run(key, row.year, row.section, row.key, row.count);
          for (const [key, row] of structures)
            structure.run(key, row.year, row.finess, row.declarations, ...row.impacts);
          checkpoint.run(CHECKPOINT, position);
        })(),
      close: async () => {
        db.pragma('optimize');
        db.close();
      },
    };
  }
  const client = new Client({ connectionString: readUrl });
  await client.connect();
  return {
    facts: async (rows) => {
      await client.query(
        'INSERT INTO annual_statistics_facts (declaration_id, revision, facts) SELECT id, 6, facts FROM unnest($1::text[], $2::text[]) AS f(id, facts)',
        [rows.map(([id]) => id), rows.map(([, json]) => json)],
      );
    },
    sums: async (cells, structures, position) => {
      await client.query('BEGIN');
      await client.query(
        'INSERT INTO annual_statistics_cell (key, year, section, cell_key, count) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[])',
        [
          cells.map(([key]) => key),
          cells.map(([, row]) => row.year),
          cells.map(([, row]) => row.section),
          cells.map(([, row]) => row.key),
          cells.map(([, row]) => row.count),
        ],
      );
      await client.query(
        'INSERT INTO annual_statistics_structure (key, year, finess, declarations, impact_none, impact_degraded, impact_interruption) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[])',
        [
          structures.map(([key]) => key),
          structures.map(([, row]) => row.year),
          structures.map(([, row]) => row.finess),
          structures.map(([, row]) => row.declarations),
          structures.map(([, row]) => row.impacts[0]),
          structures.map(([, row]) => row.impacts[1]),
          structures.map(([, row]) => row.impacts[2]),
        ],
      );
      await client.query(
        'INSERT INTO projection_checkpoint (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
        [CHECKPOINT, position],
      );
      await client.query('COMMIT');
      await client.query('ANALYZE');
    },
    close: () => client.end(),
  };
}
