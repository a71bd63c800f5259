import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** Every persona's home (SPEC P5): cards read through the reports module's read model. */
@Module({ imports: [ReportsModule], controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
