import { Module } from '@nestjs/common';
import { SuppressionController } from './suppression.controller';
import { SuppressionService } from './suppression.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SuppressionEntry } from './suppression-entry.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SuppressionEntry])],
  controllers: [SuppressionController],
  providers: [SuppressionService],
  exports: [SuppressionService],
})
export class SuppressionModule {}
