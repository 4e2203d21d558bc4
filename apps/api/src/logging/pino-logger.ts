import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogConfig } from '../config/vigie-config';
import { scrub, scrubFields } from './redaction';

const NEST_LEVELS: readonly LogLevel[] = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'];

/** One JSON logger per process: pino, writing JSON lines to stdout or `VIGIE_LOG_FILE`, every record scrubbed. */
export function createPino(config: LogConfig, silent = false): Logger {
  const options: pino.LoggerOptions = {
    level: silent ? 'silent' : config.level,
    base: { service: 'vigie-api' },
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
  // Synchronous writes: the last lines before a crash are on disk, and a test reads the file at once.
  const destination =
    config.file === null
      ? pino.destination({ dest: 1, sync: true })
      : pino.destination({ dest: config.file, sync: true, mkdir: true, append: true });
  return pino(options, destination);
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
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    const text = message instanceof Error ? `${message.name}` : typeof message === 'string' ? message : JSON.stringify(message);
    this.pino[pinoLevel]({ context, ...(stack === undefined ? {} : { stack: framesOf(stack) }) }, text);
  }
}

/** A stack's frames only: its first line repeats the error's message, which may quote request data. */
const framesOf = (stack: string): string =>
  stack
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');
