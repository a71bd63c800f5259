import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CoverageReport } from '@floor-os/contracts';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CoverageService } from './coverage.service';

/** ComplianceCoverage (SPEC P1): per channel, the colour and the rule behind it, over a window. */
@ApiTags('reports')
@Controller('api/v1/reports')
export class CoverageController {
  constructor(private readonly coverageReports: CoverageService) {}

  @Get('coverage')
  @RequirePermission('coverage.read')
  coverage(@CurrentPrincipal() who: Principal, @Query() query: unknown): Promise<CoverageReport> {
    return this.coverageReports.coverage(who, query);
  }
}
