import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MetricsAuthGuard } from './metrics-auth.guard';
import { MetricsController } from './metrics.controller';
import { VigieMetrics } from './vigie-metrics';

@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [VigieMetrics, MetricsAuthGuard],
  exports: [VigieMetrics],
})
export class MetricsModule {}
