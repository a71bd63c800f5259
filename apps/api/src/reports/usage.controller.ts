import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile } from '../common/openapi';
import { UsageDecisionResponse, UsageReportResponse } from './dto/usage.response';
import { UsageDecisionDto, UsageQueryDto, UsageReadoutQueryDto } from './dto/usage.dto';
import type { UsageReport } from '@floor-os/contracts';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UsageService } from './usage.service';

/**
 * The usage readout (SPEC P4) and the pilot's milestone decisions (M1.3–M1.5). Read with `reports.read`
 * (Compliance Director, Executive, Tenant Admin, platform operators in the tenant they switched to); the
 * decision is recorded with `usage_decision.write` (Executive, Tenant Admin, platform operators).
 */
@ApiTags('reports')
@Controller('api/v1/reports/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @RequirePermission('reports.read')
  @ApiOkResponse({ type: UsageReportResponse })
  @ApiErrors([
    400,
    'from or to is not an instant, from is not before to, the window is longer than 53 weeks, or another query key is sent (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
  ])
  readout(@CurrentPrincipal() who: Principal, @Query() query: UsageQueryDto): Promise<UsageReport> {
    return this.usage.readout(who, query);
  }

  @Get('readout.pdf')
  @RequirePermission('reports.read')
  @ApiFile('application/pdf', 'The usage readout as of day 30, 60 or 90, on one page')
  @ApiErrors([400, 'day is not 30, 60 or 90, or another query key is sent (codes VALIDATION_FAILED, UNKNOWN_FIELD)'])
  async pdf(
    @CurrentPrincipal() who: Principal,
    @Query() query: UsageReadoutQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, filename } = await this.usage.readoutPdf(who, query);
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('cache-control', 'no-store');
    return pdf;
  }

  @Put('decisions')
  @RequirePermission('usage_decision.write')
  @ApiOkResponse({
    type: UsageDecisionResponse,
    description: 'The decision as stored (a change replaces the one of that day)',
  })
  @ApiErrors([
    400,
    'day, decision or note is not valid, a pause has no note, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
  ])
  decide(@CurrentPrincipal() who: Principal, @Body() body: UsageDecisionDto) {
    return this.usage.decide(who, body);
  }
}
