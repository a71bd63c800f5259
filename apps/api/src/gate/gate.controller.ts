import { BadRequestException, Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal, tenantOf } from '../auth/principal';
import { ChannelQueryDto, ContactCheckDto, PanelContactCheckDto } from './dto/contact-check.dto';
import { ContactCheckAnswer, GateService } from './gate.service';
import { AgentDirectory } from './agent-directory';

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
  check(@CurrentPrincipal() who: Principal, @Body() dto: ContactCheckDto, @Query() query: ChannelQueryDto): Promise<ContactCheckAnswer> {
    if (dto.channel && query.channel && dto.channel !== query.channel) {
      throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: { channel: ['channel differs between body and query'] } });
    }
    const channel = dto.channel ?? query.channel;
    if (!channel) {
      throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: { channel: ['channel must be one of voice, sms, email, payment (body or query)'] } });
    }
    return this.gate.check({
      tenantId: tenantOf(who),
      accountId: dto.account_id,
      channel,
      dialMode: dto.dial_mode ?? (channel === 'voice' ? 'automated' : 'manual'),
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
  async checkFromPanel(@CurrentPrincipal() who: Principal, @Body() dto: PanelContactCheckDto): Promise<ContactCheckAnswer> {
    return this.gate.check({
      tenantId: tenantOf(who),
      accountId: dto.account_id,
      channel: dto.channel,
      dialMode: dto.dial_mode ?? 'manual',
      agentId: await this.agents.agentIdOf(who.id),
      phoneNumber: this.gate.normalisePhone(dto.phone_number),
      source: 'panel',
      principalId: who.id,
    });
  }
}
