/** Readable values for fact tables: dates in the browser's locale, yes/no, lists, a dash for nothing. */

const TIME_KEY = /(_at|_until|_time)$/;

/** A time from an ISO string or epoch milliseconds (the rules engine keeps times as epoch ms). */
export function formatTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (TIME_KEY.test(key) && (typeof value === 'number' || typeof value === 'string')) return formatTime(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `bankruptcy_flag` → "Bankruptcy flag". */
export function humanize(key: string): string {
  const text = key.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatMoney(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const amount = Number(value);
  return Number.isFinite(amount) ? amount.toLocaleString(undefined, { style: 'currency', currency: 'USD' }) : String(value);
}
