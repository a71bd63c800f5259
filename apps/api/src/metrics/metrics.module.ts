import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { RollupMetrics } from './rollup-metrics';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, RollupMetrics], exports: [MetricsService] })
export class MetricsModule {}
