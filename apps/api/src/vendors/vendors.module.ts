import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DeepLinksService } from './deep-links.service';
import { VendorsService } from './vendors.service';
import { VendorsController, DeepLinksController } from './vendors.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VendorCard } from './vendor-card.entity';

@Module({
  imports: [TypeOrmModule.forFeature([VendorCard]), AccountsModule],
  controllers: [VendorsController, DeepLinksController],
  providers: [VendorsService, DeepLinksService],
  exports: [VendorsService],
})
export class VendorsModule {}
