import { clockPolicyFromEnv } from '@vigie/domain';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@vigie/config';
import { openEventStore } from '@vigie/event-store';
import { forLongWork } from '@vigie/postgres';
import { Projector, asOfHistory, openReadDataSource } from '@vigie/read-models';
import {
  REPORT_FORMATS,
  renderReport,
  replayReport,
  reportWithin,
  type AnnualReport,
  type ReadProgress,
  type ReportFormat,
} from '@vigie/reporting';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@vigie/event-store';
import { writeResult } from '../write-result';

interface ReportOptions {
  year: number;
  asOf?: Date;
  format: ReportFormat;
  out?: string;
  lang: 'fr' | 'en';
  public?: boolean;
  replay?: boolean;
  verify?: boolean;
}

function year(value: string): number {
  const parsed = Number(value);
  if (!/^\d{4}$/.test(value) || parsed < 2000 || parsed > 2100)
    throw new InvalidArgumentError('expected a year such as 2020');
  return parsed;
}

function instant(value: string): Date {
  // An offset is required: a bare date-time would be read in this machine's zone.
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 instant with an offset, e.g. 2021-04-28T12:00:00Z, or a date',
    );
  }
  return new Date(value);
}

/**
 * `vigie report`: the yearly report as it stood at --as-of (default: now), from the event log. By
 * default it reads the as-of history read model (brought up to the log's head first: the API's
 * projector keeps it there), which gives exactly what a replay of the log gives, in a fraction of
 * the time; `--replay` replays the log alone (no read database); `--verify` computes both and
 * fails unless they are identical.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('print or write the yearly report, computed from the event log')
    .requiredOption('--year <year>', 'year of the report (Europe/Paris year of submission)', year)
    .option('--as-of <instant>', 'the log as it stood at this instant (default: now)', instant)
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('json'))
    .option('--out <file>', 'write to this file instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['fr', 'en']).default('fr'))
    .option(
      '--public',
      'the public edition: counts of 1 to 4 as "<5", and "secret" where a total or a share would give one back',
    )
    .option('--replay', 'replay the event log only (the reference; reads no read database)')
    .option(
      '--verify',
      'compute the report from the as-of history and by replaying the log; fail unless identical',
    )
    .action(async (options: ReportOptions, command: Command) => {
      const writeErr = command.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
      const config = loadConfig(process.env);
      // The whole log may be read: long limits, as for every command that is one long operation.
      const postgres = forLongWork(config.postgres);
      const store = await openEventStore(config.eventStoreUrl, { postgres });
      const dataSource = options.replay ? null : await openReadDataSource(config.readDbUrl, { postgres });
      try {
        const asOf = options.asOf ?? new Date();
        const generatedAt = new Date();
        const policy = clockPolicyFromEnv(process.env);
        const replay = () =>
          replayReport(
            store,
            options.year,
            { asOf },
            { generatedAt, policy, onProgress: progressTo(writeErr) },
          );
        const fromHistory = async (): Promise<AnnualReport> => {
          const started = Date.now();
          const { report, source } = await reportWithin(
            store,
            dataSource,
            options.year,
            { asOf },
            {
              generatedAt,
              policy,
              reach: () => catchUpHistory(store, dataSource!),
            },
          );
          writeErr(
            source.from === 'history'
              ? `read from the as-of history in ${Date.now() - started} ms\n`
              : `replayed from the event log (the as-of history could not answer: ${source.because})\n`,
          );
          return report;
        };
        let report: AnnualReport;
        if (options.replay) {
          report = await replay();
        } else if (options.verify) {
          report = await fromHistory();
          const started = Date.now();
          const replayed = await replay();
          writeErr(`replayed from the event log in ${Date.now() - started} ms\n`);
          const differing = differingKeys(report, replayed);
          if (differing.length > 0) {
            writeErr(`verify: the as-of history and the replay differ in ${differing.join(', ')}\n`);
            process.exitCode = 1;
            return;
          }
          writeErr(`verify: the as-of history and the replay of the log give the same report\n`);
        } else {
          report = await fromHistory();
        }
        const rendered = await renderReport(report, {
          format: options.format,
          lang: options.lang,
          public: options.public === true,
        });
        if (options.out !== undefined) {
          writeFileSync(options.out, rendered.body);
          writeErr(`report ${options.year} (${options.format}) written to ${options.out}\n`);
        } else if (options.format === 'pdf') {
          process.stdout.write(rendered.body);
        } else {
          writeResult(command, rendered.body.toString('utf8'));
        }
      } finally {
        await dataSource?.destroy();
        await store.close();
      }
    });
}

/** Brings the as-of history to the log's head, as the API's projector keeps it. */
async function catchUpHistory(store: EventStore, dataSource: DataSource): Promise<boolean> {
  await new Projector({ store, dataSource, readModels: [asOfHistory] }).catchUp();
  return true;
}

function progressTo(writeErr: (text: string) => void): (progress: ReadProgress) => void {
  let reported = -1;
  return ({ events, head, position }) => {
    const percent = head === 0n ? 100 : Number((position * 100n) / head);
    if (percent >= reported + 10 || position >= head) {
      reported = percent;
      writeErr(`reading the event log: ${events} events (${Math.min(percent, 100)} %)\n`);
    }
  };
}

/** The top-level sections whose content differs (both computed with the same `generatedAt`). */
function differingKeys(a: AnnualReport, b: AnnualReport): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (key) => !isDeepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
