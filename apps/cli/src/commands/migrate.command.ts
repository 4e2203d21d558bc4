import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import {
  migrateEventLog,
  openEventStore,
  type EventStore,
  type MigrateEventLogResult,
} from '@vigie/event-store';
import { describeStartFailure, postgresLimits } from '@vigie/config';
import { forLongWork } from '@vigie/postgres';
import { writeResult } from '../write-result';

function batchSize(value: string): number {
  const parsed = Number(value);
  if (!/^\d{1,6}$/.test(value) || parsed < 1)
    throw new InvalidArgumentError('expected an integer from 1 to 999999');
  return parsed;
}

interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/**
 * A bar on a terminal; elsewhere (a log file, CI) a line every tenth. Rates count only the events
 * this run copies, so a resumed run does not claim the speed of what it skipped.
 */
function progressOn(writeErr: (text: string) => void): Progress {
  let start: { at: number; done: number } | undefined;
  let reported = -1;
  let bar: SingleBar | undefined;
  const rate = (done: number) => {
    const seconds = start === undefined ? 0 : (Date.now() - start.at) / 1000;
    return seconds > 0 ? Math.round((done - (start?.done ?? 0)) / seconds) : 0;
  };
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    stop,
    update: (done, total) => {
      start ??= { at: Date.now(), done };
      if (process.stderr.isTTY) {
        if (bar !== undefined) {
          bar.update(done, { speed: rate(done) });
        } else if (done < total) {
          bar = new SingleBar({
            format: 'migrating |{bar}| {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
            stream: process.stderr,
            hideCursor: true,
          });
          bar.start(total, done, { speed: 0 });
        }
      } else {
        const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
        if (percent >= reported + 10 || done === total) {
          reported = percent;
          const speed = rate(done);
          const eta = speed > 0 ? `, ETA ${Math.ceil((total - done) / speed)} s` : '';
          writeErr(`migrating: ${done} / ${total} events (${percent} %), ${speed} events/s${eta}\n`);
        }
      }
      if (done === total) {
        stop();
        writeErr('verifying counts and checksums of both logs…\n');
      }
    },
  };
}

function summary(result: MigrateEventLogResult, milliseconds: number): string {
  const records =
    result.idempotency === null
      ? 'idempotency records not migrated (the source cannot list them)'
      : `${result.idempotency.records} idempotency records`;
  return (
    `migrated ${result.total} events (${result.copied} copied, ${result.skipped} already in the target), ${records}; ` +
    `checksum sha256:${result.checksum} identical in both logs; ${(milliseconds / 1000).toFixed(1)} s\n`
  );
}

/**
 * `vigie migrate --from <url> --to <url>`: copies the event log into another store (SQLite,
 * PostgreSQL, EventStoreDB), then verifies both. Stop the writers of the source first; an
 * interrupted run is resumed by running it again. URLs are never printed: they may hold passwords.
 */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('copy the event log into another store (resumable), then verify counts and checksums')
    .requiredOption('--from <url>', 'source event store: sqlite:<path>, postgres://…, esdb://…')
    .requiredOption('--to <url>', 'target event store (created and migrated if needed)')
    .option('--batch <n>', 'events per page read and per transaction written', batchSize, 1000)
    .action(async (options: { from: string; to: string; batch: number }, command: Command) => {
      const writeErr = command.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
      if (options.from === options.to) command.error('error: --from and --to name the same store');
      const progress = progressOn(writeErr);
      let from: EventStore | undefined;
      let to: EventStore | undefined;
      const postgres = forLongWork(postgresLimits(process.env));
      try {
        from = await openEventStore(options.from, { postgres });
        to = await openEventStore(options.to, { postgres });
        const started = Date.now();
        const result = await migrateEventLog({
          from,
          to,
          batchSize: options.batch,
          onProgress: progress.update,
        });
        writeResult(command, summary(result, Date.now() - started));
      } catch (error) {
        // Which of the two stores could not be reached, where (no password) and why.
        const unreachable = describeStartFailure(error, { '--from': options.from, '--to': options.to });
        throw unreachable === null ? error : new Error(unreachable);
      } finally {
        progress.stop();
        await to?.close();
        await from?.close();
      }
    });
}
