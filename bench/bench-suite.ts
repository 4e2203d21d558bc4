import { join } from 'node:path';
import { b1Commands } from './b1-commands/b1-commands';
import { b2Import } from './b2-import/b2-import';
import { b3Projector } from './b3-projector/b3-projector';
import { b4Report } from './b4-report/b4-report';
import { b5Http } from './b5-http/b5-http';
import { createContext, type Benchmark } from './support/bench-context';
import { postgresAvailable } from './support/bench-postgres';
import { report, writeResult, type BenchResult, type Mode } from './support/bench-result';
import { loadAverage, machine } from './support/machine';

export const BENCHMARKS: readonly Benchmark[] = [b1Commands, b2Import, b3Projector, b4Report, b5Http];

export const DEFAULT_RESULTS = join(__dirname, 'results');

export interface SuiteOptions {
  mode: Mode;
  /** Names (or prefixes: `b1`) of the benchmarks to run; all by default. */
  only?: readonly string[];
  resultsDirectory?: string;
  /** How the run was started, recorded with the figures. */
  command?: string;
  print?: (text: string) => void;
  progress?: (line: string) => void;
}

export function selectBenchmarks(only: readonly string[] | undefined): Benchmark[] {
  if (only === undefined || only.length === 0) return [...BENCHMARKS];
  const chosen = BENCHMARKS.filter((benchmark) =>
    only.some((name) => benchmark.name === name || benchmark.name.startsWith(`${name}-`)),
  );
  const unknown = only.filter(
    (name) =>
      !BENCHMARKS.some((benchmark) => benchmark.name === name || benchmark.name.startsWith(`${name}-`)),
  );
  if (unknown.length > 0)
    throw new Error(
      `Unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  return chosen;
}

/**
 * Runs the benchmarks one after the other (they share two cores with nothing else of theirs),
 * each writing `<results>/<name>.json` and printing its table. The logs B2 imports are reused by
 * B3 and B4 within one run.
 */
export async function runSuite(options: SuiteOptions): Promise<BenchResult[]> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const benchmarks = selectBenchmarks(options.only);
  const context = createContext(options.mode, await postgresAvailable(), progress);
  const results: BenchResult[] = [];
  try {
    for (const benchmark of benchmarks) {
      const start = loadAverage();
      const startedAt = new Date();
      const figures = await benchmark.run(context);
      const result: BenchResult = {
        name: benchmark.name,
        mode: options.mode,
        command: options.command ?? `runSuite({ mode: '${options.mode}' })`,
        startedAt: startedAt.toISOString(),
        seconds: (Date.now() - startedAt.getTime()) / 1000,
        machine: machine(),
        loadAverage: { start, end: loadAverage() },
        ...figures,
        // A smoke run proves the benchmark still works; its figures say nothing about the goals.
        targets:
          options.mode === 'smoke'
            ? figures.targets.map((goal) => ({ ...goal, met: null }))
            : figures.targets,
      };
      await writeResult(options.resultsDirectory ?? DEFAULT_RESULTS, result);
      print(report(result));
      results.push(result);
    }
  } finally {
    await context.dispose();
  }
  return results;
}
