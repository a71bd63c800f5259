import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { AccountsService, AccountView, BulkResult } from './accounts.service';
import { ConsumerRequestDto } from './dto/consumer-request.dto';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @RequirePermission('accounts.read')
  async list(@CurrentPrincipal() who: Principal, @Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccountView[]> {
    const page = await this.accounts.list(who, query);
    setContentRange(reply, 'accounts', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('accounts.read')
  detail(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.accounts.detail(who, id);
  }

  /** What the consumer said, recorded by an agent (decided detail 8): effective at once, audited. */
  @Post(':id/consumer-requests')
  @HttpCode(200)
  @RequirePermission('consumer_requests.record')
  recordRequest(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: ConsumerRequestDto) {
    return this.accounts.recordConsumerRequest(who, id, dto);
  }

  /** Machine clients' upsert (API key) and the panel's (Tenant Admin, IT). */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiBody({ description: 'An array of accounts: {account_id, phone_number, state, zip, …}' })
  bulk(@CurrentPrincipal() who: Principal, @Body() rows: unknown[]): Promise<BulkResult> {
    return this.accounts.bulk(who, rows);
  }
}
