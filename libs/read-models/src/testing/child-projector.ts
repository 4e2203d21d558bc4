import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, 'projector-worker.ts');
const REGISTER = join(__dirname, 'swc-register.js');

/** Starts a projector process following the feed; resolves once it runs. */
export function followInChild(eventsUrl: string, readUrl: string, batchSize = 250): Promise<ChildProcess> {
  const child = fork(WORKER, [eventsUrl, readUrl, 'follow', String(batchSize)], {
    execArgv: ['--require', REGISTER],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code, signal) =>
      reject(new Error(`projector child exited early (${code ?? signal})`)),
    );
  });
}

/** A projector process that has opened its stores and waits for `go()` to catch up. */
export interface ReadyProjector {
  go(): Promise<{ batches: number; conflicts: number; position: string }>;
}

/** Starts a projector process that runs up to the head of the log once told to. */
export function readyInChild(eventsUrl: string, readUrl: string, batchSize = 250): Promise<ReadyProjector> {
  const child = fork(WORKER, [eventsUrl, readUrl, 'catch-up', String(batchSize)], {
    execArgv: ['--require', REGISTER],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const finished = new Promise<{ batches: number; conflicts: number; position: string }>(
    (resolve, reject) => {
      child.once('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(output))
          : reject(new Error(`projector child failed (${code}): ${errors}`)),
      );
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', () =>
      resolve({
        go: () => {
          child.send('go');
          return finished;
        },
      }),
    );
    finished.catch(reject);
  });
}

/** Runs a projector process up to the head of the log; resolves with its metrics. */
export async function catchUpInChild(
  eventsUrl: string,
  readUrl: string,
  batchSize = 250,
): Promise<{ batches: number; conflicts: number; position: string }> {
  return (await readyInChild(eventsUrl, readUrl, batchSize)).go();
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
