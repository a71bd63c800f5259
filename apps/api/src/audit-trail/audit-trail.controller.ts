import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { AuditTrailService } from './audit-trail.service';
import { CreateAnnotationDto, ResolveDisputeDto } from './dto/annotation.dto';

/** AuditTrail (SPEC A1–A4). There is no route that changes or deletes a decision. */
@ApiTags('audit trail')
@Controller('api/v1')
export class AuditTrailController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get('decisions')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  async list(@CurrentPrincipal() who: Principal, @Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.trail.list(who, query);
    setContentRange(reply, 'decisions', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('compliance/audit/:audit_id')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  drilldown(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string) {
    return this.trail.drilldown(who, auditId);
  }

  /** Same drill-down under the list's resource name, for react-admin's `getOne('decisions', …)`. */
  @Get('decisions/:audit_id')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  getOne(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string) {
    return this.trail.drilldown(who, auditId);
  }

  @Post('compliance/audit/:audit_id/annotations')
  @RequirePermission('decisions.annotate')
  annotate(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string, @Body() dto: CreateAnnotationDto) {
    return this.trail.annotate(who, auditId, dto);
  }

  @Get('compliance/drilldowns')
  @RequirePermission('audit_trail.read')
  drilldowns(@CurrentPrincipal() who: Principal) {
    return this.trail.drilldownsPerWeek(who);
  }

  @Get('disputes')
  @RequirePermission('disputes.read')
  async disputes(@CurrentPrincipal() who: Principal, @Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.trail.listDisputes(who, query);
    setContentRange(reply, 'disputes', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('disputes/:id')
  @RequirePermission('disputes.read')
  dispute(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string) {
    return this.trail.getDispute(who, id);
  }

  @Put('disputes/:id')
  @RequirePermission('disputes.resolve')
  resolve(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Body() dto: ResolveDisputeDto) {
    return this.trail.resolveDispute(who, id, dto);
  }
}
