import { Body, Controller, Get, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { CourseProgressResponse, OperatorRowResponse } from './dto/course.response';
import { CourseSignOffDto, CourseTickDto, OperatorProfileDto } from './dto/course.dto';
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
  @ApiList(OperatorRowResponse, 'operators', 'Platform operators and their course progress (filters: autonomous, q)')
  async list(@Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.course.operators(query);
    setContentRange(reply, 'operators', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':user_id/course')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: CourseProgressResponse })
  @ApiErrors([404, "No such operator (`user_id` is an operator's id or `me`) (code NOT_FOUND)"])
  progress(@CurrentPrincipal() who: Principal, @Param('user_id') user: string) {
    return this.course.progress(who, user);
  }

  /** `{done: boolean}`: operators tick their own tasks; a mentor may untick. */
  @Put(':user_id/course/tasks/:slug')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: CourseProgressResponse })
  @ApiErrors(
    [400, 'done is not true or false, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [
      403,
      'Not for you to do: only the operator ticks their own tasks, only a mentor signs (codes NOT_YOUR_TASK, SELF_SIGN_OFF, SELF_AUTONOMY)',
    ],
    [404, 'No such operator or task (code NOT_FOUND)'],
    [409, 'The course rules refuse the change: `code` says why'],
  )
  tick(
    @CurrentPrincipal() who: Principal,
    @Param('user_id') user: string,
    @Param('slug') slug: string,
    @Body() body: CourseTickDto,
  ) {
    return this.course.tick(who, user, slug, body);
  }

  /** `{signed: boolean, note?: string}`: a mentor signs a checkpoint, or withdraws the sign-off with what to redo. */
  @Put(':user_id/course/checkpoints/:slug')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: CourseProgressResponse })
  @ApiErrors(
    [400, 'signed or note is not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [
      403,
      'Not for you to do: only the operator ticks their own tasks, only a mentor signs (codes NOT_YOUR_TASK, SELF_SIGN_OFF, SELF_AUTONOMY)',
    ],
    [404, 'No such operator or checkpoint (code NOT_FOUND)'],
    [409, "The checkpoint's tasks or earlier checkpoints are not done, or a withdrawal has no note: `code` says which"],
  )
  signOff(
    @CurrentPrincipal() who: Principal,
    @Param('user_id') user: string,
    @Param('slug') slug: string,
    @Body() body: CourseSignOffDto,
  ) {
    return this.course.signOff(who, user, slug, body);
  }

  /** `{autonomous: boolean}` on the operator's profile (decided detail 20), set by a mentor. */
  @Patch(':user_id/profile')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: CourseProgressResponse })
  @ApiErrors(
    [400, 'autonomous is not true or false, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [
      403,
      'Not for you to do: only the operator ticks their own tasks, only a mentor signs (codes NOT_YOUR_TASK, SELF_SIGN_OFF, SELF_AUTONOMY)',
    ],
    [404, "No such operator (`user_id` is an operator's id or `me`) (code NOT_FOUND)"],
    [409, 'C1–C5 are not all signed (code in `code`)'],
  )
  profile(@CurrentPrincipal() who: Principal, @Param('user_id') user: string, @Body() body: OperatorProfileDto) {
    return this.course.setProfile(who, user, body);
  }
}
