import type { ReportChannel, TrendArrow } from '@floor-os/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime, IANAZone } from 'luxon';

/**
 * Words and numbers for the report PDFs: people never read a raw internal code alone (channels in words,
 * statutes with their citation and title), and every date says which zone it is in. All formatting is pinned
 * to en-US so the same input gives the same bytes on every machine.
 */

const LOCALE = 'en-US';

export const CHANNEL_LABELS: Record<ReportChannel, string> = {
  voice: 'Voice',
  sms: 'SMS',
  email: 'Email',
  payment: 'Payment',
};

export const CLUSTER_LABELS = { compliance: 'Compliance', operations: 'Operations', support: 'Support' } as const;

export const ARROWS: Record<TrendArrow, string> = { up: '↑', down: '↓', flat: '→' };

/** The arrow from the week before to this one. */
export function arrowOf(current: number, previous: number): string {
  return ARROWS[current > previous ? 'up' : current < previous ? 'down' : 'flat'];
}

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimals = [0, 1, 2].map(
  (digits) => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
);

export function formatCount(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '—' : integer.format(value);
}

/** A share (0…1) as a percentage, e.g. `4.2 %`; delivery rates take two decimals (`99.96 %`, never a rounded 100). */
export function formatRate(value: number | null | undefined, digits: 0 | 1 | 2 = 1): string {
  return value == null || !Number.isFinite(value) ? '—' : `${decimals[digits].format(value * 100)} %`;
}

/** A delivery success rate: two decimals, since the target (99.5 %) sits next to 100 %. */
export function formatSuccess(value: number | null | undefined): string {
  return formatRate(value, 2);
}

export function formatMs(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '—' : `${integer.format(Math.round(value))} ms`;
}

/** The change from the week before in words: `+12 %`, `−3 %`, `new` when there was nothing before. */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '0 %' : 'new';
  const change = Math.round(((current - previous) / previous) * 100);
  return change > 0 ? `+${change} %` : change < 0 ? `−${Math.abs(change)} %` : '0 %';
}

/** A phone number as people write it (`+1 212 555 0142`); anything unparsable is shown as given. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '—';
  const parsed = parsePhoneNumberFromString(phone, 'US');
  return parsed?.isValid() ? parsed.formatInternational() : phone;
}

export function orDash(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : value;
}

/** A zone luxon knows, else UTC (a stored snapshot must still render if a zone name ever goes away). */
export function safeZone(zone: string | null | undefined): string {
  return zone && (zone === 'UTC' || IANAZone.isValidZone(zone)) ? zone : 'UTC';
}

export function instant(iso: string, zone = 'UTC'): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(safeZone(zone)).setLocale(LOCALE);
}

/** `Mar 2, 2026 07:00 EST` in the given zone. */
export function formatLocal(iso: string, zone: string): string {
  const at = instant(iso, zone);
  return at.isValid ? at.toFormat('LLL d, yyyy HH:mm ZZZZ') : iso;
}

/** `2026-03-02 12:00 UTC`. */
export function formatUtc(iso: string): string {
  const at = instant(iso, 'UTC');
  return at.isValid ? `${at.toFormat('yyyy-LL-dd HH:mm')} UTC` : iso;
}

/** A short local date: `Mar 2, 2026`. */
export function formatDay(iso: string, zone: string): string {
  const at = instant(iso, zone);
  return at.isValid ? at.toFormat('LLL d, yyyy') : iso;
}

/** A window `[from, to)` in the tenant's zone: `Mar 2, 2026 00:00 EST – Mar 5, 2026 00:00 EST`. */
export function formatWindowLocal(from: string, to: string, zone: string): string {
  return `${formatLocal(from, zone)} – ${formatLocal(to, zone)}`;
}

export function formatWindowUtc(from: string, to: string): string {
  return `${formatUtc(from)} – ${formatUtc(to)}`;
}

/** A Date for the PDF's information dictionary; a bad or missing instant falls back to the epoch (never "now"). */
export function pdfDate(iso: string | null | undefined): Date {
  const at = iso ? DateTime.fromISO(iso, { zone: 'utc' }) : null;
  return at?.isValid ? at.toJSDate() : new Date(0);
}
