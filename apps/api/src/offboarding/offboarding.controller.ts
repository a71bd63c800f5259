import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import {
  OffboardingCaseDetailResponse,
  OffboardingCaseResponse,
  OffboardingReassignResponse,
} from './dto/offboarding.response';
import {
  OffboardingKeyActionDto,
  OffboardingReassignDto,
  OffboardingSignOffDto,
  OpenOffboardingDto,
} from './dto/offboarding.dto';
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
  @ApiList(OffboardingCaseResponse, 'offboarding')
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
  @ApiOkResponse({ type: OffboardingCaseDetailResponse })
  @ApiErrors([404, 'No such case for this tenant (code NOT_FOUND)'])
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<OffboardingCaseDetail> {
    return this.offboarding.get(who, id);
  }

  @Post()
  @RequirePermission('offboarding.write')
  @ApiCreatedResponse({
    type: OffboardingCaseDetailResponse,
    description: 'The case, open: the user can no longer sign in and every session ended',
  })
  @ApiErrors(
    [400, 'A field is missing or not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, 'No such user in this tenant (code NOT_FOUND)'],
    [
      409,
      'Not for yourself (code SELF_LOCKOUT); a case is open already (code CASE_OPEN); the user is disabled (code USER_DISABLED) or the only active Tenant Admin (code ONLY_TENANT_ADMIN)',
    ],
  )
  open(@CurrentPrincipal() who: Principal, @Body() body: OpenOffboardingDto): Promise<OffboardingCaseDetail> {
    return this.offboarding.open(who, body);
  }

  @Post(':id/api-keys/:key_id')
  @HttpCode(200)
  @RequirePermission(['offboarding.write', 'api_keys.write'])
  @ApiOkResponse({ type: OffboardingCaseDetailResponse })
  @ApiErrors(
    [400, 'action or to_user_id is not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, "No such case, or the key is not among the user's active keys (code NOT_FOUND)"],
    [409, 'The case is closed (code CASE_CLOSED)'],
  )
  keyAction(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Param('key_id', IdParam) keyId: string,
    @Body() body: OffboardingKeyActionDto,
  ): Promise<OffboardingCaseDetail> {
    return this.offboarding.keyAction(who, id, keyId, body);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  @ApiOkResponse({
    type: OffboardingReassignResponse,
    description: "The case, and how many of the user's accounts moved",
  })
  @ApiErrors(
    [
      400,
      'agent_id is not an active agent of this tenant, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    [404, 'No such case for this tenant (code NOT_FOUND)'],
    [409, 'The case is closed (code CASE_CLOSED)'],
  )
  reassign(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Body() body: OffboardingReassignDto,
  ): Promise<OffboardingCaseDetail & { reassigned: number }> {
    return this.offboarding.reassign(who, id, body);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  @ApiBody({ type: OffboardingSignOffDto, required: false })
  @ApiOkResponse({ type: OffboardingCaseDetailResponse, description: 'The case, signed off: the user is disabled' })
  @ApiErrors(
    [400, 'note is not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, 'No such case for this tenant (code NOT_FOUND)'],
    [
      409,
      'Keys, accounts or disputes are still left with the user (code CASE_NOT_CLEAR), or the case is closed (code CASE_CLOSED)',
    ],
  )
  signOff(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Body() body: OffboardingSignOffDto,
  ): Promise<OffboardingCaseDetail> {
    return this.offboarding.signOff(who, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('offboarding.write')
  @ApiOkResponse({
    type: OffboardingCaseDetailResponse,
    description: "The case, cancelled: the user's earlier status is back",
  })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such case for this tenant (code NOT_FOUND)'],
    [409, 'The case is closed (code CASE_CLOSED)'],
  )
  cancel(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<OffboardingCaseDetail> {
    return this.offboarding.cancel(who, id);
  }
}
