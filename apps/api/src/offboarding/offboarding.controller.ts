import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/request-names';
import { ListQuery, setContentRange } from '../database/list-query';
import { OffboardingCaseDetail, OffboardingCaseView, OffboardingService } from './offboarding.service';

/** HR offboarding cases (SPEC R5, decided detail 28). IT may read a case and act on its keys. */
@ApiTags('offboarding')
@Controller('api/v1/offboarding')
export class OffboardingController {
  constructor(private readonly offboarding: OffboardingService) {}

  @Get()
  @RequirePermission('offboarding.read')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OffboardingCaseView[]> {
    const page = await this.offboarding.list(who, query);
    setContentRange(reply, 'offboarding', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission(['offboarding.read', 'api_keys.write'])
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<OffboardingCaseDetail> {
    return this.offboarding.get(who, id);
  }

  @Post()
  @RequirePermission('offboarding.write')
  open(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<OffboardingCaseDetail> {
    return this.offboarding.open(who, body);
  }

  @Post(':id/api-keys/:key_id')
  @HttpCode(200)
  @RequirePermission(['offboarding.write', 'api_keys.write'])
  keyAction(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Param('key_id', IdParam) keyId: string,
    @Body() body: unknown,
  ): Promise<OffboardingCaseDetail> {
    return this.offboarding.keyAction(who, id, keyId, body);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  reassign(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Body() body: unknown): Promise<OffboardingCaseDetail & { reassigned: number }> {
    return this.offboarding.reassign(who, id, body);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  signOff(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Body() body: unknown): Promise<OffboardingCaseDetail> {
    return this.offboarding.signOff(who, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  cancel(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<OffboardingCaseDetail> {
    return this.offboarding.cancel(who, id);
  }
}
