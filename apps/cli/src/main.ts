#!/usr/bin/env node
import { CommanderError } from 'commander';
import { describeStartFailure, storeUrlsIn } from '@vigie/config';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Commander already printed its own errors (and the help it shows for --help exits 0).
    if (error instanceof CommanderError) process.exit(error.exitCode);
    const described =
      describeStartFailure(error, storeUrlsIn(process.env)) ??
      (error instanceof Error ? error.message : String(error));
    console.error(`vigie: ${described}`);
    process.exit(1);
  });
