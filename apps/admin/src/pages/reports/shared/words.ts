import type { CoverageColour, DeliveryStatus, ReportChannel, TrendArrow, UsageReport } from '@floor-os/contracts';
import { CLUSTERS, type ClusterId } from '@floor-os/personas';
import { REPORT_ZONE_OPTIONS } from '@floor-os/reports';

/** Channels in words, in the order every report lists them. */
export const CHANNEL_LABELS: Readonly<Record<ReportChannel, string>> = {
  voice: 'Voice calls',
  sms: 'Text messages',
  email: 'Emails',
  payment: 'Payments',
};

export const channelLabel = (channel: string): string => CHANNEL_LABELS[channel as ReportChannel] ?? channel;

/** One colour per channel in charts (the same everywhere, so a channel is recognised across pages). */
export const CHANNEL_CHART_COLOURS: Readonly<Record<ReportChannel, string>> = {
  voice: '#1976d2',
  sms: '#9c27b0',
  email: '#00897b',
  payment: '#ef6c00',
};

/** Coverage colours as shown and their word (a colour is never shown without its explanation). */
export const COVERAGE_COLOUR_STYLE: Readonly<Record<CoverageColour, { hex: string; word: string }>> = {
  red: { hex: '#d32f2f', word: 'Red' },
  yellow: { hex: '#f9a825', word: 'Yellow' },
  grey: { hex: '#9e9e9e', word: 'Grey' },
  green: { hex: '#2e7d32', word: 'Green' },
};

export const CLUSTER_LABELS: Readonly<Record<ClusterId, string>> = Object.fromEntries(
  CLUSTERS.map((cluster) => [cluster.id, cluster.label]),
) as Record<ClusterId, string>;

export const DELIVERY_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Not sent (no mail server configured)',
};

export const RECOMMENDATION_LABELS: Readonly<Record<UsageReport['recommendation']['action'], string>> = {
  continue: 'Continue the pilot as it is',
  expand: 'Expand: more channels, teams or personas',
  pause: 'Pause the pilot',
  fix_integration: 'Fix the integration first',
};

export const MILESTONE_DECISION_LABELS: Readonly<Record<'continue' | 'expand' | 'pause', string>> = {
  continue: 'Continue',
  expand: 'Expand',
  pause: 'Pause',
};

export const TREND_SYMBOL: Readonly<Record<TrendArrow, string>> = { up: '↑', down: '↓', flat: '→' };
export const TREND_WORDS: Readonly<Record<TrendArrow, string>> = { up: 'rising', down: 'falling', flat: 'steady' };

/** A share (0..1) as a percentage; a dash when there is nothing to measure. */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits).replace(/\.0+$/, '')} %`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString();
}

export function formatMs(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toLocaleString()} ms`;
}

/** A signed percent change (`+12.5 %`), or words when the week before had none. */
export function formatChange(changePct: number | null | undefined): string {
  if (changePct === null || changePct === undefined) return 'new this week';
  if (changePct === 0) return 'no change';
  return `${changePct > 0 ? '+' : ''}${changePct.toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

/** A local date (`YYYY-MM-DD`, the tenant's calendar) as words, without shifting it through the browser's zone. */
export function formatLocalDate(
  date: string | null | undefined,
  options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toLocaleDateString(undefined, {
    ...options,
    timeZone: 'UTC',
  });
}

/** An instant in the tenant's zone when it is known (reports speak tenant time), else the browser's. */
export function formatInstant(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
}

/** A chart's axis label for a bucket start: hours for short windows, days otherwise. */
export function formatBucket(value: string | number, unit: 'hour' | 'day', timeZone?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return unit === 'hour'
    ? date.toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        ...(timeZone ? { timeZone } : {}),
      })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(timeZone ? { timeZone } : {}) });
}

/** `{from, to}` as one readable line. */
export function formatWindow(from: string, to: string, timeZone?: string): string {
  return `${formatInstant(from, timeZone)} – ${formatInstant(to, timeZone)}`;
}

/** A tenant time zone in words ("Eastern (New York)"), as the Tenant Admin picked it. */
export function zoneLabel(zone: string | null | undefined): string {
  if (!zone) return '—';
  return REPORT_ZONE_OPTIONS.find((option) => option.id === zone)?.label ?? zone.replaceAll('_', ' ');
}
