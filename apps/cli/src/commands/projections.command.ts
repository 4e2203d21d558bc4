import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { openEventStore } from '@vigie/event-store';
import { forLongWork } from '@vigie/postgres';
import {
  READ_MODEL_NAMES,
  openReadDataSource,
  rebuildProjections,
  type RebuildProgress,
} from '@vigie/read-models';
import { loadConfig } from '@vigie/config';
import { writeResult } from '../write-result';

const collect = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
];

/**
 * `vigie projections rebuild [--name N]…`: replays the whole event log into fresh copies of the
 * read models and swaps them in; the API keeps answering meanwhile (see docs/read-side.md).
 * Progress on stderr; a one-line summary on stdout.
 */
export function registerProjectionsCommand(program: Command): void {
  const projections = program.command('projections').description('maintain the read models');
  projections
    .command('rebuild')
    .description('rebuild read models from the event log, while the service keeps answering')
    .option(
      '--name <name>',
      `a read model to rebuild, repeatable or comma-separated (default: all of ${READ_MODEL_NAMES.join(', ')})`,
      collect,
      [],
    )
    .action(async (options: { name: string[] }, command: Command) => {
      const config = loadConfig(process.env);
      // A rebuild's statements (the swap of whole tables) may take longer than a command's.
      const postgres = forLongWork(config.postgres);
      const store = await openEventStore(config.eventStoreUrl, { postgres });
      try {
        const dataSource = await openReadDataSource(config.readDbUrl, { postgres });
        const bar = new SingleBar(
          {
            stream: process.stderr,
            format:
              'rebuild |{bar}| {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
            etaBuffer: 50,
            noTTYOutput: !process.stderr.isTTY,
            notTTYSchedule: 2000,
          },
          Presets.shades_classic,
        );
        let started = false;
        const onProgress = (progress: RebuildProgress) => {
          if (!started) {
            bar.start(progress.total, 0, { speed: 0 });
            started = true;
          }
          bar.setTotal(progress.total);
          bar.update(progress.done, { speed: progress.eventsPerSecond });
        };
        try {
          const result = await rebuildProjections({
            store,
            dataSource,
            names: options.name.length > 0 ? options.name : undefined,
            onProgress,
          });
          if (started) bar.stop();
          const speed = Math.round(result.events / Math.max(result.seconds, 0.001));
          writeResult(
            command,
            `rebuilt ${result.readModels.join(', ')}: ${result.events} events in ${result.seconds.toFixed(1)} s (${speed} events/s), up to position ${result.position}\n`,
          );
        } finally {
          if (started) bar.stop();
          await dataSource.destroy();
        }
      } finally {
        await store.close();
      }
    });
}
