/** Vendor cards and their Quick Access deep links (SPEC V1, V2). */
import type { DeepLinkCategory } from './deep-links';
import type { EnforcementMode } from './tenants';

/** A vendor card's Quick Access deep link (SPEC V2). */
export interface DeepLinkView {
  enabled: boolean;
  url_template: string;
  label: string;
  category: DeepLinkCategory;
  requires_gate: boolean;
  sort_order: number;
}

export type VendorKind = 'dialer' | 'crm' | 'payment' | 'sms' | 'email';

/** `GET /api/v1/vendors`: one card per vendor (SPEC V1); the webhook secret is write-only. */
export interface VendorCardView {
  id: string;
  vendor: string;
  kind: VendorKind;
  enabled: boolean;
  has_secret: boolean;
  secret_set_at: string | null;
  last_event_at: string | null;
  /** Where the vendor posts outcomes (dialers only). */
  webhook_url: string | null;
  /** How the vendor signs: `twilio`, `floor` (X-Floor-Signature) or `hmac_or_token` (Five9, Convoso). */
  signing: 'twilio' | 'floor' | 'hmac_or_token' | null;
  deep_link: DeepLinkView | null;
}

/** `GET /api/v1/accounts/{account_id}/deep-links`: the enabled "Open in" buttons, in sort order. */
export interface AccountDeepLinkView {
  vendor: string;
  label: string;
  category: DeepLinkCategory;
  requires_gate: boolean;
  sort_order: number;
}

/** `POST /api/v1/accounts/{account_id}/deep-links/{vendor}/open`: the URL only when it may be opened. */
export interface DeepLinkOpenView {
  vendor: string;
  label: string;
  requires_gate: boolean;
  opened: boolean;
  url: string | null;
  /** The gate's answer for a gated link (reasons, statutes, audit_id, mode, would_block, next_allowed_at). */
  decision: {
    allowed: boolean;
    reasons: { rule_id: string; severity: 'block' | 'warn'; statute: string; message: string }[];
    statutes: string[];
    audit_id: string;
    mode: EnforcementMode;
    would_block?: boolean;
    next_allowed_at?: string;
  } | null;
}
