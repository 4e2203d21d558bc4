import { Command } from 'commander';
import { registerCommands } from './commands';

export interface ProgramOutput {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/**
 * The `vigie` program. Commands print their result through `writeOut` (the program's configured
 * output), so tests run them in-process and read what they printed.
 */
export function createProgram(output?: ProgramOutput): Command {
  const program = new Command('vigie')
    .description('Vigie: declarations of IT security incidents in health facilities, and the yearly report')
    .showHelpAfterError()
    .exitOverride();
  if (output !== undefined) program.configureOutput(output);
  registerCommands(program);
  return program;
}
