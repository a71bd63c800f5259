import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DecisionAnnotation, AuditDrilldown } from './decision-annotation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DecisionAnnotation, AuditDrilldown])],
  controllers: [AuditTrailController],
  providers: [AuditTrailService],
})
export class AuditTrailModule {}
