import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { AuditEntryResponse } from './dto/audit-entry.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { AuditEntryView, AdminChangesService } from './admin-changes.service';

/** Read-only by design: the audit log has no update or delete route. */
@ApiTags('admin audit log')
@Controller('api/v1/audit-log')
export class AdminChangesController {
  constructor(private readonly auditLog: AdminChangesService) {}

  @Get()
  @RequirePermission('admin_audit.read')
  @ApiList(AuditEntryResponse, 'audit-log', 'One page of administrative changes, newest first')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEntryView[]> {
    const page = await this.auditLog.list(who, query);
    setContentRange(reply, 'audit-log', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('admin_audit.read')
  @ApiOkResponse({ type: AuditEntryResponse })
  @ApiErrors(404)
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<AuditEntryView> {
    return this.auditLog.get(who, id);
  }
}
