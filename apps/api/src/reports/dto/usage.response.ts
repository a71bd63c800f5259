import type { ReportChannel, TrendArrow, UsageReport, UsageWeek } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ARROWS: TrendArrow[] = ['up', 'down', 'flat'];
type StatuteBlockCount = UsageWeek['blocks_by_statute'][number];

class PerChannel implements Record<ReportChannel, number> {
  @ApiProperty()
  voice: number;

  @ApiProperty()
  sms: number;

  @ApiProperty()
  email: number;

  @ApiProperty()
  payment: number;
}

class RatePerChannel implements Record<ReportChannel, number | null> {
  @ApiProperty({ type: Number, nullable: true })
  voice: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sms: number | null;

  @ApiProperty({ type: Number, nullable: true })
  email: number | null;

  @ApiProperty({ type: Number, nullable: true })
  payment: number | null;
}

export class PerCluster implements Record<'compliance' | 'operations' | 'support', number> {
  @ApiProperty()
  compliance: number;

  @ApiProperty()
  operations: number;

  @ApiProperty()
  support: number;
}

class StatuteCount implements StatuteBlockCount {
  @ApiProperty()
  rule_id: string;

  @ApiProperty()
  statute: string;

  @ApiProperty()
  count: number;
}

export class UsageWeekResponse implements UsageWeek {
  @ApiProperty({ format: 'date-time' })
  week_start: string;

  @ApiProperty({ type: () => PerChannel })
  gate_calls: PerChannel;

  @ApiProperty({ type: () => RatePerChannel })
  block_rate: RatePerChannel;

  @ApiProperty({ type: () => [StatuteCount] })
  blocks_by_statute: StatuteCount[];

  @ApiProperty({ type: () => PerCluster })
  active_users: PerCluster;

  @ApiProperty()
  drilldowns: number;

  @ApiProperty({ type: Number, nullable: true })
  webhook_success_rate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  latency_p95_ms: number | null;

  @ApiProperty()
  queue_throughput: number;

  @ApiPropertyOptional({ description: 'Contacts a vendor reported with no decision behind them' })
  ungated_contacts?: number;
}

type Trends = UsageReport['trends'];

class UsageTrends implements Trends {
  @ApiProperty({ enum: ARROWS })
  gate_calls: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  block_rate: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  active_users: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  drilldowns: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  webhook_success_rate: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  latency_p95_ms: TrendArrow;

  @ApiProperty({ enum: ARROWS })
  queue_throughput: TrendArrow;
}

type Targets = UsageReport['targets'];

class UsageTargets implements Targets {
  @ApiProperty()
  webhook_success_rate: number;

  @ApiProperty()
  latency_p95_ms: number;

  @ApiProperty({ type: Number, nullable: true })
  queue_throughput_baseline: number | null;
}

type Recommendation = UsageReport['recommendation'];

class UsageRecommendation implements Recommendation {
  @ApiProperty({ enum: ['continue', 'expand', 'pause', 'fix_integration'] })
  action: Recommendation['action'];

  @ApiProperty({ type: [String] })
  reasons: string[];
}

type Decision = UsageReport['decisions'][number];

/** A milestone decision (M1.3–M1.5): one per day 30, 60 and 90. */
export class UsageDecisionResponse implements Decision {
  @ApiProperty({ enum: [30, 60, 90] })
  day: 30 | 60 | 90;

  @ApiProperty({ enum: ['continue', 'expand', 'pause'] })
  decision: Decision['decision'];

  @ApiProperty()
  note: string;

  @ApiProperty({ description: 'Who decided, by name' })
  decided_by: string;

  @ApiProperty({ format: 'date-time' })
  decided_at: string;
}

/** The usage readout (SPEC P4): the tenant's finished local weeks, trends, targets and the recommendation. */
export class UsageReportResponse implements UsageReport {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ format: 'date-time' })
  as_of: string;

  @ApiProperty()
  timezone: string;

  @ApiProperty({ type: () => [UsageWeekResponse] })
  weeks: UsageWeekResponse[];

  @ApiProperty({ type: () => UsageTrends })
  trends: UsageTrends;

  @ApiProperty({ type: () => UsageTargets })
  targets: UsageTargets;

  @ApiProperty({ type: () => UsageRecommendation })
  recommendation: UsageRecommendation;

  @ApiProperty({ type: () => [UsageDecisionResponse] })
  decisions: UsageDecisionResponse[];
}
