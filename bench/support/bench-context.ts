import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase, type BenchDatabase } from './bench-postgres';
import type { Figures, Mode } from './bench-result';
import {
  bulkInsertPostgres,
  bulkInsertSqlite,
  createPostgresLog,
  createSqliteLog,
  generatedAppends,
  IMPORT_BATCH,
  inBatches,
} from './generated-log';
import { Client } from 'pg';

/**
 * Generated event logs shared by the benchmarks of one run (B2 writes them, B3 and B4 read them),
 * built on first use when a benchmark runs alone. Keyed by their number of events.
 */
export class LogFixtures {
  private readonly sqlite = new Map<number, string>();
  private readonly postgres = new Map<number, BenchDatabase>();

  constructor(private readonly directory: string) {}

  /** A SQLite log of exactly `events` generated events (raw bulk insert when no benchmark left one). */
  async sqliteLog(events: number): Promise<string> {
    const known = this.sqlite.get(events);
    if (known !== undefined) return known;
    const path = join(this.directory, `log-${events}.sqlite`);
    await createSqliteLog(path);
    bulkInsertSqlite(path, inBatches(generatedAppends(events), IMPORT_BATCH));
    this.sqlite.set(events, path);
    return path;
  }

  /** A PostgreSQL log (URL of its database) of exactly `events` generated events. */
  async postgresLog(events: number): Promise<string> {
    const known = this.postgres.get(events);
    if (known !== undefined) return known.url;
    const database = await createBenchDatabase('log');
    try {
      await createPostgresLog(database.url);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        await bulkInsertPostgres(client, inBatches(generatedAppends(events), IMPORT_BATCH));
      } finally {
        await client.end();
      }
    } catch (error) {
      await database.drop();
      throw error;
    }
    this.postgres.set(events, database);
    return database.url;
  }

  /** Keeps a log a benchmark produced (its import's target), for the next ones. */
  keepSqliteLog(events: number, path: string): void {
    this.sqlite.set(events, path);
  }

  keepPostgresLog(events: number, database: BenchDatabase): void {
    this.postgres.set(events, database);
  }

  path(name: string): string {
    return join(this.directory, name);
  }

  async dispose(): Promise<void> {
    for (const database of this.postgres.values()) await database.drop().catch(() => undefined);
    this.postgres.clear();
    this.sqlite.clear();
  }
}

/** What a benchmark is given. */
export interface BenchContext {
  mode: Mode;
  /** A scratch directory of this run, removed at its end. */
  directory: string;
  /** False when PostgreSQL is unreachable: its scenarios are then reported as not measured. */
  postgres: boolean;
  logs: LogFixtures;
  /** Progress on stderr; the tables go to stdout. */
  progress: (line: string) => void;
}

export interface Benchmark {
  name: string;
  run: (context: BenchContext) => Promise<Figures>;
}

export function createContext(
  mode: Mode,
  postgres: boolean,
  progress: (line: string) => void,
): BenchContext & { dispose: () => Promise<void> } {
  const directory = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const logs = new LogFixtures(directory);
  return {
    mode,
    directory,
    postgres,
    logs,
    progress,
    dispose: async () => {
      await logs.dispose();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Picks the size of a parameter for the mode. */
export const bySize = <T>(mode: Mode, sizes: Record<Mode, T>): T => sizes[mode];
