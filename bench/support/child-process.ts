import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REGISTER = join(__dirname, '..', 'register.js');

/**
 * `BENCH_CPU_PROF=<dir>` profiles every child (`--cpu-prof`): the measured work runs in children,
 * so their profiles are the ones that show the hot spots.
 */
function execArgv(): string[] {
  const profiles = process.env.BENCH_CPU_PROF;
  return ['--require', REGISTER, ...(profiles ? ['--cpu-prof', '--cpu-prof-dir', profiles] : [])];
}

/** Starts a TypeScript child with the bench's require hook and an IPC channel. */
export function forkTypeScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  return fork(script, [...args], {
    execArgv: execArgv(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/**
 * Runs a child to its end and returns the JSON it printed on its last stdout line. Work measured
 * in a child has a process of its own: its peak RSS is its own, not the runner's.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const child = forkTypeScript(script, args, env);
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise<T>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code !== 0)
        return reject(new Error(`${script} failed (${code ?? signal}): ${errors.slice(-4000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${output.slice(-2000)} ${errors.slice(-2000)}`));
      }
    });
  });
}

/** For a child's `main`: prints the result as the last line, or the error, and exits accordingly. */
export function childMain(main: () => Promise<unknown>): void {
  main().then(
    (result) => {
      process.stdout.write(
        `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`,
      );
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
