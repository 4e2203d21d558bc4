import {
  ValidationPipe,
  type INestApplication,
  type LogLevel,
  type ModuleMetadata,
  type PipeTransform,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { EventStore } from '@vigie/event-store';
import { AppModule } from './app.module';
import { VigieMetrics } from './metrics/vigie-metrics';
import type { Clock } from './config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { BodyShapePipe } from './hardening/body-shape.pipe';
import { applyHttpHardening } from './hardening/http-hardening';
import { strictJsonBody } from './hardening/strict-json-body';
import { mountEmbeddedProvider } from './identity/embedded-provider/mount-embedded-provider';
import { accessLog } from './logging/access-log.middleware';
import { PinoLoggerService, createPino } from './logging/pino-logger';
import { RequestValidationError } from './problem/http-problem';
import { flattenValidationErrors } from './problem/validation-errors';
import { requestId } from './request-id.middleware';

export interface CreateAppOptions {
  /** The server clock commands are stamped with; the real one by default. */
  clock?: Clock;
  /**
   * Nest's log levels (all by default; tests keep errors only), or false for none. Records go to
   * pino, JSON lines on stdout or `VIGIE_LOG_FILE`; the access log is written when `log` is kept.
   */
  logger?: LogLevel[] | false;
  /**
   * An event store already open (tests); the app then uses it instead of opening `eventStoreUrl`,
   * and does not close it. The in-process projector reads the log through it too.
   */
  eventStore?: EventStore;
  /** Modules mounted with the application's own, behind the same middleware, guards, pipes and filter. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Nest's logger, less the record Nest writes of a failed start: it names only the error's class,
 * and with `abortOnError: false` the error itself reaches createApp's caller, which says what
 * failed (main.ts, in one line) instead of Nest ending the process.
 */
class AppLogger extends PinoLoggerService {
  override error(message: unknown, ...rest: unknown[]): void {
    if (rest.at(-1) !== 'ExceptionHandler') super.error(message, ...rest);
  }
}

/**
 * JSON only, with the configured limit: larger bodies get 413, broken JSON 400, both as problem+json.
 * Strict: UTF-8 only, nesting bounded, checked on the raw bytes before anything parses them. Nest's
 * types leave `verify` out because its `rawBody` option replaces it; this app never sets `rawBody`.
 */
export const jsonBodyOptions = (config: VigieConfig) => ({ limit: config.bodyLimit, verify: strictJsonBody });

/** Every body and query string: its shape first, then its DTO's rules (B5's breakdown mounts them too). */
export function globalPipes(): PipeTransform[] {
  return [
    new BodyShapePipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
  ];
}

/** The whole API, initialised but not listening: `main.ts` listens, tests call `getHttpServer()`. */
export async function createApp(
  config: VigieConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const levels = options.logger === false ? [] : (options.logger ?? ['log', 'warn', 'error']);
  const pino = createPino(config.log, levels.length === 0);
  const logger = new AppLogger(pino, levels);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.clock ?? (() => new Date()), options.eventStore, options.imports),
    { bodyParser: false, logger, abortOnError: false },
  );
  applyHttpHardening(app, config);
  // ETags are revisions of declarations, set by the routes; Express's body hashes would pass for them.
  app.set('etag', false);
  app.use(requestId);
  if (levels.includes('log')) app.use(accessLog(pino));
  app.use(app.get(VigieMetrics).middleware);
  // The embedded OpenID provider reads its own (form-encoded) bodies: mounted before the JSON parser.
  mountEmbeddedProvider(app, config);
  app.useBodyParser('json', jsonBodyOptions(config));
  app.useGlobalPipes(...globalPipes());
  const document = new DocumentBuilder()
    .setTitle('Vigie')
    .setDescription('Declaration and follow-up of IT security incidents in health facilities')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
  });
  // Signals are handled by `main.ts` (lifecycle/graceful-shutdown.ts), not by Nest's hooks.
  await app.init();
  return app;
}
