import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../problem/api-problems.decorator';
import { MetricsAuthGuard } from './metrics-auth.guard';
import { VigieMetrics } from './vigie-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Public()
@UseGuards(MetricsAuthGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: VigieMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description:
      'Prometheus text: HTTP requests by route and status, read-model positions and lag, process metrics. Analyst, admin, or VIGIE_METRICS_TOKEN',
    content: { 'text/plain': { schema: { type: 'string', description: 'text/plain; version=0.0.4' } } },
  })
  // 503: the figures are read from the stores at each scrape.
  @ApiProblems(401, 403, 429, 503)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, text } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    return text;
  }
}
