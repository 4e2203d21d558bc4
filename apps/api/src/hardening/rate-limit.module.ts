import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { RateLimitGuard } from './rate-limit.guard';
import { SlidingWindowStorage } from './sliding-window-storage';

const bearerOf = (req: Request): string | null => {
  const match = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '');
  return match === null ? null : match[1];
};

/** The token is not kept as is, even in memory: its digest names the counter. */
const tokenDigest = (req: Request): string =>
  createHash('sha256')
    .update(bearerOf(req) ?? '')
    .digest('base64url');

/**
 * Two limits (`VIGIE_RATE_LIMIT_*`): per address (`req.ip`, behind `VIGIE_TRUST_PROXY` proxies)
 * and per bearer token; 0 turns one off. Counters live in memory (a sliding window of two
 * counters per caller): per API instance.
 */
export function rateLimitOptions(config: VigieConfig): ThrottlerModuleOptions {
  const { windowMs, perAddress, perToken } = config.rateLimit;
  return {
    setHeaders: false,
    storage: new SlidingWindowStorage(),
    throttlers: [
      {
        name: 'address',
        ttl: windowMs,
        limit: perAddress,
        skipIf: () => perAddress === 0,
      },
      {
        name: 'token',
        ttl: windowMs,
        limit: perToken,
        getTracker: (req: Record<string, unknown>) => tokenDigest(req as unknown as Request),
        skipIf: (context) =>
          perToken === 0 || bearerOf(context.switchToHttp().getRequest<Request>()) === null,
      },
    ],
  };
}

@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [VIGIE_CONFIG], useFactory: rateLimitOptions })],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
