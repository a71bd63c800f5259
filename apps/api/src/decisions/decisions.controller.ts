import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import {
  AnnotationResponse,
  DisputeResponse,
  DecisionDetailResponse,
  DecisionResponse,
  DrilldownWeekResponse,
} from './dto/decision.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { DecisionsService } from './decisions.service';
import { CreateAnnotationDto, ResolveDisputeDto } from './dto/annotation.dto';

/** AuditTrail (SPEC A1–A4). There is no route that changes or deletes a decision. */
@ApiTags('audit trail')
@Controller('api/v1')
export class DecisionsController {
  constructor(private readonly trail: DecisionsService) {}

  @Get('decisions')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  @ApiList(
    DecisionResponse,
    'decisions',
    'One page of gate decisions, newest first (filters: channel, outcome, rule_id, agent_id, account_id, mode, source, initiated_by, created_at_gte, created_at_lte, q)',
  )
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.trail.list(who, query);
    setContentRange(reply, 'decisions', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('compliance/audit/:audit_id')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  @ApiOkResponse({ type: DecisionDetailResponse, description: 'The decision in full (counted as an audit drill-down)' })
  @ApiErrors([404, "No such decision for this tenant, or (team audit) not one of your team's (code NOT_FOUND)"])
  drilldown(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string) {
    return this.trail.drilldown(who, auditId);
  }

  /** Same drill-down under the list's resource name, for react-admin's `getOne('decisions', …)`. */
  @Get('decisions/:audit_id')
  @RequirePermission(['audit_trail.read', 'team_audit.read'])
  @ApiOkResponse({ type: DecisionDetailResponse, description: 'The decision in full (counted as an audit drill-down)' })
  @ApiErrors([404, "No such decision for this tenant, or (team audit) not one of your team's (code NOT_FOUND)"])
  getOne(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string) {
    return this.trail.drilldown(who, auditId);
  }

  @Post('compliance/audit/:audit_id/annotations')
  @RequirePermission('decisions.annotate')
  @ApiCreatedResponse({ type: AnnotationResponse, description: 'The note, open; the decision itself never changes' })
  @ApiErrors(
    [400, 'note or category is missing or not valid (code VALIDATION_FAILED)'],
    [404, 'No such decision for this tenant (code NOT_FOUND)'],
  )
  annotate(@CurrentPrincipal() who: Principal, @Param('audit_id') auditId: string, @Body() dto: CreateAnnotationDto) {
    return this.trail.annotate(who, auditId, dto);
  }

  @Get('compliance/drilldowns')
  @RequirePermission('audit_trail.read')
  @ApiOkResponse({
    type: [DrilldownWeekResponse],
    description: 'Audit drill-downs per ISO week over the last 8 weeks, newest first',
  })
  drilldowns(@CurrentPrincipal() who: Principal) {
    return this.trail.drilldownsPerWeek(who);
  }

  @Get('disputes')
  @RequirePermission('disputes.read')
  @ApiList(
    DisputeResponse,
    'disputes',
    'One page of annotations and disputes (filters: status, category, routed_to, audit_id, q)',
  )
  async disputes(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.trail.listDisputes(who, query);
    setContentRange(reply, 'disputes', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('disputes/:id')
  @RequirePermission('disputes.read')
  @ApiOkResponse({ type: DisputeResponse })
  @ApiErrors(404)
  dispute(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string) {
    return this.trail.getDispute(who, id);
  }

  @Put('disputes/:id')
  @RequirePermission('disputes.resolve')
  @ApiOkResponse({ type: DisputeResponse })
  @ApiErrors([400, 'status or resolution is not valid (code VALIDATION_FAILED)'], 404)
  resolve(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Body() dto: ResolveDisputeDto) {
    return this.trail.resolveDispute(who, id, dto);
  }
}
