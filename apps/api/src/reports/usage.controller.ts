import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  readout(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<UsageReport> {
    return this.usage.readout(who, query);
  }

  @Get('readout.pdf')
  @RequirePermission('reports.read')
  async pdf(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { pdf, filename } = await this.usage.readoutPdf(who, query);
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('cache-control', 'no-store');
    return pdf;
  }

  @Put('decisions')
  @RequirePermission('usage_decision.write')
  decide(@CurrentPrincipal() who: Principal, @Body() body: unknown) {
    return this.usage.decide(who, body);
  }
}
