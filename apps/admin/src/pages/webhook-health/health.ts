import type { WebhookHealthView } from '@floor-os/contracts';
import { apiFetch } from '../../providers/http';

export const HEALTH_WINDOWS = [1, 24, 168] as const;

export const healthPath = (hours: number) => `/webhook-health?hours=${hours}`;

export const loadHealth = (hours: number) => (signal: AbortSignal) =>
  apiFetch<WebhookHealthView>(healthPath(hours), { signal });

/** `0.9734` → `97.3 %`; a dash when nothing arrived in the window. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** The latest delivery over every vendor, if any. */
export function lastDelivery(view: WebhookHealthView): { vendor: string; at: string; status: string | null } | null {
  let latest: { vendor: string; at: string; status: string | null } | null = null;
  for (const vendor of view.vendors) {
    if (vendor.last_delivery_at && (!latest || vendor.last_delivery_at > latest.at)) {
      latest = { vendor: vendor.vendor, at: vendor.last_delivery_at, status: vendor.last_status };
    }
  }
  return latest;
}

/** `1` → "last hour", `24` → "last 24 hours", `168` → "last 7 days". */
export function windowLabel(hours: number): string {
  if (hours === 1) return 'last hour';
  if (hours > 24 && hours % 24 === 0) return `last ${hours / 24} days`;
  return `last ${hours} hours`;
}
