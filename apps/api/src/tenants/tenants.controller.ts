import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { RuleSettingsResponse } from './dto/rule-settings.response';
import { RuleSettingsDto } from './dto/rule-settings.dto';
import { CreatedTenantResponse, TenantResponse } from './dto/tenant.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { CreateTenantDto, EnforcementDto, UpdateOwnTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantView } from './tenants.mapper';
import { TenantsService } from './tenants.service';

/** Platform operators' tenant administration (SPEC T1). `:id` is the slug or the id. */
@ApiTags('tenants')
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @RequirePermission('tenants.read', { platform: true })
  @ApiList(TenantResponse, 'tenants')
  async list(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantView[]> {
    const page = await this.tenants.list(query);
    setContentRange(reply, 'tenants', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('tenants.read', { platform: true })
  @ApiOkResponse({ type: TenantResponse })
  @ApiErrors([404, 'No such tenant (`id` is the slug or the id) (code NOT_FOUND)'])
  get(@Param('id') id: string): Promise<TenantView> {
    return this.tenants.get(id);
  }

  @Post()
  @RequirePermission('tenants.write', { platform: true })
  @ApiCreatedResponse({
    type: CreatedTenantResponse,
    description: "The tenant (with admin_email, its Tenant Admin's invitation is created)",
  })
  @ApiErrors(
    [400, 'A field is missing or not valid (code VALIDATION_FAILED)'],
    [409, 'The slug is taken (code SLUG_TAKEN), or the admin email is (code EMAIL_TAKEN)'],
  )
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateTenantDto): Promise<TenantView> {
    return this.tenants.create(who, dto);
  }

  @Put(':id')
  @RequirePermission('tenants.write', { platform: true })
  @ApiOkResponse({ type: TenantResponse })
  @ApiErrors(
    [400, 'A field is not valid (code VALIDATION_FAILED)'],
    [404, 'No such tenant (`id` is the slug or the id) (code NOT_FOUND)'],
    [409, 'Personas still held by users cannot be switched off (code PERSONA_IN_USE)'],
  )
  update(
    @CurrentPrincipal() who: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateTenantDto,
  ): Promise<TenantView> {
    return this.tenants.update(who, id, dto);
  }

  @Delete(':id')
  @RequirePermission('tenants.write', { platform: true })
  @ApiOkResponse({
    type: TenantResponse,
    description: 'The tenant as it was, deleted with its users, keys, sessions and invitations',
  })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such tenant (`id` is the slug or the id) (code NOT_FOUND)'],
    [409, 'The tenant has signed gap reports or stored weekly reviews, which are kept (code TENANT_HAS_SNAPSHOTS)'],
  )
  remove(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<TenantView> {
    return this.tenants.remove(who, id);
  }
}

/** The tenant in context, for its own admins. */
@ApiTags('tenants')
@Controller('api/v1')
export class TenantSettingsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get('tenant')
  @RequirePermission('tenant_settings.read')
  @ApiOkResponse({ type: TenantResponse, description: 'The tenant in context' })
  get(@CurrentPrincipal() who: Principal): Promise<TenantView> {
    return this.tenants.getOwn(who);
  }

  @Put('tenant')
  @RequirePermission('tenant_settings.write')
  @ApiOkResponse({ type: TenantResponse })
  @ApiErrors(
    [400, 'A field is not valid (code VALIDATION_FAILED)'],
    [409, 'Personas still held by users cannot be switched off (code PERSONA_IN_USE)'],
  )
  update(@CurrentPrincipal() who: Principal, @Body() dto: UpdateOwnTenantDto): Promise<TenantView> {
    return this.tenants.updateOwn(who, dto);
  }

  @Get('compliance/rules')
  @RequirePermission(['tenant_settings.read', 'audit_trail.read'])
  @ApiOkResponse({ type: RuleSettingsResponse })
  rules(@CurrentPrincipal() who: Principal) {
    return this.tenants.getRuleSettings(who);
  }

  /** Body: `{disabled?: string[], caps?: {REG_F_7IN7?: n, …}, call_window?: {start_hour, end_hour}, connected_counts_as_conversation?: boolean}`. */
  @Put('compliance/rules')
  @RequirePermission('enforcement.switch')
  @ApiOkResponse({ type: RuleSettingsResponse, description: 'The settings as stored; the gate applies them at once' })
  @ApiErrors([
    400,
    'A mandatory rule switched off or loosened, or a value out of range: `fields` says which (code RULE_SETTINGS_REFUSED); a field that is not a rule setting, or no body (codes UNKNOWN_FIELD, VALIDATION_FAILED)',
  ])
  setRules(@CurrentPrincipal() who: Principal, @Body() body: RuleSettingsDto) {
    return this.tenants.setRuleSettings(who, body);
  }

  @Put('compliance/enforcement')
  @RequirePermission('enforcement.switch')
  @ApiOkResponse({ type: TenantResponse, description: 'The tenant in its new mode' })
  @ApiErrors([400, 'mode is not shadow or enforce (code VALIDATION_FAILED)'])
  setEnforcement(@CurrentPrincipal() who: Principal, @Body() dto: EnforcementDto): Promise<TenantView> {
    return this.tenants.setEnforcement(who, dto.mode);
  }
}
