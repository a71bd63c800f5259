import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { AccountBulkRow, AccountDetailResponse, AccountResponse, BulkResultResponse } from './dto/account.response';
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
  @ApiList(AccountResponse, 'accounts')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountView[]> {
    const page = await this.accounts.list(who, query);
    setContentRange(reply, 'accounts', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('accounts.read')
  @ApiOkResponse({ type: AccountDetailResponse, description: '`id` is the account id or the internal id' })
  @ApiErrors(404)
  detail(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.accounts.detail(who, id);
  }

  /** What the consumer said, recorded by an agent (decided detail 8): effective at once, audited. */
  @Post(':id/consumer-requests')
  @HttpCode(200)
  @RequirePermission('consumer_requests.record')
  @ApiOkResponse({
    type: AccountResponse,
    description: 'The account with the request in effect (for the very next gate check)',
  })
  @ApiErrors([400, 'kind or a field it needs is missing or not valid (code VALIDATION_FAILED)'], 404)
  recordRequest(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: ConsumerRequestDto) {
    return this.accounts.recordConsumerRequest(who, id, dto);
  }

  /** Machine clients' upsert (API key) and the panel's (Tenant Admin, IT). */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiBody({
    type: [AccountBulkRow],
    description: 'An array of at most 5,000 accounts: {account_id, phone_number, state, zip, …}',
  })
  @ApiOkResponse({
    type: BulkResultResponse,
    description: 'Valid rows written in one transaction; refused rows named by index',
  })
  @ApiErrors(
    [400, 'The body is not a JSON array (code VALIDATION_FAILED)'],
    [413, 'More than 5,000 accounts (code TOO_MANY_ROWS), or a body over 1 MiB'],
  )
  bulk(@CurrentPrincipal() who: Principal, @Body() rows: unknown[]): Promise<BulkResult> {
    return this.accounts.bulk(who, rows);
  }
}
