import { Logger } from '@nestjs/common';
import { describeStartFailure, loadConfig, storeUrlsIn } from '@vigie/config';
import { createApp } from './create-app';
import { firstStartMessage } from './lifecycle/first-start';
import { stopOnSignals } from './lifecycle/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  // Nest's start-up chatter is left out: one line says where the service listens; requests, warnings and errors still show.
  const app = await createApp(config, { logger: ['log', 'warn', 'error', 'fatal'] });
  await app.listen(config.port, config.host);
  const logger = new Logger('Vigie');
  stopOnSignals(app, (message) => logger.log(message));
  // Schemes only: the URLs may hold passwords.
  const kind = (url: string): string => url.slice(0, url.indexOf(':'));
  logger.log(
    `listening on ${await app.getUrl()} (event store: ${kind(config.eventStoreUrl)}, read models: ${kind(config.readDbUrl)}, keys: ${kind(config.keyStoreUrl)}, audit: ${kind(config.auditDbUrl)}, projector: ${config.projector}, data: ${config.dataDir}, auth: ${config.auth.mode})`,
  );
  // For the person who just typed `npm start`: plain text on stderr, apart from the JSON log lines.
  process.stderr.write(
    `\n${(await firstStartMessage(app, config)).map((line) => `  ${line}`).join('\n')}\n\n`,
  );
}

main().catch((error: unknown) => {
  // A ConfigError's message names the variable only; an unreachable store is named by its variable,
  // its address and why; other start-up errors print their class and message.
  const described =
    describeStartFailure(error, storeUrlsIn(process.env)) ??
    (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  console.error(`vigie: cannot start: ${described}`);
  process.exit(1);
});
