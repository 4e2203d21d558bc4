import type { INestApplication } from '@nestjs/common';

/** How long requests in flight may take to finish once a stop is asked, before the process gives up on them. */
export const DEFAULT_GRACE_MS = 10_000;

/**
 * SIGTERM (containers, `kill`, `npm start` stopped by a supervisor) and SIGINT (Ctrl-C) stop the
 * service gracefully and exit 0; a second signal, or requests still running after `graceMs`,
 * exit 1 at once. Nest's `close()` keeps the order that loses nothing (the projector finishes its
 * batch, the listener closes and lets requests in flight answer, then the stores close). Nest's
 * `enableShutdownHooks` is not used: it re-raises the signal after closing, so the process would
 * exit 143 instead of 0, and `npm start` would report a failure.
 */
export function stopOnSignals(
  app: INestApplication,
  log: (message: string) => void,
  graceMs: number = DEFAULT_GRACE_MS,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping (no new requests; those in flight finish, then the stores close)`);
    setTimeout(() => {
      log(`requests still running after ${graceMs} ms: exiting now`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
