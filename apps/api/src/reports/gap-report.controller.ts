import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile, ApiList, ApiWindow } from '../common/openapi';
import { GapReportResponse, GapSignOffResponse } from './dto/gap.response';
import { GapSignOffDto } from './dto/gap-sign-off.dto';
import { ReportWindowQueryDto } from './dto/report-window.dto';
import type { GapReport, GapSignOffView } from '@floor-os/contracts';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal, tenantOf } from '../auth/principal';
import { IdParam } from '../common/request-names';
import { ListQuery, setContentRange } from '../database/list-query';
import { GapReportService } from './gap-report.service';
import { GapSignOffsService } from './gap-sign-offs.service';

/** A file name part from an instant: `2026-03-02T14-00Z`. */
const stamp = (iso: string) => iso.slice(0, 16).replace(':', '-') + 'Z';

/** The compliance gap report with its sign-offs (SPEC P3). There is no route that changes or deletes a sign-off. */
@ApiTags('reports')
@Controller('api/v1/reports')
export class GapReportController {
  constructor(
    private readonly gap: GapReportService,
    private readonly signOffs: GapSignOffsService,
  ) {}

  @Get('gap')
  @RequirePermission('gap_report.read')
  @ApiWindow('Default: the 72 hours before `to`.')
  @ApiOkResponse({ type: GapReportResponse })
  @ApiErrors([
    400,
    'from or to is not an ISO instant, from is not before to, the window is longer than 90 days, or another query key is sent (code VALIDATION_FAILED)',
  ])
  report(@CurrentPrincipal() who: Principal, @Query() query: ReportWindowQueryDto): Promise<GapReport> {
    return this.gap.report(tenantOf(who), this.gap.window(query));
  }

  @Get('gap.csv')
  @RequirePermission('gap_report.read')
  @ApiWindow('Default: the 72 hours before `to`.')
  @ApiFile('text/csv', 'Every would-block decision of the window, one line each')
  @ApiErrors([
    400,
    'from or to is not an ISO instant, from is not before to, the window is longer than 90 days, or another query key is sent (code VALIDATION_FAILED)',
  ])
  csv(@CurrentPrincipal() who: Principal, @Query() query: ReportWindowQueryDto): StreamableFile {
    const window = this.gap.window(query);
    return new StreamableFile(this.gap.csv(tenantOf(who), window), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="gap-report-${stamp(window.from.toISOString())}.csv"`,
    });
  }

  @Get('gap.pdf')
  @RequirePermission('gap_report.read')
  @ApiWindow('Default: the 72 hours before `to`.')
  @ApiFile('application/pdf', 'The gap report as a PDF')
  @ApiErrors([
    400,
    'from or to is not an ISO instant, from is not before to, the window is longer than 90 days, or another query key is sent (code VALIDATION_FAILED)',
  ])
  async pdf(
    @CurrentPrincipal() who: Principal,
    @Query() query: ReportWindowQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const window = this.gap.window(query);
    const report = await this.gap.report(tenantOf(who), window);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="gap-report-${stamp(report.from)}.pdf"`);
    return this.gap.pdf(tenantOf(who), report);
  }

  @Post('gap/sign-offs')
  @RequirePermission('gap_report.sign')
  @ApiCreatedResponse({
    type: GapSignOffResponse,
    description: 'The sign-off, with the report as signed and its PDF stored',
  })
  @ApiErrors(
    [
      400,
      'from or to is missing or not valid, the note is too long, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    [404, 'The signer is not a user of this tenant (code NOT_FOUND)'],
  )
  sign(@CurrentPrincipal() who: Principal, @Body() body: GapSignOffDto): Promise<GapSignOffView> {
    return this.signOffs.sign(who, body);
  }

  @Get('gap/sign-offs')
  @RequirePermission('gap_report.read')
  @ApiList(GapSignOffResponse, 'gap-sign-offs')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GapSignOffView[]> {
    const page = await this.signOffs.list(who, query);
    setContentRange(reply, 'gap-sign-offs', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('gap/sign-offs/:id')
  @RequirePermission('gap_report.read')
  @ApiOkResponse({ type: GapSignOffResponse })
  @ApiErrors(404)
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<GapSignOffView> {
    return this.signOffs.get(who, id);
  }

  @Get('gap/sign-offs/:id/pdf')
  @RequirePermission('gap_report.read')
  @ApiFile('application/pdf', 'The stored PDF as signed; `X-Content-SHA256` carries its SHA-256')
  @ApiErrors(404)
  async signedPdf(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, sha256, from } = await this.signOffs.pdf(who, id);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="gap-report-signed-${stamp(from)}.pdf"`)
      .header('x-content-sha256', sha256);
    return pdf;
  }
}
