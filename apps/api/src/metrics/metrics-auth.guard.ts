import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerTokenOf } from '../auth/principals';
import { TokenVerifier } from '../auth/token-verifier';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `/metrics` tells how busy the service is and how far behind its read models are: analysts and
 * admins may read it with their usual token, and a scraper with the static `VIGIE_METRICS_TOKEN`
 * (a Prometheus job holds no user token that would expire).
 */
@Injectable()
export class MetricsAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const token = bearerTokenOf(context.switchToHttp().getRequest<Request>());
    if (token === null)
      throw new UnauthorizedException('An "Authorization: Bearer <token>" header is required');
    const scraperToken = this.config.metricsToken;
    // Digests have one length, so the comparison takes the same time whatever the guess.
    if (scraperToken !== null && timingSafeEqual(digest(token), digest(scraperToken))) return true;
    const principal = await this.verifier.verify(token);
    if (principal.role !== 'analyst' && principal.role !== 'admin') {
      throw new ForbiddenException(`The role "${principal.role}" may not read the metrics`);
    }
    return true;
  }
}
