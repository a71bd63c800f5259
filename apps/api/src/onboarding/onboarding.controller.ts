import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ListQuery, setContentRange } from '../database/list-query';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import {
  HealthCheckResponse,
  HealthCheckRunResponse,
  OnboardingBoardRowResponse,
  OnboardingChecklistResponse,
  OnboardingRetrospectiveResponse,
} from './dto/onboarding.response';
import { OnboardingStepPatchDto, StartOnboardingDto } from './dto/onboarding.dto';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { OnboardingService } from './onboarding.service';

/** The platform operator's onboarding workbench (SPEC O1, O2, O4). `tenant_id` is a slug or id. */
@ApiTags('onboarding')
@Controller('sys/onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  /** The CSM's board (SPEC O3), the operator's home. */
  @Get()
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiList(
    OnboardingBoardRowResponse,
    'onboarding',
    'The board: every onboarding (filters: state, blocked, overdue, template, assignee_id, current_step, q)',
  )
  async board(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.onboarding.board(query);
    setContentRange(reply, 'onboarding', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  /** SPEC O5: `?group_by=quarter|month` (quarter by default). */
  @Get('retrospective')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiQuery({ name: 'group_by', required: false, enum: ['quarter', 'month'] })
  @ApiOkResponse({ type: OnboardingRetrospectiveResponse })
  @ApiErrors([400, 'group_by is not quarter or month (code VALIDATION_FAILED)'])
  retrospective(@Query('group_by') groupBy: string | undefined) {
    return this.onboarding.retrospective(groupBy);
  }

  @Get(':tenant_id')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: OnboardingChecklistResponse })
  @ApiErrors([404, 'No such tenant, or it has no onboarding checklist (code NOT_FOUND)'])
  get(@Param('tenant_id') tenant: string) {
    return this.onboarding.get(tenant);
  }

  /** Starts a checklist for an existing tenant: `{template: "default" | "pilot"}`. */
  @Post(':tenant_id')
  @HttpCode(201)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiBody({ type: StartOnboardingDto, required: false })
  @ApiCreatedResponse({ type: OnboardingChecklistResponse, description: 'The checklist, started from the template' })
  @ApiErrors(
    [400, 'template is not default or pilot, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, 'No such tenant (slug or id) (code NOT_FOUND)'],
    [409, 'The tenant already has a checklist (code ALREADY_STARTED)'],
  )
  start(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Body() body: StartOnboardingDto) {
    return this.onboarding.startFor(who, tenant, body ?? {});
  }

  @Patch(':tenant_id/steps/:step_id')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({
    type: OnboardingChecklistResponse,
    description: 'The checklist with the step changed (`step_id` is its key or id)',
  })
  @ApiErrors(
    [400, 'A field is not valid (code VALIDATION_FAILED)'],
    [404, 'No such tenant, checklist or step (code NOT_FOUND)'],
    [409, 'The step machine refused the change: `code` and `message` say why'],
  )
  patch(
    @CurrentPrincipal() who: Principal,
    @Param('tenant_id') tenant: string,
    @Param('step_id') step: string,
    @Body() body: OnboardingStepPatchDto,
  ) {
    return this.onboarding.patchStep(who, tenant, step, body ?? {});
  }

  @Post(':tenant_id/health-check')
  @HttpCode(200)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: HealthCheckResponse, description: 'Every probe run now; the run is kept' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such tenant (slug or id) (code NOT_FOUND)'],
  )
  healthCheck(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string) {
    return this.onboarding.healthCheck(who, tenant);
  }

  @Get(':tenant_id/health-checks')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: [HealthCheckRunResponse], description: 'The last 50 runs, newest first' })
  @ApiErrors([404, 'No such tenant (slug or id) (code NOT_FOUND)'])
  history(@Param('tenant_id') tenant: string) {
    return this.onboarding.healthHistory(tenant);
  }
}
