import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
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
  @ApiList(ApiKeyResponse, 'api-keys')
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
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiErrors(404)
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<ApiKeyView> {
    return this.apiKeys.get(who, id);
  }

  @Post()
  @RequirePermission('api_keys.write')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key, with its secret shown this once' })
  @ApiErrors([400, 'label is missing or not valid (code VALIDATION_FAILED)'])
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(who, dto.label);
  }

  @Post(':id/rotate')
  @RequirePermission('api_keys.write')
  @ApiCreatedResponse({
    type: CreatedApiKeyResponse,
    description: 'The new key, with its secret shown this once; the old one is revoked',
  })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such key, or it is already revoked (code NOT_FOUND)'],
  )
  rotate(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<CreatedApiKey> {
    return this.apiKeys.rotate(who, id);
  }

  @Delete(':id')
  @RequirePermission('api_keys.write')
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, revoked (the row stays for the record)' })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'], 404)
  revoke(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(who, id);
  }
}
