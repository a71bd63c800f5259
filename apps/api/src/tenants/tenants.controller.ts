import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  async list(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantView[]> {
    const page = await this.tenants.list(query);
    setContentRange(reply, 'tenants', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('tenants.read', { platform: true })
  get(@Param('id') id: string): Promise<TenantView> {
    return this.tenants.get(id);
  }

  @Post()
  @RequirePermission('tenants.write', { platform: true })
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateTenantDto): Promise<TenantView> {
    return this.tenants.create(who, dto);
  }

  @Put(':id')
  @RequirePermission('tenants.write', { platform: true })
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateTenantDto): Promise<TenantView> {
    return this.tenants.update(who, id, dto);
  }

  @Delete(':id')
  @RequirePermission('tenants.write', { platform: true })
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
  get(@CurrentPrincipal() who: Principal): Promise<TenantView> {
    return this.tenants.getOwn(who);
  }

  @Put('tenant')
  @RequirePermission('tenant_settings.write')
  update(@CurrentPrincipal() who: Principal, @Body() dto: UpdateOwnTenantDto): Promise<TenantView> {
    return this.tenants.updateOwn(who, dto);
  }

  @Get('compliance/rules')
  @RequirePermission(['tenant_settings.read', 'audit_trail.read'])
  rules(@CurrentPrincipal() who: Principal) {
    return this.tenants.getRuleSettings(who);
  }

  /** Body: `{disabled?: string[], caps?: {REG_F_7IN7?: n, …}, call_window?: {start_hour, end_hour}, connected_counts_as_conversation?: boolean}`. */
  @Put('compliance/rules')
  @RequirePermission('enforcement.switch')
  setRules(@CurrentPrincipal() who: Principal, @Body() body: Record<string, unknown>) {
    return this.tenants.setRuleSettings(who, body);
  }

  @Put('compliance/enforcement')
  @RequirePermission('enforcement.switch')
  setEnforcement(@CurrentPrincipal() who: Principal, @Body() dto: EnforcementDto): Promise<TenantView> {
    return this.tenants.setEnforcement(who, dto.mode);
  }
}
