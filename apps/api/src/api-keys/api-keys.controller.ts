import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { ApiKeysService, ApiKeyView, CreatedApiKey } from './api-keys.service';
import { CreateApiKeyDto } from './dto/api-key.dto';

/** Settings → API keys (SPEC K1). DELETE revokes; the row stays for the record. */
@ApiTags('api keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequirePermission('api_keys.read')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyView[]> {
    const page = await this.apiKeys.list(who, query);
    setContentRange(reply, 'api-keys', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('api_keys.read')
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<ApiKeyView> {
    return this.apiKeys.get(who, id);
  }

  @Post()
  @RequirePermission('api_keys.write')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(who, dto.label);
  }

  @Post(':id/rotate')
  @RequirePermission('api_keys.write')
  rotate(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<CreatedApiKey> {
    return this.apiKeys.rotate(who, id);
  }

  @Delete(':id')
  @RequirePermission('api_keys.write')
  revoke(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(who, id);
  }
}
