import type { Command } from 'commander';
import { registerTokenCommand } from './token.command';

/** Every `vigie` command; a new one adds its `register…Command` here. */
export function registerCommands(program: Command): void {
  registerTokenCommand(program);
}
