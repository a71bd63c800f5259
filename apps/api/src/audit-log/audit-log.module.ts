import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditEntry } from './admin-audit-entry.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEntry])],
  controllers: [AuditLogController],
  providers: [AuditLogService],
  exports: [AuditLogService],
})
export class AuditLogModule {}
