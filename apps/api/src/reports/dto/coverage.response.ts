import type {
  CoverageChannel,
  CoverageColour,
  CoverageReport,
  CoverageRule,
  CoverageTrendPoint,
  ReportChannel,
} from '@floor-os/contracts';
import { REPORT_CHANNELS } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';

export const COVERAGE_COLOURS: CoverageColour[] = ['red', 'yellow', 'grey', 'green'];
export const COVERAGE_RULES: CoverageRule[] = [
  'CONTACT_DESPITE_BLOCK',
  'UNGATED_CONTACT',
  'LOW_MATCH',
  'SHADOW',
  'PARTIAL_MATCH',
  'NO_TRAFFIC',
  'ALL_CLEAR',
];

export class CoverageChannelResponse implements CoverageChannel {
  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty({ enum: COVERAGE_COLOURS })
  colour: CoverageColour;

  @ApiProperty({ enum: COVERAGE_RULES, description: 'The rule that gave the colour (first match wins, in this order)' })
  rule: CoverageRule;

  @ApiProperty({ description: 'The rule in words' })
  explanation: string;

  @ApiProperty()
  gate_calls: number;

  @ApiProperty({ description: 'Answered allowed=false (enforce)' })
  blocked: number;

  @ApiProperty({ description: 'Shadow decisions that would have blocked' })
  would_block: number;

  @ApiProperty()
  outcomes: number;

  @ApiProperty({ description: 'Contacts a vendor reported with no decision behind them' })
  ungated_contacts: number;

  @ApiProperty({ description: 'Outcomes linked to a decision that answered allowed=false' })
  contacts_despite_block: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of allowed decisions older than an hour with an outcome; null when there were none',
  })
  match_rate: number | null;
}

export class CoverageTrendPointResponse implements CoverageTrendPoint {
  @ApiProperty({
    format: 'date-time',
    description: 'Start of the bucket (an hour for windows up to 72 h, else a local day)',
  })
  at: string;

  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty()
  gate_calls: number;

  @ApiProperty()
  blocked: number;

  @ApiProperty()
  would_block: number;
}

/** ComplianceCoverage (SPEC P1): per channel, the colour and the rule behind it, over `[from, to)`. */
export class CoverageReportResponse implements CoverageReport {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ format: 'date-time', description: 'When the numbers were read' })
  as_of: string;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  mode: 'shadow' | 'enforce';

  @ApiProperty({ example: 'America/New_York' })
  timezone: string;

  @ApiProperty({ type: () => [CoverageChannelResponse] })
  channels: CoverageChannelResponse[];

  @ApiProperty({ type: () => [CoverageTrendPointResponse] })
  trend: CoverageTrendPointResponse[];
}
