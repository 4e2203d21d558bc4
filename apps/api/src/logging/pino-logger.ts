import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogConfig } from '@vigie/config';
import { scrub, scrubFields } from './redaction';

const NEST_LEVELS: readonly LogLevel[] = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'];

/** Nest's start-up chatter (modules loaded, each route mapped): debug, not info. */
const STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * One JSON logger per process: pino, writing JSON lines to stdout or `VIGIE_LOG_FILE`, every record
 * scrubbed. `service` names the process in each line (apps/projector passes its own).
 */
export function createPino(config: LogConfig, silent = false, service = 'vigie-api'): Logger {
  const options: pino.LoggerOptions = {
    level: silent ? 'silent' : config.level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (fields) => scrubFields(fields) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  // Synchronous writes to a file: the last lines before a crash are on disk, and a test reads it at once.
  const destination =
    config.file === null
      ? consoleStreams()
      : pino.destination({ dest: config.file, sync: true, mkdir: true, append: true });
  return pino(options, destination);
}

/** Without a file, warnings and errors go to stderr and the rest to stdout, as a console logger does. */
function consoleStreams(): pino.MultiStreamRes {
  return pino.multistream(
    [
      { level: 'trace', stream: { write: (line: string) => process.stdout.write(line) } },
      { level: 'warn', stream: { write: (line: string) => process.stderr.write(line) } },
    ],
    { dedupe: true },
  );
}

/**
 * Nest's logger backed by pino: Nest's own messages and every `new Logger(context)` of the app go
 * through it. `levels` keeps Nest's level filter (tests keep errors only).
 */
export class PinoLoggerService implements LoggerService {
  private readonly enabled: ReadonlySet<LogLevel>;

  constructor(
    readonly pino: Logger,
    levels: readonly LogLevel[] = NEST_LEVELS,
  ) {
    this.enabled = new Set(levels);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', 'error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', 'warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', 'debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', 'trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', 'fatal', message, rest);
  }

  /** Nest passes `(message, context)`, or for errors `(message, stack, context)`. */
  private write(
    level: LogLevel,
    pinoLevel: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    if (!this.enabled.has(level)) return;
    const params = [...rest];
    const context =
      params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    if (pinoLevel === 'info' && context !== undefined && STARTUP_CONTEXTS.has(context)) pinoLevel = 'debug';
    const text =
      message instanceof Error
        ? `${message.name}`
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    this.pino[pinoLevel]({ context, ...(stack === undefined ? {} : { stack: framesOf(stack) }) }, text);
  }
}

/** A stack's frames only: its first line repeats the error's message, which may quote request data. */
const framesOf = (stack: string): string =>
  stack
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');
