import { clockPolicyFromEnv } from '@vigie/domain';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@vigie/config';
import { openEventStore } from '@vigie/event-store';
import { forLongWork } from '@vigie/postgres';
import { REPORT_FORMATS, renderReport, reportAsOf, type ReportFormat } from '@vigie/reporting';
import { writeResult } from '../write-result';

interface ReportOptions {
  year: number;
  asOf?: Date;
  format: ReportFormat;
  out?: string;
  lang: 'fr' | 'en';
  public?: boolean;
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
 * `vigie report`: the yearly report, computed from the event log as it stood at --as-of (default:
 * now). It replays the log rather than reading the annual-statistics read model, so it needs no
 * running API and gives the same figures as `asOf` over HTTP.
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
    .action(async (options: ReportOptions, command: Command) => {
      const writeErr = command.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
      const config = loadConfig(process.env);
      // The whole log is read: long limits, as for every command that is one long operation.
      const store = await openEventStore(config.eventStoreUrl, { postgres: forLongWork(config.postgres) });
      try {
        const asOf = options.asOf ?? new Date();
        let reported = -1;
        const report = await reportAsOf(
          store,
          options.year,
          asOf,
          ({ events, head, position }) => {
            const percent = head === 0n ? 100 : Number((position * 100n) / head);
            if (percent >= reported + 10 || position >= head) {
              reported = percent;
              writeErr(`reading the event log: ${events} events (${Math.min(percent, 100)} %)\n`);
            }
          },
          clockPolicyFromEnv(process.env),
        );
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
        await store.close();
      }
    });
}
