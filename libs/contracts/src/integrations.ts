export const INVENTORY_DIALERS = ['five9', 'twilio', 'convoso', 'generic'] as const;

/** `GET /api/v1/integration-inventory` (SPEC V4). */
export interface IntegrationInventoryView {
  dialer: (typeof INVENTORY_DIALERS)[number] | null;
  crm: string | null;
  payment_processor: string | null;
  notes: string | null;
  signed_off_by: { id: string; name: string } | null;
  signed_off_at: string | null;
  updated_at: string | null;
}
