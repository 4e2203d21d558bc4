#!/usr/bin/env node
import { CommanderError } from 'commander';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Commander already printed its own errors (and the help it shows for --help exits 0).
    if (error instanceof CommanderError) process.exit(error.exitCode);
    console.error(`vigie: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
