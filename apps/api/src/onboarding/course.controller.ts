import { Body, Controller, Get, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { CourseService } from './course.service';

/**
 * The operator course tracker (SPEC O7): `/onboarding-progress` in the panel. Platform operators only;
 * `{user_id}` is an operator's id or `me`.
 */
@ApiTags('onboarding')
@Controller('sys/operators')
export class CourseController {
  constructor(private readonly course: CourseService) {}

  @Get()
  @RequirePermission('onboarding.manage', { platform: true })
  async list(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.course.operators(query);
    setContentRange(reply, 'operators', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':user_id/course')
  @RequirePermission('onboarding.manage', { platform: true })
  progress(@CurrentPrincipal() who: Principal, @Param('user_id') user: string) {
    return this.course.progress(who, user);
  }

  /** `{done: boolean}`: operators tick their own tasks; a mentor may untick. */
  @Put(':user_id/course/tasks/:slug')
  @RequirePermission('onboarding.manage', { platform: true })
  tick(@CurrentPrincipal() who: Principal, @Param('user_id') user: string, @Param('slug') slug: string, @Body() body: Record<string, unknown>) {
    return this.course.tick(who, user, slug, body ?? {});
  }

  /** `{signed: boolean, note?: string}`: a mentor signs a checkpoint, or withdraws the sign-off with what to redo. */
  @Put(':user_id/course/checkpoints/:slug')
  @RequirePermission('onboarding.manage', { platform: true })
  signOff(@CurrentPrincipal() who: Principal, @Param('user_id') user: string, @Param('slug') slug: string, @Body() body: Record<string, unknown>) {
    return this.course.signOff(who, user, slug, body ?? {});
  }

  /** `{autonomous: boolean}` on the operator's profile (decided detail 20), set by a mentor. */
  @Patch(':user_id/profile')
  @RequirePermission('onboarding.manage', { platform: true })
  profile(@CurrentPrincipal() who: Principal, @Param('user_id') user: string, @Body() body: Record<string, unknown>) {
    return this.course.setProfile(who, user, body ?? {});
  }
}
