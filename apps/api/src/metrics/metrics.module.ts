import { Global, Module } from '@nestjs/common';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { RollupMetrics } from './rollup-metrics';

@Global()
@Module({
  imports: [ReadModelModule],
  controllers: [MetricsController],
  providers: [MetricsService, RollupMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
