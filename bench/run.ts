/*
 * npm run bench [-- --quick] [-- --only b1,b3] [-- --out <dir>]
 * The whole suite takes about 10 minutes on 2 cores, --quick about 2. Loopback only, fixed seeds.
 * Tables go to stdout, progress to stderr, figures to bench/results/<name>.json.
 */
import { DEFAULT_RESULTS, runSuite } from './bench-suite';
import type { Mode } from './support/bench-result';

function parse(argv: readonly string[]): { mode: Mode; only?: string[]; out: string } {
  let mode: Mode = 'full';
  let only: string[] | undefined;
  let out = DEFAULT_RESULTS;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') mode = 'quick';
    else if (flag === '--smoke') mode = 'smoke';
    else if (flag === '--only') only = value().split(',').map((name) => name.trim()).filter(Boolean);
    else if (flag === '--out') out = value();
    else throw new Error(`Unknown option ${argv[i]} (expected --quick, --smoke, --only <b1,b2…>, --out <dir>)`);
  }
  return { mode, only, out };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { mode, only, out } = parse(args);
  const started = Date.now();
  const results = await runSuite({
    mode,
    only,
    resultsDirectory: out,
    command: ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
  });
  const missed = results.flatMap((result) => result.targets.filter((goal) => goal.met === false).map((goal) => `${result.name}: ${goal.name}`));
  process.stdout.write(
    `\n${results.length} benchmark(s) in ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${out}` +
      `${missed.length > 0 ? `\ntargets missed: ${missed.join('; ')}` : ''}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
