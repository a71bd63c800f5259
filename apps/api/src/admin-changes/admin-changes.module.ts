import { Global, Module } from '@nestjs/common';
import { AdminChangesController } from './admin-changes.controller';
import { AdminChangesService } from './admin-changes.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { AdminAuditEntry } from './admin-audit-entry.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEntry]), ReadModelModule],
  controllers: [AdminChangesController],
  providers: [AdminChangesService],
  exports: [AdminChangesService],
})
export class AdminChangesModule {}
