import { toE164 } from '../phone';
import { DateTime } from 'luxon';

/**
 * Validation of one incoming account row (the bulk API and imports): pure functions that answer the
 * normalised columns or a message per field. Only the fields present are set. Whether an empty required
 * cell matters depends on the account: `judgeAccountRow` decides it given whether the account exists.
 */
export const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD ' +
    'TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP AA AE AP'
  ).split(' '),
);
const PHONE_TYPES = ['mobile', 'landline', 'voip', 'unknown'];
const BANKRUPTCY_STATUSES = ['open', 'discharged', 'dismissed'];
const CHANNELS = ['voice', 'sms', 'email', 'payment'];
const BOOLEAN_FIELDS = [
  'email_is_work',
  'bankruptcy_flag',
  'attorney_represented',
  'dispute_open',
  'deceased',
  'scra_active_duty',
  'autodial_consent',
  'employer_prohibits_calls',
  'time_barred',
  'time_barred_disclosure_given',
] as const;
const TIME_FIELDS = [
  'last_contact_at',
  'cease_requested_at',
  'autodial_consent_revoked_at',
  'sms_opt_out_at',
  'email_opt_out_at',
] as const;
export const ACCOUNT_FIELDS = [
  'account_id',
  'phone_number',
  'phone_type',
  'state',
  'zip',
  'timezone',
  'email',
  'balance',
  'bankruptcy_status',
  'medium_bans',
  ...BOOLEAN_FIELDS,
  ...TIME_FIELDS,
];
/** The compliance flags whose source is kept (decided detail 7). */
export const COMPLIANCE_FLAGS = [
  'bankruptcy_flag',
  'bankruptcy_status',
  'cease_requested_at',
  'attorney_represented',
  'dispute_open',
  'deceased',
  'autodial_consent_revoked_at',
  'sms_opt_out_at',
  'email_opt_out_at',
  'medium_bans',
];

/** Days in each month of a common year (February gains one in a leap year). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of `count` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * A calendar date written `YYYY-MM-DD` or `M/D/YYYY` (one or two digits for month and day) as ISO text at
 * midnight UTC; null when it has that shape but is not a real date; undefined when it has neither shape.
 * Years before 100 are not real dates here (what `Date.UTC` made of them: 1900 + year).
 */
function calendarDate(value: string): string | null | undefined {
  const n = value.length;
  let y: number;
  let mo: number;
  let d: number;
  let year: string;
  if (n === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    y = digitsAt(value, 0, 4);
    mo = digitsAt(value, 5, 2);
    d = digitsAt(value, 8, 2);
    if (y < 0 || mo < 0 || d < 0) return undefined;
    year = value.slice(0, 4);
  } else if (n >= 8 && n <= 10) {
    const s1 = value.indexOf('/');
    const s2 = s1 < 0 ? -1 : value.indexOf('/', s1 + 1);
    // M/D/YYYY: one or two digits, one or two digits, four digits, nothing else.
    if (s1 < 1 || s1 > 2 || s2 - s1 < 2 || s2 - s1 > 3 || n - s2 !== 5) return undefined;
    mo = digitsAt(value, 0, s1);
    d = digitsAt(value, s1 + 1, s2 - s1 - 1);
    y = digitsAt(value, s2 + 1, 4);
    if (y < 0 || mo < 0 || d < 0) return undefined;
    year = value.slice(s2 + 1);
  } else return undefined;
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > MONTH_DAYS[mo - 1]! + (mo === 2 && leap ? 1 : 0)) return null;
  return `${year}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}T00:00:00.000Z`;
}

/** Calendar dates read lately, as calendarDate answered them (at most RECENT_DATES). */
const RECENT_DATES = 4096;
const recentDates = new Map<string, string | null>();

/**
 * A date or time as ISO text in UTC: `YYYY-MM-DD` and `MM/DD/YYYY` (what US exports write) take a fast path
 * and mean midnight UTC; anything else must be ISO 8601 (luxon). Null when it is not a real date.
 */
export function toIsoTime(value: string): string | null {
  // A file's dates repeat (a portfolio's last contacts fall on a few hundred days): the last ones are kept.
  const known = recentDates.get(value);
  if (known !== undefined) return known;
  const date = calendarDate(value);
  if (date !== undefined) {
    if (recentDates.size >= RECENT_DATES) recentDates.clear();
    recentDates.set(value, date);
    return date;
  }
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? parsed.toISO() : null;
}

export type AccountColumns = Record<string, string | number | boolean | string[] | null>;

/** The fields an account cannot be created without (SPEC I1); `account_id` is required on every row. */
export const REQUIRED_FOR_NEW_ACCOUNT = ['account_id', 'phone_number', 'state'] as const;

/** Something about an accepted row worth saying (a credit balance): counted by `code` in the intake report. */
export interface RowWarning {
  field: string;
  code: string;
  message: string;
}

