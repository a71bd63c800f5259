import { Global, Module } from '@nestjs/common';
import { AdminChangesController } from './admin-changes.controller';
import { AdminChangesService } from './admin-changes.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditEntry } from './admin-audit-entry.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEntry])],
  controllers: [AdminChangesController],
  providers: [AdminChangesService],
  exports: [AdminChangesService],
})
export class AdminChangesModule {}
