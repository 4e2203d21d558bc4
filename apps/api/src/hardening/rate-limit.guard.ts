import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { TooManyRequests } from './too-many-requests';

/**
 * @nestjs/throttler's guard, counting per caller across all routes (its default counts per route)
 * and answering problem+json 429 with Retry-After. Registered before the AuthGuard, so that a
 * client guessing tokens is limited by its address too.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequests(detail.timeToBlockExpire);
  }
}
