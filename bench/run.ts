/*
 * npm run bench [-- --quick] [-- --only b1,b3] [-- --out <dir>]
 * The whole suite takes about 10 minutes on 2 cores, --quick about 2. Loopback only, fixed seeds.
 * Tables go to stdout, progress to stderr, figures to bench/results/<name>.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS, DEFAULT_RESULTS, runSuite, selectBenchmarks } from './bench-suite';
import { markdown, type BenchResult, type Mode } from './support/bench-result';

function parse(argv: readonly string[]): { mode: Mode | 'markdown'; only?: string[]; out: string } {
  let mode: Mode | 'markdown' = 'full';
  let only: string[] | undefined;
  let out = DEFAULT_RESULTS;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') mode = 'quick';
    else if (flag === '--smoke') mode = 'smoke';
    else if (flag === '--markdown') mode = 'markdown';
    else if (flag === '--only')
      only = value()
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
    else if (flag === '--out') out = value();
    else
      throw new Error(
        `Unknown option ${argv[i]} (expected --quick, --smoke, --markdown, --only <b1,b2…>, --out <dir>)`,
      );
  }
  return { mode, only, out };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { mode, only, out } = parse(args);
  if (mode === 'markdown') {
    // Renders the results already written, for BENCHMARKS.md; runs nothing.
    for (const { name } of selectBenchmarks(only ?? BENCHMARKS.map((benchmark) => benchmark.name))) {
      const file = join(out, `${name}.json`);
      if (existsSync(file))
        process.stdout.write(
          `### ${name}\n\n${markdown(JSON.parse(readFileSync(file, 'utf8')) as BenchResult)}\n\n`,
        );
    }
    return;
  }
  const started = Date.now();
  const results = await runSuite({
    mode,
    only,
    resultsDirectory: out,
    command: ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
  });
  const missed = results.flatMap((result) =>
    result.targets.filter((goal) => goal.met === false).map((goal) => `${result.name}: ${goal.name}`),
  );
  process.stdout.write(
    `\n${results.length} benchmark(s) in ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${out}` +
      `${missed.length > 0 ? `\ntargets missed: ${missed.join('; ')}` : ''}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
