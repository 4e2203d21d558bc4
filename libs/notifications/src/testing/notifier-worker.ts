/*
 * A notifier in a child process, for the crash test:
 *   node --require libs/read-models/src/testing/swc-register.js notifier-worker.ts <eventsUrl> <readUrl>
 * with the VIGIE_WEBHOOK_* variables in its environment. Tells the parent (IPC) once it runs.
 */
import { openEventStore } from '@vigie/event-store';
import { startNotifier } from '../start-notifier';

async function main(): Promise<void> {
  const [eventsUrl, readUrl] = process.argv.slice(2);
  const store = await openEventStore(eventsUrl);
  const notifier = await startNotifier({
    store,
    readDbUrl: readUrl,
    env: process.env,
    logger: { warn: () => undefined },
  });
  if (notifier === null) throw new Error('no webhook configured');
  process.send?.('started');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
