import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite } from '../bench/bench-suite';
import { PIECES } from '../bench/b5-http/bare-apps';
import type { BenchResult, Row } from '../bench/support/bench-result';
import { postgresReachable } from './support/postgres';

/**
 * Each benchmark of `npm run bench`, on a few hundred events, so that none of them can rot: it
 * must still run end to end and write its result file with figures that measured something. The
 * speed is never asserted here (the machine is shared); BENCHMARKS.md holds the real figures.
 */
describe('benchmarks (smoke: tiny sizes, figures present, speed not asserted)', () => {
  let results: string;
  let postgres: boolean;

  beforeAll(async () => {
    results = mkdtempSync(join(tmpdir(), 'vigie-bench-smoke-'));
    postgres = await postgresReachable();
  });

  afterAll(() => rmSync(results, { recursive: true, force: true }));

  async function run(name: string): Promise<BenchResult> {
    await runSuite({
      mode: 'smoke',
      only: [name],
      resultsDirectory: results,
      print: () => undefined,
      progress: () => undefined,
    });
    const file = join(results, `${name}.json`);
    expect(existsSync(file)).toBe(true);
    const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
    expect(result).toMatchObject({ name, mode: 'smoke' });
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.memoryMB).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.loadAverage.start).toHaveLength(3);
    expect(result.loadAverage.end).toHaveLength(3);
    expect(result.rows.length).toBeGreaterThan(0);
    return result;
  }

  const rowOf = (result: BenchResult, scenario: string): Row => {
    const row = result.rows.find((candidate) => String(candidate.scenario).startsWith(scenario));
    if (row === undefined)
      throw new Error(
        `${result.name} has no row "${scenario}": ${JSON.stringify(result.rows.map((r) => r.scenario))}`,
      );
    return row;
  };

  /** Every named figure is a positive number: something was measured. */
  const expectPositive = (row: Row, columns: string[]) => {
    for (const column of columns) expect({ [column]: row[column] }).toEqual({ [column]: expect.any(Number) });
    for (const column of columns) expect(row[column] as number).toBeGreaterThan(0);
  };

  it('B1: commands through the command path and their raw baseline, with the ratio', async () => {
    const result = await run('b1-commands');
    const scenarios = [
      'sqlite, 1 writer',
      'sqlite, 16 writers',
      ...(postgres ? ['postgres, 1 writer', 'postgres, 16 writers'] : []),
    ];
    for (const scenario of scenarios)
      expectPositive(rowOf(result, scenario), [
        'commands',
        'commands/s',
        'p50 ms',
        'raw commands/s',
        'ratio %',
      ]);
    expect(result.targets.map((goal) => goal.name)).toEqual([
      'SQLite commands/s',
      'SQLite vs raw (worst scenario)',
      'PostgreSQL 16 writers vs raw',
    ]);
  }, 180_000);

  it('B2: the import through the store and vigie migrate, against raw bulk inserts of the same rows', async () => {
    const result = await run('b2-import');
    const seeded = rowOf(result, 'SQLite: seed through the store');
    expect(seeded.events).toBe(300);
    expectPositive(seeded, ['events/s', 'raw events/s', 'ratio %']);
    expectPositive(rowOf(result, 'SQLite → SQLite: vigie migrate'), [
      'events/s',
      'copy events/s',
      'raw events/s',
    ]);
    if (postgres)
      expectPositive(rowOf(result, 'SQLite → PostgreSQL: vigie migrate'), [
        'events',
        'events/s',
        'copy events/s',
        'raw events/s',
      ]);
  }, 180_000);

  it('B3: the rebuild and its raw baseline, each with the peak RSS of its own process', async () => {
    const result = await run('b3-projector');
    const sqlite = rowOf(result, 'SQLite log');
    expect(sqlite.events).toBe(300);
    expectPositive(sqlite, [
      'events/s',
      'events/CPU-s',
      'peak RSS MB',
      'replay RSS MB',
      'swap RSS MB',
      'raw events/s',
      'raw peak RSS MB',
      'ratio %',
    ]);
    if (postgres)
      expectPositive(rowOf(result, 'PostgreSQL log'), ['events', 'events/s', 'peak RSS MB', 'raw events/s']);
  }, 180_000);

  it('B4: report latency percentiles from the read models and the asOf replay of the log', async () => {
    const result = await run('b4-report');
    const report = rowOf(result, 'report from the SQLite read models');
    expect(report.runs).toBe(5);
    expectPositive(report, ['cells rows', 'structure rows', 'p50 ms', 'p95 ms', 'p99 ms']);
    expectPositive(rowOf(result, 'asOf replay of the SQLite log'), ['events', 'min s', 'events/s']);
    if (postgres)
      expectPositive(rowOf(result, 'report from the PostgreSQL read models'), ['p50 ms', 'p95 ms']);
  }, 180_000);

  it('B5: a bare Nest app, the no-op route (bearer, session cookie), the declaration route, and the breakdown by piece', async () => {
    const result = await run('b5-http');
    const measured = result.rows.filter((row) => row.server !== undefined);
    const declarations = measured.filter((row) => row.route === 'POST /api/v1/declarations');
    const noop = measured.filter((row) => row.route === 'POST /bench/noop');
    expect(declarations).toHaveLength(2);
    expect(noop.map((row) => `${String(row.server)}, ${String(row.caller)}`)).toEqual([
      'bare Nest 12, —',
      'Vigie, bearer JWT',
      'Vigie, session cookie',
      'Vigie, bearer JWT',
    ]);
    // Latencies are whole milliseconds: a fast no-op may well answer in "0 ms" at the median.
    for (const row of measured) expectPositive(row, ['req/s', 'max ms', 'API peak RSS MB', 'API CPU ms/req']);
    for (const row of measured) expect(row['p99 ms']).toBeGreaterThanOrEqual(row['p50 ms'] as number);
    for (const row of [...declarations, noop[1], noop[2]]) expectPositive(row, ['ratio %']);
    // The bare app, each piece added (in createApp's order), then the whole API's no-op route, bearer and cookie.
    const pieces = result.rows.filter((row) => row.breakdown !== undefined);
    expect(pieces).toHaveLength(PIECES.length + 3);
    expect(pieces[0].breakdown).toMatch(/^bare Nest 12/);
    expect(pieces.slice(1, -2).map((row) => row.breakdown)).toEqual(PIECES.map((piece) => `+ ${piece}`));
    for (const row of pieces) expectPositive(row, ['req/s', 'CPU ms/req']);
    for (const row of pieces.slice(1)) expect(typeof row['Δ CPU ms/req']).toBe('number');
    expectPositive(rowOf(result, 'API process over the whole run'), ['API peak RSS MB']);
  }, 180_000);
});
