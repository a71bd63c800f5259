import type {
  DeliveryStatus,
  ReportChannel,
  ReviewActionView,
  WeeklyReviewDelivery,
  WeeklyReviewNumbers,
  WeeklyReviewSummary,
  WeeklyReviewView,
} from '@floor-os/contracts';
import { REPORT_CHANNELS } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../../common/dto/refs.response';

type Numbers = WeeklyReviewNumbers;
type GateCalls = Numbers['gate_calls'][number];
type StatuteBlocks = Numbers['blocks_by_statute'][number];
type TopReason = Numbers['top_reasons'][number];
type Disputes = Numbers['disputes'];
type Webhooks = Numbers['webhooks'];

class ReviewGateCalls implements GateCalls {
  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty()
  calls: number;

  @ApiProperty({ description: 'The week before' })
  previous: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Percent change against the week before; null when that week had none',
  })
  change_pct?: number | null;
}

class ReviewStatuteBlocks implements StatuteBlocks {
  @ApiProperty()
  rule_id: string;

  @ApiProperty()
  statute: string;

  @ApiProperty()
  count: number;

  @ApiProperty()
  previous: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  change_pct?: number | null;
}

class ReviewReason implements TopReason {
  @ApiProperty()
  rule_id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  count: number;
}

class ReviewDisputes implements Disputes {
  @ApiProperty()
  opened: number;

  @ApiProperty()
  resolved: number;
}

class ReviewWebhooks implements Webhooks {
  @ApiProperty()
  received: number;

  @ApiProperty()
  processed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty()
  refused: number;

  @ApiProperty({ type: Number, nullable: true })
  success_rate: number | null;
}

export class WeeklyReviewNumbersResponse implements WeeklyReviewNumbers {
  @ApiProperty({ format: 'date-time', description: "The week's Monday 00:00 in `timezone`" })
  week_start: string;

  @ApiProperty({ format: 'date-time', description: 'The next Monday 00:00 in `timezone` (exclusive)' })
  week_end: string;

  @ApiProperty()
  timezone: string;

  @ApiProperty({ type: () => [ReviewGateCalls] })
  gate_calls: ReviewGateCalls[];

  @ApiProperty({ type: () => [ReviewStatuteBlocks] })
  blocks_by_statute: ReviewStatuteBlocks[];

  @ApiProperty({ type: () => [ReviewReason] })
  top_reasons: ReviewReason[];

  @ApiProperty({ type: () => ReviewDisputes })
  disputes: ReviewDisputes;

  @ApiProperty({ type: () => ReviewWebhooks })
  webhooks: ReviewWebhooks;

  @ApiProperty({ type: Number, nullable: true })
  latency_p95_ms: number | null;
}

const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sent', 'failed', 'skipped'];

export class WeeklyReviewDeliveryResponse implements WeeklyReviewDelivery {
  @ApiProperty()
  recipient: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: DeliveryStatus;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at: string | null;
}

/** A stored weekly review as listed (newest week first). */
export class WeeklyReviewSummaryResponse implements WeeklyReviewSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-03-02', description: "The week's Monday as a local date in the tenant's zone" })
  week_start: string;

  @ApiProperty({ format: 'date-time' })
  generated_at: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the stored PDF bytes' })
  sha256: string;

  @ApiProperty({ type: () => WeeklyReviewNumbersResponse })
  numbers: WeeklyReviewNumbersResponse;
}

/** A stored weekly review with its mail deliveries and the meeting's minutes. */
export class WeeklyReviewResponse extends WeeklyReviewSummaryResponse implements WeeklyReviewView {
  @ApiProperty({ type: () => [WeeklyReviewDeliveryResponse] })
  deliveries: WeeklyReviewDeliveryResponse[];

  @ApiProperty({ type: String, nullable: true })
  minutes: string | null;
}

export class ReviewActionResponse implements ReviewActionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  review_id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: () => NamedRef, nullable: true })
  owner: NamedRef | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty()
  done: boolean;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "Carried from an earlier week's review while still open: that review's Monday",
  })
  carried_from: string | null;
}
