import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/**
 * `?from&to` of the coverage and gap reports: the envelope (any other key is refused, UNKNOWN_FIELD). The
 * values are checked by `parseReportWindow` (report-window.ts) — instants with their offset, from before
 * to, at most 90 days — the same rules, and the same 400 "Invalid report window" naming from or to, as the
 * gap sign-off's body.
 */
export class ReportWindowQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Allow()
  from?: unknown;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Allow()
  to?: unknown;
}
