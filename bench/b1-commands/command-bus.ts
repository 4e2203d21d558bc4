import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@vigie/event-store';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '@vigie/config';
import { ExecuteDeclarationCommand } from '../../apps/api/src/declarations/execute-declaration-command';
import type { PlannedCommand } from './command-mix';

export interface CommandPath {
  execute: (command: PlannedCommand) => Promise<unknown>;
  close: () => Promise<void>;
}

/**
 * The API's own modules without HTTP: the CommandBus the declaration routes dispatch to, with
 * the handler and everything it needs (store, vault of personal data, clock) wired by Nest as in
 * the application. The projector is off: B1 measures the write path (B3 measures projection).
 * `store` is the caller's (opened with the pool size the scenario needs); it is not closed here.
 */
export async function openCommandPath(dataDir: string, store: EventStore): Promise<CommandPath> {
  const config = loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_PROJECTOR: 'off' });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, () => new Date(), store),
    { logger: ['error'] },
  );
  const bus = app.get(CommandBus);
  return {
    execute: ({ intent, context }) => bus.execute(new ExecuteDeclarationCommand(intent, context)),
    close: () => app.close(),
  };
}
