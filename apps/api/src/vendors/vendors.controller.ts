import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { AccountDeepLinkView, DeepLinkOpenView } from '@floor-os/contracts';
import { DeepLinksService } from './deep-links.service';
import type { FastifyReply } from 'fastify';
import { ListQuery, parseListQuery, setContentRange } from '../database/list-query';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { AccountDeepLinkResponse, DeepLinkOpenResponse, VendorCardResponse } from './dto/vendor.response';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { VendorCardView, VendorsService } from './vendors.service';
import { OpenDeepLinkDto } from './dto/open-deep-link.dto';
import { VendorCardDto } from './dto/vendor-card.dto';

/** Settings → Vendors (SPEC V1) with each card's deep link (V2). */
@ApiTags('vendors')
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  @RequirePermission('vendors.read')
  @ApiList(
    VendorCardResponse,
    'vendors',
    'Every vendor card on one page, in catalogue order (filters: vendor, kind, enabled)',
  )
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VendorCardView[]> {
    // Every card fits one page, in catalogue order; the list query is still checked like any other.
    const parsed = parseListQuery(query, {
      fields: { vendor: '', kind: '', enabled: '' },
      defaultSort: ['vendor', 'ASC'],
      maxPageSize: 100,
    });
    const f = parsed.filter;
    const cards = (await this.vendors.list(who)).filter(
      (card) =>
        (f.kind === undefined || card.kind === f.kind) &&
        (f.enabled === undefined || card.enabled === (f.enabled === true || f.enabled === 'true')) &&
        (f.vendor === undefined || card.vendor === f.vendor),
    );
    setContentRange(reply, 'vendors', 0, cards.length, cards.length);
    return cards;
  }

  @Put(':vendor')
  @RequirePermission('vendors.write')
  @ApiOkResponse({ type: VendorCardResponse })
  @ApiErrors(
    [
      400,
      "A field is not valid (`deep_link.*` names the link's), or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)",
    ],
    [404, 'No such vendor (code VENDOR_NOT_FOUND)'],
  )
  put(
    @CurrentPrincipal() who: Principal,
    @Param('vendor') vendor: string,
    @Body() body: VendorCardDto,
  ): Promise<VendorCardView> {
    return this.vendors.put(who, vendor, body);
  }
}

/** AccountDetail's "Open in" buttons (SPEC V3): gate first, the URL only on allow. */
@ApiTags('vendors')
@Controller('api/v1/accounts/:account_id/deep-links')
export class DeepLinksController {
  constructor(private readonly links: DeepLinksService) {}

  @Get()
  @RequirePermission('deep_links.open')
  @ApiOkResponse({ type: [AccountDeepLinkResponse], description: 'The enabled "Open in" buttons, in sort order' })
  @ApiErrors([404, 'No such account (code NOT_FOUND)'])
  list(@CurrentPrincipal() who: Principal, @Param('account_id') accountId: string): Promise<AccountDeepLinkView[]> {
    return this.links.forAccount(who, accountId);
  }

  @Post(':vendor/open')
  @HttpCode(200)
  @RequirePermission('deep_links.open')
  @ApiOkResponse({ type: DeepLinkOpenResponse, description: 'A gated link asks the gate first: the URL only on allow' })
  @ApiErrors(
    [400, 'initiated_by is not valid for this link (code VALIDATION_FAILED)'],
    [404, 'No such account, or no enabled deep link for this vendor (code NOT_FOUND)'],
  )
  open(
    @CurrentPrincipal() who: Principal,
    @Param('account_id') accountId: string,
    @Param('vendor') vendor: string,
    @Body() dto: OpenDeepLinkDto,
  ): Promise<DeepLinkOpenView> {
    return this.links.open(who, accountId, vendor, dto.initiated_by ?? 'collector');
  }
}
