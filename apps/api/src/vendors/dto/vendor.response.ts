import type {
  AccountDeepLinkView,
  DeepLinkCategory,
  DeepLinkOpenView,
  DeepLinkView,
  VendorCardView,
  VendorKind,
} from '@floor-os/contracts';
import { DEEP_LINK_CATEGORIES } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GateReasonResponse } from '../../gate/dto/contact-check.response';

const VENDOR_KINDS: VendorKind[] = ['dialer', 'crm', 'payment', 'sms', 'email'];

/** A vendor card's Quick Access deep link. */
export class DeepLinkResponse implements DeepLinkView {
  @ApiProperty()
  enabled: boolean;

  @ApiProperty({
    example: 'https://app.five9.com/agent?account={account_id}',
    description: 'https URL with {account_id} (and {phone_number}) placeholders',
  })
  url_template: string;

  @ApiProperty({ example: 'Open in Five9' })
  label: string;

  @ApiProperty({ enum: DEEP_LINK_CATEGORIES })
  category: DeepLinkCategory;

  @ApiProperty({ description: 'Contact links ask the gate before they open' })
  requires_gate: boolean;

  @ApiProperty()
  sort_order: number;
}

/** Settings → Vendors: one card per vendor; the webhook secret is write-only. */
export class VendorCardResponse implements VendorCardView {
  @ApiProperty({ description: "The card's id, or the vendor's name before it is configured" })
  id: string;

  @ApiProperty({ example: 'five9' })
  vendor: string;

  @ApiProperty({ enum: VENDOR_KINDS })
  kind: VendorKind;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ description: 'Whether a webhook secret is stored (it is never answered)' })
  has_secret: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  secret_set_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_event_at: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Where the vendor posts outcomes (dialers only)' })
  webhook_url: string | null;

  @ApiProperty({
    enum: ['twilio', 'floor', 'hmac_or_token'],
    nullable: true,
    description: 'How the vendor signs its deliveries',
  })
  signing: 'twilio' | 'floor' | 'hmac_or_token' | null;

  @ApiProperty({ type: () => DeepLinkResponse, nullable: true })
  deep_link: DeepLinkResponse | null;
}

/** An "Open in" button of AccountDetail. */
export class AccountDeepLinkResponse implements AccountDeepLinkView {
  @ApiProperty()
  vendor: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: DEEP_LINK_CATEGORIES })
  category: DeepLinkCategory;

  @ApiProperty()
  requires_gate: boolean;

  @ApiProperty()
  sort_order: number;
}

type OpenDecision = NonNullable<DeepLinkOpenView['decision']>;

class DeepLinkDecisionResponse implements OpenDecision {
  @ApiProperty()
  allowed: boolean;

  @ApiProperty({ type: () => [GateReasonResponse] })
  reasons: GateReasonResponse[];

  @ApiProperty({ type: [String] })
  statutes: string[];

  @ApiProperty()
  audit_id: string;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  mode: 'shadow' | 'enforce';

  @ApiPropertyOptional()
  would_block?: boolean;

  @ApiPropertyOptional({ format: 'date-time' })
  next_allowed_at?: string;
}

/** The URL only when it may be opened; a gated link carries the gate's answer. */
export class DeepLinkOpenResponse implements DeepLinkOpenView {
  @ApiProperty()
  vendor: string;

  @ApiProperty()
  label: string;

  @ApiProperty()
  requires_gate: boolean;

  @ApiProperty()
  opened: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'The rendered link; null when the gate said no' })
  url: string | null;

  @ApiProperty({ type: () => DeepLinkDecisionResponse, nullable: true })
  decision: DeepLinkDecisionResponse | null;
}
