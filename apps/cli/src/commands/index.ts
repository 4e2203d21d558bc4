import type { Command } from 'commander';
import { registerGdprCommand } from './gdpr.command';
import { registerMigrateCommand } from './migrate.command';
import { registerProjectionsCommand } from './projections.command';
import { registerReportCommand } from './report.command';
import { registerSeedCommand } from './seed.command';
import { registerTokenCommand } from './token.command';
import { registerUsersCommand } from './users.command';

/** Every `vigie` command; a new one adds its `register…Command` here (test/cli-commands.e2e.ts checks it). */
export function registerCommands(program: Command): void {
  registerTokenCommand(program);
  registerSeedCommand(program);
  registerReportCommand(program);
  registerProjectionsCommand(program);
  registerMigrateCommand(program);
  registerGdprCommand(program);
  registerUsersCommand(program);
}
