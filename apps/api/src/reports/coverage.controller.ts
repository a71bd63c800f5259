import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiWindow } from '../common/openapi';
import { CoverageReportResponse } from './dto/coverage.response';
import type { CoverageReport } from '@floor-os/contracts';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CoverageService } from './coverage.service';
import { ReportWindowQueryDto } from './dto/report-window.dto';

/** ComplianceCoverage (SPEC P1): per channel, the colour and the rule behind it, over a window. */
@ApiTags('reports')
@Controller('api/v1/reports')
export class CoverageController {
  constructor(private readonly coverageReports: CoverageService) {}

  @Get('coverage')
  @RequirePermission('coverage.read')
  @ApiWindow('Default: the 168 hours before `to`.')
  @ApiOkResponse({ type: CoverageReportResponse })
  @ApiErrors([
    400,
    'from or to is not an ISO instant, from is not before to, the window is longer than 90 days, or another query key is sent (code VALIDATION_FAILED)',
  ])
  coverage(@CurrentPrincipal() who: Principal, @Query() query: ReportWindowQueryDto): Promise<CoverageReport> {
    return this.coverageReports.coverage(who, query);
  }
}
