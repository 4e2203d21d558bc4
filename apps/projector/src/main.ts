import { openEventStore } from '@vigie/event-store';
import { startMailer, startNotifier } from '@vigie/notifications';
import { PersonalDataVault, openKeyStore } from '@vigie/privacy';
import { Projector, openReadDataSource } from '@vigie/read-models';
import { describeStartFailure, loadConfig, storeUrlsIn } from '@vigie/config';
import { createPino } from '../../api/src/logging/pino-logger';
import { createProjectorServer } from './projector-server';

/**
 * The projector as its own process, for deployments where the API runs with VIGIE_PROJECTOR=off
 * (several API instances, one projector). Reads the same variables as the API; listens on
 * VIGIE_PROJECTOR_HOST (default HOST, then 127.0.0.1) : VIGIE_PROJECTOR_PORT (default 3001).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const port = Number(process.env.VIGIE_PROJECTOR_PORT ?? '3001');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('VIGIE_PROJECTOR_PORT must be an integer from 0 to 65535');
  const host = process.env.VIGIE_PROJECTOR_HOST ?? config.host;

  // The API's logger: JSON lines on stdout or VIGIE_LOG_FILE, scrubbed of tokens and personal data.
  const log = createPino(config.log, false, 'vigie-projector');
  const store = await openEventStore(config.eventStoreUrl, { postgres: config.postgres });
  const dataSource = await openReadDataSource(config.readDbUrl, { poolSize: 2, postgres: config.postgres });
  const projector = new Projector({ store, dataSource, logger: log.child({ context: 'Projector' }) });
  await projector.start();
  // With VIGIE_PROJECTOR=off the API does not notify authorities: this process does (null when no webhook is configured).
  const notifier = await startNotifier({
    store,
    readDbUrl: config.readDbUrl,
    postgres: config.postgres,
    env: process.env,
    logger: log.child({ context: 'Notifier' }),
  });
  // The mailer too (null when mail is off); it reveals the declarant's address just before sending.
  const keys = config.mail.mode === 'off' ? null : await openKeyStore(config.keyStoreUrl, config.postgres);
  const mailer =
    keys === null
      ? null
      : await startMailer({
          store,
          readDbUrl: config.readDbUrl,
          postgres: config.postgres,
          mail: config.mail,
          publicUrl: config.publicUrl,
          vault: new PersonalDataVault(keys, config.subjectSecret),
          env: process.env,
          logger: log.child({ context: 'Mailer' }),
        });
  const server = createProjectorServer(projector);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  log.info(`vigie projector: following the event log, health and metrics on http://${host}:${listening}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`vigie projector: ${signal}, finishing the batch in progress`);
    // The batch in progress commits or rolls back before the stores close.
    await projector.stop();
    await notifier?.stop();
    await mailer?.stop();
    await keys?.close();
    await new Promise((resolve) => server.close(resolve));
    await dataSource.destroy();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const described =
    describeStartFailure(error, storeUrlsIn(process.env)) ??
    (error instanceof Error ? error.message : String(error));
  console.error(`vigie projector: ${described}`);
  process.exit(1);
});
