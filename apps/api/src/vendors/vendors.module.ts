import { Module } from '@nestjs/common';
import { DeepLinksService } from './deep-links.service';
import { VendorsService } from './vendors.service';
import { VendorsController, DeepLinksController } from './vendors.controller';

@Module({
  controllers: [VendorsController, DeepLinksController],
  providers: [VendorsService, DeepLinksService],
  exports: [VendorsService],
})
export class VendorsModule {}
