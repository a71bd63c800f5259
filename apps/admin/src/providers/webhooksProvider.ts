import type { WebhookDeliveryView, WebhookHealthView } from '@floor-os/contracts';
import { apiFetch } from './http';

/**
 * Webhook health (SPEC W3, W5) beyond the deliveries' list (the resource `webhook-deliveries`): the health
 * summary of a window, and the replay of a failed delivery.
 */
export interface WebhooksMethods {
  getWebhookHealth(hours: number): Promise<WebhookHealthView>;
  replayWebhookDelivery(id: string): Promise<WebhookDeliveryView>;
}

export const webhooksMethods: WebhooksMethods = {
  getWebhookHealth: (hours) => apiFetch(`/webhook-health?hours=${encodeURIComponent(hours)}`),
  replayWebhookDelivery: (id) => apiFetch(`/webhook-deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' }),
};
