import { Module } from '@nestjs/common';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { ReportsModule } from '../reports/reports.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** Every persona's home (SPEC P5): cards read through the reports module's read model. */
@Module({
  imports: [ReportsModule, ReadModelModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