/**
 * One row checked on its own: the values, or a message per field. `missing` names the required fields the
 * row leaves empty: they matter only when the row would create the account (see judgeAccountRow).
 */
export type AccountRowCheck =
  | { ok: true; values: AccountColumns; warnings: RowWarning[]; missing: string[] }
  | { ok: false; account_id: string | null; fields: Record<string, string[]>; missing: string[] };

/** Whether the row's fate depends on the account existing: it leaves a required field empty and names its account. */
export function needsExistence(check: AccountRowCheck): boolean {
  return check.missing.length > 0 && accountIdOf(check) !== null;
}

/** The account a checked row is about, when it names one that can exist. */
export function accountIdOf(check: AccountRowCheck): string | null {
  if (check.ok) return String(check.values.account_id);
  return check.account_id !== null && !Object.hasOwn(check.fields, 'account_id') ? check.account_id : null;
}

/**
 * The row rule given whether the account exists (before this file or request): a row that would create an
 * account must carry every required field, and is rejected naming each one it leaves empty; on an existing
 * account an empty cell changes nothing (decided detail 7), so the row stands as checked.
 */
export function judgeAccountRow(check: AccountRowCheck, exists: boolean): AccountRowCheck {
  if (exists || check.missing.length === 0) return check;
  const fields: Record<string, string[]> = Object.create(null);
  if (!check.ok) Object.assign(fields, check.fields);
  for (const field of check.missing) (fields[field] ??= []).push(`${field} is required for a new account`);
  return { ok: false, account_id: accountIdOf(check), fields, missing: check.missing };
}

/** Each account field's bit in the mask of the fields a row gives a value. */
const FIELD_BIT = new Map<string, number>(ACCOUNT_FIELDS.map((field, i) => [field, 2 ** i]));
const bit = (field: string) => FIELD_BIT.get(field)!;
const BIT: Record<string, number> = Object.fromEntries(ACCOUNT_FIELDS.map((field) => [field, bit(field)]));
const BOOLEAN_BITS = BOOLEAN_FIELDS.map(bit);
const TIME_BITS = TIME_FIELDS.map(bit);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

/**
 * An amount written plainly — digits, at most two decimals, a leading minus, with `$`, `,` and spaces
 * anywhere — as `Number(…).toFixed(2)` writes it, without the regular expression and the conversions:
 * below 10^12 the nearest double is always within half a cent, so the cents are the digits written (and
 * zero has no sign: toFixed writes `-0` as `0.00`). Null for anything else (read the long way).
 */
