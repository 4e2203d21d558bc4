import { InvalidArgumentError, type Command } from 'commander';
import { forLongWork } from '@vigie/postgres';
import { openKeyStore, subjectIdOf } from '@vigie/privacy';
import { loadConfig } from '@vigie/config';
import { writeResult } from '../write-result';

const SUBJECT_ID = /^ds_[A-Za-z0-9_-]{22}$/;

function subjectId(value: string): string {
  if (!SUBJECT_ID.test(value))
    throw new InvalidArgumentError('expected a subject id such as ds_… (see `vigie gdpr subject`)');
  return value;
}

/**
 * `vigie gdpr subject --email <e>` prints the subject id of a person (from the server's subject
 * secret); `vigie gdpr erase --subject <id>` destroys that person's keys: their name, e-mail and
 * phone become unreadable in the event log, every read model and any rebuild ("[erased]"), while
 * the declarations and the statistics stay. Irreversible.
 */
export function registerGdprCommand(program: Command): void {
  const gdpr = program.command('gdpr').description('personal data of declarants (GDPR rights)');
  gdpr
    .command('subject')
    .description('print the subject id of a declarant, from the e-mail address it declared with')
    .requiredOption('--email <address>', 'the e-mail address')
    .action((options: { email: string }, command: Command) => {
      const config = loadConfig(process.env);
      writeResult(command, `${subjectIdOf(options.email, config.subjectSecret)}\n`);
    });
  gdpr
    .command('erase')
    .description('destroy the keys of a subject: its personal data become unreadable everywhere, for good')
    .requiredOption('--subject <id>', 'the subject id (see `vigie gdpr subject`)', subjectId)
    .action(async (options: { subject: string }, command: Command) => {
      const config = loadConfig(process.env);
      // Long limits: an erasure rewrites the key table (VACUUM FULL).
      const keys = await openKeyStore(config.keyStoreUrl, forLongWork(config.postgres));
      try {
        const { destroyed } = await keys.erase(options.subject, new Date());
        writeResult(
          command,
          destroyed === 0
            ? `${options.subject}: no key left (unknown or already erased); nothing to do\n`
            : `${options.subject}: ${destroyed} key${destroyed === 1 ? '' : 's'} destroyed; its personal data now read "[erased]"\n`,
        );
      } finally {
        await keys.close();
      }
    });
}
