import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBody, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal, tenantOf } from '../auth/principal';
import {
  assertInitiatedBy,
  CHECK_CHANNELS,
  ContactCheckDto,
  INITIATED_BY_DOC,
  INITIATORS,
  PanelContactCheckDto,
} from './dto/contact-check.dto';
import { ContactCheckAnswerResponse } from './dto/contact-check.response';
import { ContactCheckBody, ContactCheckQuery, validateContactCheck } from './dto/contact-check.validate';
import { ContactCheckAnswer, GateService } from './gate.service';
import { AgentDirectory } from './agent-directory';

/** The contact check's request: the guard has set the principal; body and query are checked by hand. */
type GateRequest = FastifyRequest<{ Body: ContactCheckBody; Querystring: ContactCheckQuery }> & {
  principal: Principal;
};

@ApiTags('compliance gate')
@Controller('api/v1/compliance')
export class GateController {
  constructor(
    private readonly gate: GateService,
    private readonly agents: AgentDirectory,
  ) {}

  /** The dialers' hot path (SPEC G1): ask before every call, text, email or payment request. */
  @Post('contact-check')
  @HttpCode(200)
  @RequirePermission('deep_links.open', { apiKey: true })
  @ApiBody({ type: ContactCheckDto })
  @ApiQuery({ name: 'channel', required: false, enum: CHECK_CHANNELS })
  @ApiQuery({ name: 'initiated_by', required: false, enum: INITIATORS, description: INITIATED_BY_DOC })
  @ApiOkResponse({
    type: ContactCheckAnswerResponse,
    description: 'The decision, recorded in the audit trail under audit_id',
  })
  @ApiErrors(
    [
      400,
      'A field is missing or not valid, body and query disagree, or initiated_by consumer on sms or email (code VALIDATION_FAILED)',
    ],
    413,
  )
  check(@Req() request: GateRequest): Promise<ContactCheckAnswer> {
    // Checked by hand (same rules and messages as ContactCheckDto): the generic pipe costs too much on the
    // hot path. The handler takes the request itself, which Nest hands over without running the global
    // pipe at all (body, query and principal would each go through it, for nothing: they are not DTOs).
    const who = request.principal;
    const dto = validateContactCheck(request.body, request.query);
    const channel = dto.channel;
    return this.gate.check({
      tenantId: tenantOf(who),
      accountId: dto.account_id,
      channel,
      // An inbound call is not dialled: automated is the default only for a call the collector places.
      dialMode: dto.dial_mode ?? (channel === 'voice' && dto.initiated_by === 'collector' ? 'automated' : 'manual'),
      initiatedBy: dto.initiated_by,
      agentId: dto.agent_id ?? null,
      phoneNumber: this.gate.normalisePhone(dto.phone_number),
      source: who.kind === 'api_key' ? 'api' : 'panel',
      principalId: who.id,
    });
  }

  /** The panel's "Open in" door (SPEC G9): same engine, same audit, the signed-in agent recorded. */
  @Post('contact-check/session')
  @HttpCode(200)
  @RequirePermission('deep_links.open')
  @ApiOkResponse({
    type: ContactCheckAnswerResponse,
    description: 'The decision, recorded in the audit trail under audit_id',
  })
  @ApiErrors(
    [400, 'A field is missing or not valid, or initiated_by consumer on sms or email (code VALIDATION_FAILED)'],
    413,
  )
  async checkFromPanel(
    @CurrentPrincipal() who: Principal,
    @Body() dto: PanelContactCheckDto,
  ): Promise<ContactCheckAnswer> {
    assertInitiatedBy(dto.channel, dto.initiated_by);
    return this.gate.check({
      tenantId: tenantOf(who),
      accountId: dto.account_id,
      channel: dto.channel,
      dialMode: dto.dial_mode ?? 'manual',
      initiatedBy: dto.initiated_by ?? 'collector',
      agentId: await this.agents.agentIdOf(who.id),
      phoneNumber: this.gate.normalisePhone(dto.phone_number),
      source: 'panel',
      principalId: who.id,
    });
  }
}
