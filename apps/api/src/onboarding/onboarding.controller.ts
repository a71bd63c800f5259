import { Body, Controller, Get, HttpCode, Module, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ListQuery, setContentRange } from '../database/list-query';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { AuthModule } from '../auth/auth.module';
import type { Principal } from '../auth/principal';
import { CourseController } from './course.controller';
import { CourseService } from './course.service';
import { HealthProbeRegistry } from './health-probes';
import { OnboardingService } from './onboarding.service';
import { refuseUnknownKeys } from '../common/request-names';

/** The platform operator's onboarding workbench (SPEC O1, O2, O4). `tenant_id` is a slug or id. */
@ApiTags('onboarding')
@Controller('sys/onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  /** The CSM's board (SPEC O3), the operator's home. */
  @Get()
  @RequirePermission('onboarding.manage', { platform: true })
  async board(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.onboarding.board(query);
    setContentRange(reply, 'onboarding', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  /** SPEC O5: `?group_by=quarter|month` (quarter by default). */
  @Get('retrospective')
  @RequirePermission('onboarding.manage', { platform: true })
  retrospective(@Query('group_by') groupBy: string | undefined) {
    return this.onboarding.retrospective(groupBy);
  }

  @Get(':tenant_id')
  @RequirePermission('onboarding.manage', { platform: true })
  get(@Param('tenant_id') tenant: string) {
    return this.onboarding.get(tenant);
  }

  /** Starts a checklist for an existing tenant: `{template: "default" | "pilot"}`. */
  @Post(':tenant_id')
  @HttpCode(201)
  @RequirePermission('onboarding.manage', { platform: true })
  start(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Body() body: { template?: unknown }) {
    refuseUnknownKeys(body ?? {}, ['template']);
    return this.onboarding.startFor(who, tenant, body ?? {});
  }

  @Patch(':tenant_id/steps/:step_id')
  @RequirePermission('onboarding.manage', { platform: true })
  patch(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Param('step_id') step: string, @Body() body: Record<string, unknown>) {
    return this.onboarding.patchStep(who, tenant, step, body ?? {});
  }

  @Post(':tenant_id/health-check')
  @HttpCode(200)
  @RequirePermission('onboarding.manage', { platform: true })
  healthCheck(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string) {
    return this.onboarding.healthCheck(who, tenant);
  }

  @Get(':tenant_id/health-checks')
  @RequirePermission('onboarding.manage', { platform: true })
  history(@Param('tenant_id') tenant: string) {
    return this.onboarding.healthHistory(tenant);
  }
}

@Module({
  imports: [AuthModule],
  controllers: [OnboardingController, CourseController],
  providers: [OnboardingService, HealthProbeRegistry, CourseService],
  exports: [OnboardingService, HealthProbeRegistry, CourseService],
})
export class OnboardingModule {}
