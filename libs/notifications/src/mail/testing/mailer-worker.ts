/*
 * A mailer in a child process, for the crash test:
 *   node --require libs/read-models/src/testing/swc-register.js mailer-worker.ts <dir> <smtpUrl>
 * over the SQLite files of <dir> (events, read, keys). Tells the parent (IPC) once it runs.
 */
import { join } from 'node:path';
import { openEventStore } from '@vigie/event-store';
import { PersonalDataVault, SqliteKeyStore } from '@vigie/privacy';
import { startMailer } from '../start-mailer';
import { PUBLIC_URL, SUBJECT_SECRET, mailConfig } from './mail-test-kit';

async function main(): Promise<void> {
  const [directory, smtpUrl] = process.argv.slice(2);
  const store = await openEventStore(`sqlite:${join(directory, 'events.sqlite')}`);
  const keys = SqliteKeyStore.open(join(directory, 'keys.sqlite'));
  const mailer = await startMailer({
    store,
    readDbUrl: `sqlite:${join(directory, 'read.sqlite')}`,
    mail: mailConfig({ smtpUrl }),
    publicUrl: PUBLIC_URL,
    vault: new PersonalDataVault(keys, SUBJECT_SECRET),
    env: {},
    logger: { warn: () => undefined },
  });
  if (mailer === null) throw new Error('mail is off');
  process.send?.('started');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
