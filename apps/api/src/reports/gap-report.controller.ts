import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  report(@CurrentPrincipal() who: Principal, @Query() query: unknown): Promise<GapReport> {
    return this.gap.report(tenantOf(who), this.gap.window(query));
  }

  @Get('gap.csv')
  @RequirePermission('gap_report.read')
  csv(@CurrentPrincipal() who: Principal, @Query() query: unknown): StreamableFile {
    const window = this.gap.window(query);
    return new StreamableFile(this.gap.csv(tenantOf(who), window), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="gap-report-${stamp(window.from.toISOString())}.csv"`,
    });
  }

  @Get('gap.pdf')
  @RequirePermission('gap_report.read')
  async pdf(@CurrentPrincipal() who: Principal, @Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const window = this.gap.window(query);
    const report = await this.gap.report(tenantOf(who), window);
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="gap-report-${stamp(report.from)}.pdf"`);
    return this.gap.pdf(tenantOf(who), report);
  }

  @Post('gap/sign-offs')
  @RequirePermission('gap_report.sign')
  sign(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<GapSignOffView> {
    return this.signOffs.sign(who, body);
  }

  @Get('gap/sign-offs')
  @RequirePermission('gap_report.read')
  async list(@CurrentPrincipal() who: Principal, @Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<GapSignOffView[]> {
    const page = await this.signOffs.list(who, query);
    setContentRange(reply, 'gap-sign-offs', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('gap/sign-offs/:id')
  @RequirePermission('gap_report.read')
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<GapSignOffView> {
    return this.signOffs.get(who, id);
  }

  @Get('gap/sign-offs/:id/pdf')
  @RequirePermission('gap_report.read')
  async signedPdf(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { pdf, sha256, from } = await this.signOffs.pdf(who, id);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="gap-report-signed-${stamp(from)}.pdf"`)
      .header('x-content-sha256', sha256);
    return pdf;
  }
}
