import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '../../apps/api/src/auth/auth.decorators';

/**
 * B5's baseline: a POST route of the same Nest application that does nothing. It goes through
 * everything the application puts in front of every route (request id, metrics, JSON body parser,
 * the global AuthGuard verifying the bearer token and the roles, the global ValidationPipe, the
 * problem filter) and nothing the declaration route adds (DTO validation, idempotency, decide,
 * append). Mounted only inside the benchmark's server.
 */
@Controller('bench')
export class BenchNoopController {
  @Post('noop')
  @HttpCode(201)
  @Roles('declarant', 'analyst', 'admin')
  noop(@Body() body: Record<string, unknown>): { received: boolean } {
    return { received: typeof body === 'object' };
  }
}
