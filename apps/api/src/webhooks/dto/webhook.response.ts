import type { WebhookDeliveryView, WebhookHealthView, WebhookReceipt } from '@floor-os/contracts';
import { DELIVERY_STATUSES } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPOSITIONS, OUTCOME_CHANNELS } from '../adapters';

/** What a vendor's delivery is answered: 202 when stored, 200 when its event id was stored before. */
export class WebhookReceiptResponse implements WebhookReceipt {
  @ApiProperty({ description: 'Always true: the delivery verified and is in the inbox' })
  accepted: boolean;

  @ApiProperty({ description: 'The event id was stored before: nothing new was stored' })
  duplicate: boolean;

  @ApiPropertyOptional({ description: 'The stored delivery (202 only)' })
  delivery_id?: string;
}

/** `POST /webhooks/generic/{tenant_id}`: one outcome, signed with `X-Floor-Signature`. */
export class GenericOutcomeBody {
  @ApiProperty({ description: 'Your id of this event: a repeat is answered 200 duplicate' })
  event_id: string;

  @ApiPropertyOptional({ example: 'ACC-1001', description: 'Required except for an opt-out that names a phone_number' })
  account_id?: string;

  @ApiProperty({ enum: OUTCOME_CHANNELS })
  channel: string;

  @ApiProperty({ enum: DISPOSITIONS })
  disposition: string;

  @ApiProperty({ format: 'date-time' })
  occurred_at: string;

  @ApiPropertyOptional({
    example: 'ccs_01J0000000000000000000000',
    description: "The gate decision this contact followed (the contact-check's audit_id)",
  })
  audit_id?: string;

  @ApiPropertyOptional({ example: '+12125550123' })
  phone_number?: string;

  @ApiPropertyOptional({ minimum: 0 })
  duration_seconds?: number;

  @ApiPropertyOptional()
  agent_id?: string;

  @ApiPropertyOptional({ description: 'An inbound text: a STOP word makes the outcome an opt-out' })
  message?: string;
}

/** Twilio's status callback (form-encoded): the fields this API reads. */
export class TwilioCallbackBody {
  @ApiPropertyOptional()
  CallSid?: string;

  @ApiPropertyOptional({ example: 'completed' })
  CallStatus?: string;

  @ApiPropertyOptional()
  MessageSid?: string;

  @ApiPropertyOptional({ example: 'delivered' })
  MessageStatus?: string;

  @ApiPropertyOptional()
  To?: string;

  @ApiPropertyOptional()
  From?: string;

  @ApiPropertyOptional()
  Body?: string;

  @ApiPropertyOptional({ description: 'Also accepted in the query' })
  account_id?: string;

  @ApiPropertyOptional({ description: 'Also accepted in the query' })
  audit_id?: string;
}

export class WebhookDeliveryResponse implements WebhookDeliveryView {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'five9' })
  vendor: string;

  @ApiProperty()
  event_id: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: (typeof DELIVERY_STATUSES)[number];

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  last_error: string | null;

  @ApiProperty({ type: String, nullable: true })
  audit_id: string | null;

  @ApiProperty({ format: 'date-time' })
  received_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processed_at: string | null;
}

type Health = WebhookHealthView;
type RefusedSource = Health['refused_sources'][number];
type FailureReason = Health['failures_by_reason'][number];
type VendorHealth = Health['vendors'][number];
type QueueHealth = Health['queue'];

class WebhookRefusedSource implements RefusedSource {
  @ApiProperty()
  address: string;

  @ApiProperty()
  count: number;
}

class WebhookFailureReason implements FailureReason {
  @ApiProperty({ enum: ['refused', 'processing'] })
  kind: 'refused' | 'processing';

  @ApiProperty()
  reason: string;

  @ApiProperty()
  count: number;
}

class WebhookVendorHealth implements VendorHealth {
  @ApiProperty()
  vendor: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty()
  has_secret: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_delivery_at: string | null;

  @ApiProperty({ type: String, nullable: true })
  last_status: string | null;
}

class WebhookQueueHealth implements QueueHealth {
  @ApiProperty()
  waiting: number;

  @ApiProperty()
  active: number;

  @ApiProperty()
  delayed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The worker's last heartbeat; null: none in the last minute",
  })
  worker_heartbeat_at: string | null;
}

/** W5: the window's deliveries, the success rate and where refusals come from. */
export class WebhookHealthResponse implements WebhookHealthView {
  @ApiProperty()
  window_hours: number;

  @ApiProperty()
  received: number;

  @ApiProperty()
  processed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty()
  pending: number;

  @ApiProperty()
  duplicates: number;

  @ApiProperty({ description: 'Deliveries that failed their signature or token check' })
  refused: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'processed / (processed + failed); null when none arrived',
  })
  success_rate: number | null;

  @ApiProperty({ type: () => [WebhookRefusedSource] })
  refused_sources: WebhookRefusedSource[];

  @ApiProperty({ type: () => [WebhookFailureReason] })
  failures_by_reason: WebhookFailureReason[];

  @ApiProperty({ type: () => [WebhookVendorHealth] })
  vendors: WebhookVendorHealth[];

  @ApiProperty({ type: () => WebhookQueueHealth })
  queue: WebhookQueueHealth;
}
