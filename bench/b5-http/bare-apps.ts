import {
  Global,
  Module,
  type DynamicModule,
  type INestApplication,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { VigieConfig } from '@vigie/config';
import { PersonalDataVault } from '@vigie/privacy';
import { READ_DATA_SOURCE } from '@vigie/read-models';
import type { Logger } from 'pino';
import { AuthGuard } from '../../apps/api/src/auth/auth.guard';
import { Principals } from '../../apps/api/src/auth/principals';
import { TokenVerifier } from '../../apps/api/src/auth/token-verifier';
import { VIGIE_CONFIG } from '../../apps/api/src/config/config.tokens';
import { globalPipes, jsonBodyOptions } from '../../apps/api/src/create-app';
import { applyHttpHardening } from '../../apps/api/src/hardening/http-hardening';
import { RateLimitModule } from '../../apps/api/src/hardening/rate-limit.module';
import { API_TOKENS, SESSIONS } from '../../apps/api/src/identity/identity.tokens';
import { accessLog } from '../../apps/api/src/logging/access-log.middleware';
import { VigieMetrics } from '../../apps/api/src/metrics/vigie-metrics';
import { requestId } from '../../apps/api/src/request-id.middleware';
import { BenchNoopController } from './bench-noop.controller';

/**
 * The pieces createApp puts in front of every route, in its order, each the product's own code.
 * B5's breakdown mounts a bare Nest application (express, the JSON body parser, the no-op route)
 * and then adds them one at a time: the difference between two neighbours is one piece's cost.
 */
export const PIECES = [
  'helmet, no-store',
  'request id',
  'access log',
  'metrics',
  'strict JSON (verify)',
  'pipes (body shape, ValidationPipe)',
  'rate limits (2 counters)',
  'auth guard (bearer JWT)',
] as const;
export type Piece = (typeof PIECES)[number];

/**
 * What the auth guard never reaches with an embedded bearer JWT (no user, no session, no API
 * token): empty objects, so that a path that did reach them would fail, not pass unmeasured.
 */
const unused = (): object => Object.freeze({});

@Global()
@Module({})
class BareSettingsModule {
  static of(config: VigieConfig): DynamicModule {
    const provider: Provider = { provide: VIGIE_CONFIG, useValue: config };
    return { module: BareSettingsModule, providers: [provider], exports: [VIGIE_CONFIG] };
  }
}

/** The AuthGuard with its Principals and TokenVerifier; the stores a bearer JWT does not need are left out. */
@Module({
  providers: [
    TokenVerifier,
    Principals,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: PersonalDataVault, useValue: unused() },
    { provide: READ_DATA_SOURCE, useValue: unused() },
    { provide: API_TOKENS, useValue: unused() },
    { provide: SESSIONS, useValue: unused() },
  ],
})
class BareAuthModule {}

@Module({})
class BareModule {
  static with(config: VigieConfig, pieces: readonly Piece[]): DynamicModule {
    const imports: Type[] = [];
    if (pieces.includes('rate limits (2 counters)')) imports.push(RateLimitModule);
    if (pieces.includes('auth guard (bearer JWT)')) imports.push(BareAuthModule);
    return {
      module: BareModule,
      imports: [BareSettingsModule.of(config), ...imports],
      controllers: [BenchNoopController],
    };
  }
}

/** A bare Nest 12 application with the first `count` pieces, initialised, not listening. */
export async function bareApp(config: VigieConfig, pino: Logger, count: number): Promise<INestApplication> {
  const pieces = PIECES.slice(0, count);
  const app = await NestFactory.create<NestExpressApplication>(BareModule.with(config, pieces), {
    bodyParser: false,
    logger: ['error'],
    // A failed start reaches the caller (and the benchmark's error) instead of ending the process quietly.
    abortOnError: false,
  });
  const has = (piece: Piece) => pieces.includes(piece);
  if (has('helmet, no-store')) {
    applyHttpHardening(app, config);
    app.set('etag', false);
  }
  if (has('request id')) app.use(requestId);
  if (has('access log')) app.use(accessLog(pino));
  // Its constructor only keeps what /metrics renders; the middleware counts with its own registry.
  if (has('metrics')) app.use(new VigieMetrics(null, null as never, null as never).middleware);
  const json = jsonBodyOptions(config);
  app.useBodyParser('json', has('strict JSON (verify)') ? json : { limit: json.limit });
  if (has('pipes (body shape, ValidationPipe)')) app.useGlobalPipes(...globalPipes());
  await app.init();
  return app;
}
