import { Body, Controller, Get, Module, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { setContentRange } from '../database/list-query';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { VendorCardView, VendorsService } from './vendors.service';

/** Settings → Vendors (SPEC V1). Deep links (V2) arrive with their issue. */
@ApiTags('vendors')
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  @RequirePermission('vendors.read')
  async list(@CurrentPrincipal() who: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<VendorCardView[]> {
    const cards = await this.vendors.list(who);
    setContentRange(reply, 'vendors', 0, cards.length, cards.length);
    return cards;
  }

  @Put(':vendor')
  @RequirePermission('vendors.write')
  put(@CurrentPrincipal() who: Principal, @Param('vendor') vendor: string, @Body() body: Record<string, unknown>): Promise<VendorCardView> {
    return this.vendors.put(who, vendor, body);
  }
}

@Module({ controllers: [VendorsController], providers: [VendorsService], exports: [VendorsService] })
export class VendorsModule {}
