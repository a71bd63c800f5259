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
  if (Array.isArray(value))
    return value.length === 0
      ? 'none'
      : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
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
  return Number.isFinite(amount)
    ? amount.toLocaleString(undefined, { style: 'currency', currency: 'USD' })
    : String(value);
}

/** Labels where the key alone reads badly. */
const FACT_LABELS: Record<string, string> = {
  zip: 'ZIP',
  scra_active_duty: 'SCRA active duty',
  autodial_consent: 'Autodial consent (TCPA)',
  autodial_consent_revoked_at: 'Autodial consent revoked',
  sms_opt_out_at: 'SMS opt-out',
  email_opt_out_at: 'Email opt-out',
  cease_requested_at: 'Cease requested',
  call_window: 'Convenient hours',
  last_contact_at: 'Last contact',
  is_test: 'Smoke-test account',
  attempts_in_window: 'Attempts in the 7-day window',
  superseded_audit_id: 'Superseded audit id',
  mode_known: 'Mode known',
};

export function factLabel(key: string): string {
  return FACT_LABELS[key] ?? humanize(key);
}

/** The compliance facts of an account, in the order the rules catalogue reads them. */
export const COMPLIANCE_FACT_KEYS = [
  'bankruptcy_flag',
  'bankruptcy_status',
  'cease_requested_at',
  'attorney_represented',
  'attorney_contact',
  'call_window',
  'dispute_open',
  'deceased',
  'scra_active_duty',
  'autodial_consent',
  'autodial_consent_revoked_at',
  'sms_opt_out_at',
  'email_opt_out_at',
  'employer_prohibits_calls',
  'medium_bans',
  'time_barred',
  'time_barred_disclosure_given',
] as const;

/** The order facts read best in: who and where, then the compliance flags, then history; anything else after. */
export const FACT_ORDER: readonly string[] = [
  'account_id',
  'phone_number',
  'phone_type',
  'email',
  'email_is_work',
  'state',
  'zip',
  'timezone',
  ...COMPLIANCE_FACT_KEYS,
  'suppressed_phone',
  'suppressed_email',
  'attempts_in_window',
  'is_test',
  'cause',
  'superseded_audit_id',
  'mode_known',
];

export function orderFacts(facts: Record<string, unknown>, skip: readonly string[] = []): [string, unknown][] {
  const rank = (key: string) => {
    const index = FACT_ORDER.indexOf(key);
    return index === -1 ? FACT_ORDER.length : index;
  };
  return Object.entries(facts)
    .filter(([key]) => !skip.includes(key))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
