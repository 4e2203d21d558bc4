import type { Command } from 'commander';

/** Where a command prints its result: the output configured on the program (stdout by default). */
export function writeResult(command: Command, text: string): void {
  const writeOut = command.configureOutput().writeOut ?? ((chunk: string) => process.stdout.write(chunk));
  writeOut(text);
}