function plainAmount(text: string): string | null {
  let whole = 0;
  let wholeDigits = 0;
  let cents = 0;
  let centDigits = 0;
  let negative = false;
  let point = false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 || c === 44 || c === 32) continue; // $ , space
    if (c === 45 && digits === 0 && !negative && !point) {
      negative = true;
      continue;
    }
    if (c === 46 && !point && digits > 0) {
      point = true;
      continue;
    }
    if (c < 48 || c > 57) return null;
    digits++;
    if (point) {
      if (centDigits === 2) return null;
      cents = cents * 10 + (c - 48);
      centDigits++;
    } else {
      whole = whole * 10 + (c - 48);
      if (whole > 0 && ++wholeDigits > 12) return null;
    }
  }
  if (digits === 0 || (point && centDigits === 0)) return null;
  if (centDigits === 1) cents *= 10;
  const sign = negative && (whole > 0 || cents > 0) ? '-' : '';
  return `${sign}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Adds a field's message, making the messages on the first one (most rows have none). No prototype: a
 * field named `constructor` or `__proto__` is collected like any other.
 */
function failed(fields: Record<string, string[]> | null, field: string, message: string): Record<string, string[]> {
  const out = fields ?? (Object.create(null) as Record<string, string[]>);
  (out[field] ??= []).push(message);
  return out;
}

export function validateAccountRow(row: unknown): AccountRowCheck {
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    return { ok: false, account_id: null, fields: { row: ['each row must be an object'] }, missing: [] };
  const input = row as Record<string, unknown>;
  // No closures and no message object unless a field fails (most rows): the import validates millions.
  let fields: Record<string, string[]> | null = null;
  const values: AccountColumns = {};
  const warnings: RowWarning[] = [];
  // The row's own fields, once (as Object.keys lists them): unknown ones are problems; the account fields
  // it gives a value (an empty string is none) are bits of `given`, so the checks below read only those.
  let given = 0;
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    const fieldBit = FIELD_BIT.get(key);
    if (fieldBit === undefined) fields = failed(fields, key, `${key} is not an account field`);
    else {
      const value = input[key];
      if (value !== undefined && value !== null && value !== '') given |= fieldBit;
    }
  }
  const missing: string[] = [];
  for (const key of REQUIRED_FOR_NEW_ACCOUNT) if (key !== 'account_id' && (given & BIT[key]!) === 0) missing.push(key);

  const accountId =
    typeof input.account_id === 'string' || typeof input.account_id === 'number' ? String(input.account_id).trim() : '';
  if (!accountId) fields = failed(fields, 'account_id', 'account_id is required');
  else if (accountId.length > 64) fields = failed(fields, 'account_id', 'account_id is longer than 64 characters');
  else values.account_id = accountId;

  if ((given & BIT.phone_number!) !== 0) {
    // The common US shapes take a regex fast path (docs/formats.md: the library costs ~20 µs a number).
    const e164 = toE164(String(input.phone_number));
    if (!e164) fields = failed(fields, 'phone_number', 'phone_number is not a valid phone number');
    else values.phone_number = e164;
  }
  if ((given & BIT.phone_type!) !== 0) {
    const value = String(input.phone_type).toLowerCase();
    if (!PHONE_TYPES.includes(value))
      fields = failed(fields, 'phone_type', `phone_type must be one of ${PHONE_TYPES.join(', ')}`);
    else values.phone_type = value;
  }
  if ((given & BIT.state!) !== 0) {
    const value = String(input.state).trim().toUpperCase();
    if (!US_STATES.has(value)) fields = failed(fields, 'state', 'state must be a US two-letter code');
    else values.state = value;
  }
  if ((given & BIT.zip!) !== 0) {
    const match = /^(\d{5})(-\d{4})?$/.exec(String(input.zip).trim());
    if (!match) fields = failed(fields, 'zip', 'zip must be 5 digits (or ZIP+4)');
    else values.zip = match[1];
  }
  if ((given & BIT.timezone!) !== 0) {
    const value = String(input.timezone).trim();
    if (!DateTime.now().setZone(value).isValid)
      fields = failed(fields, 'timezone', 'timezone must be an IANA zone name such as America/Chicago');
    else values.timezone = value;
  }
  if ((given & BIT.email!) !== 0) {
    const value = String(input.email).trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || value.length > 254)
      fields = failed(fields, 'email', 'email is not an email address');
    else values.email = value;
  }
  if ((given & BIT.balance!) !== 0) {
    // Exports write `$1,234.50`: the currency sign, thousands separators and spaces are dropped.
    const plain = typeof input.balance === 'string' ? plainAmount(input.balance) : null;
    const value =
      plain !== null
        ? plain.charCodeAt(0) === 45
          ? -1
          : 1
        : typeof input.balance === 'number'
          ? input.balance
          : Number(String(input.balance).replace(/[$,\s]/g, ''));
    if (!Number.isFinite(value) || Math.abs(value) >= 1e12)
      fields = failed(fields, 'balance', 'balance must be a number');
    else {
      values.balance = plain ?? value.toFixed(2);
      // A negative balance is a credit (the consumer is owed money): kept as given, and said.
      if (value < 0)
        warnings.push({
          field: 'balance',
          code: 'credit_balance',
          message: `balance ${values.balance} is negative: a credit balance, imported as given`,
        });
    }
  }
  if ((given & BIT.bankruptcy_status!) !== 0) {
    const value = String(input.bankruptcy_status).toLowerCase();
    if (!BANKRUPTCY_STATUSES.includes(value))
      fields = failed(
        fields,
        'bankruptcy_status',
        `bankruptcy_status must be one of ${BANKRUPTCY_STATUSES.join(', ')}`,
      );
    else values.bankruptcy_status = value;
  }
  if ((given & BIT.medium_bans!) !== 0) {
    const list = Array.isArray(input.medium_bans)
      ? input.medium_bans.map(String)
      : String(input.medium_bans)
          .split(/[,;|]/)
          .map((s) => s.trim())
          .filter(Boolean);
    const bad = list.filter((c) => !CHANNELS.includes(c));
    if (bad.length) fields = failed(fields, 'medium_bans', `medium_bans may hold ${CHANNELS.join(', ')}`);
    else values.medium_bans = [...new Set(list)];
  }
  for (let i = 0; i < BOOLEAN_FIELDS.length; i++) {
    if ((given & BOOLEAN_BITS[i]!) === 0) continue;
    const key = BOOLEAN_FIELDS[i]!;
    const raw = input[key];
    const word = typeof raw === 'boolean' ? '' : String(raw).toLowerCase();
    const value = typeof raw === 'boolean' ? raw : TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null;
    if (value === null) fields = failed(fields, key, `${key} must be true or false`);
    else values[key] = value;
  }
  for (let i = 0; i < TIME_FIELDS.length; i++) {
    if ((given & TIME_BITS[i]!) === 0) continue;
    const key = TIME_FIELDS[i]!;
    const iso = toIsoTime(String(input[key]).trim());
    if (!iso) fields = failed(fields, key, `${key} must be a date or time (ISO 8601, or MM/DD/YYYY)`);
    else values[key] = iso;
  }
  if (fields) return { ok: false, account_id: accountId || null, fields, missing };
  return { ok: true, values, warnings, missing };
}
