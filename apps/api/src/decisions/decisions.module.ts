import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { DecisionAnnotation, AuditDrilldown } from './decision-annotation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DecisionAnnotation, AuditDrilldown]), ReadModelModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
