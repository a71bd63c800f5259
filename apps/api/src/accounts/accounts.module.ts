import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { SuppressionModule } from '../suppression/suppression.module';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), ReadModelModule, SuppressionModule],
  controllers: [AccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
