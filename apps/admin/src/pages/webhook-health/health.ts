import type { WebhookHealthView } from '@floor-os/contracts';
import { useQuery } from '@tanstack/react-query';
import { usePanelData } from '../../providers/usePanelData';

export const HEALTH_WINDOWS = [1, 24, 168] as const;

/** Every webhook health query (each window is one), refreshed after a replay. */
export const WEBHOOK_HEALTH_KEY = ['webhook-health'] as const;

/** Webhook health over the last `hours` (the page's window, or the dashboard card's day). */
export function useWebhookHealth(hours: number) {
  const dataProvider = usePanelData();
  return useQuery({
    queryKey: [...WEBHOOK_HEALTH_KEY, hours],
    queryFn: () => dataProvider.getWebhookHealth(hours),
    placeholderData: (previous) => previous,
  });
}

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
