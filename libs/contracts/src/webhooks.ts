/** The webhook inbox and its health, as IT sees them. */

export const DELIVERY_STATUSES = ['pending', 'processed', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** `GET /api/v1/webhook-deliveries`: the durable inbox as IT sees it (never the raw body). */
export interface WebhookDeliveryView {
  id: string;
  vendor: string;
  event_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_error: string | null;
  audit_id: string | null;
  received_at: string;
  processed_at: string | null;
}

/** `GET /api/v1/webhook-health?hours=24` (SPEC W5). */
export interface WebhookHealthView {
  window_hours: number;
  received: number;
  processed: number;
  failed: number;
  pending: number;
  duplicates: number;
  /** Deliveries that failed their signature or token check (anyone can send these): shown beside the rate, never in it. */
  refused: number;
  /** processed / (processed + failed): authenticated deliveries only, so anonymous traffic cannot move it; null when none arrived. */
  success_rate: number | null;
  /** The addresses that sent the most refused deliveries in the window. */
  refused_sources: { address: string; count: number }[];
  failures_by_reason: { kind: 'refused' | 'processing'; reason: string; count: number }[];
  vendors: {
    vendor: string;
    enabled: boolean;
    has_secret: boolean;
    last_delivery_at: string | null;
    last_status: string | null;
  }[];
  /** The webhook queue's depth and the worker's last heartbeat (null: none in the last minute). */
  queue: { waiting: number; active: number; delayed: number; failed: number; worker_heartbeat_at: string | null };
}

/** What a vendor's delivery is answered: 202 when stored, 200 when its event id was stored before. */
export interface WebhookReceipt {
  /** Always true: the delivery verified and is in the inbox. */
  accepted: boolean;
  /** The event id was stored before: nothing new was stored. */
  duplicate: boolean;
  /** The stored delivery (202 only). */
  delivery_id?: string;
}
