import { createHash } from 'node:crypto';

export type ImportTarget = 'accounts' | 'transactions' | 'contact_history';
export type FieldStatus = 'required' | 'recommended' | 'optional';

export interface FieldSpec {
  field: string;
  status: FieldStatus;
  /** Header names that suggest this field (compared lower-case with spaces, dots and dashes as `_`). */
  aliases: string[];
  /** The field takes several source columns joined (transactions' reference). */
  multi?: boolean;
}

/** SPEC I1 / docs/formats.md: the import targets and their fields. */
export const TARGET_FIELDS: Record<ImportTarget, FieldSpec[]> = {
  accounts: [
    {
      field: 'account_id',
      status: 'required',
      aliases: [
        'account',
        'account_no',
        'account_number',
        'acct',
        'acct_no',
        'acct_num',
        'acct_number',
        'accountid',
        'debtor_id',
        'reference',
        'ref',
        'file_number',
        'client_account',
      ],
    },
    {
      field: 'phone_number',
      status: 'required',
      aliases: [
        'phone',
        'tel',
        'telephone',
        'phone_no',
        'phone_num',
        'mobile',
        'cell',
        'home_phone',
        'primary_phone',
        'phonenumber',
        'number',
      ],
    },
    { field: 'state', status: 'required', aliases: ['st', 'state_code', 'province', 'region'] },
    {
      field: 'balance',
      status: 'recommended',
      aliases: ['amount_due', 'balance_due', 'current_balance', 'bal', 'amount', 'total_due', 'outstanding'],
    },
    {
      field: 'last_contact_at',
      status: 'recommended',
      aliases: ['last_contact', 'last_contacted', 'last_contact_date', 'last_call', 'last_call_date'],
    },
    {
      field: 'bankruptcy_flag',
      status: 'recommended',
      aliases: ['bankruptcy', 'bankrupt', 'bk', 'bk_flag', 'in_bankruptcy'],
    },
    { field: 'phone_type', status: 'optional', aliases: ['line_type', 'phone_kind'] },
    { field: 'zip', status: 'optional', aliases: ['zip_code', 'zipcode', 'postal_code', 'postcode', 'postal'] },
    { field: 'timezone', status: 'optional', aliases: ['time_zone', 'tz'] },
    { field: 'email', status: 'optional', aliases: ['email_address', 'e_mail', 'mail'] },
    { field: 'email_is_work', status: 'optional', aliases: ['work_email'] },
    { field: 'bankruptcy_status', status: 'optional', aliases: ['bk_status'] },
    { field: 'attorney_represented', status: 'optional', aliases: ['attorney', 'has_attorney', 'represented'] },
    { field: 'dispute_open', status: 'optional', aliases: ['dispute', 'disputed', 'in_dispute'] },
    { field: 'deceased', status: 'optional', aliases: ['dead', 'is_deceased', 'deceased_flag'] },
    { field: 'scra_active_duty', status: 'optional', aliases: ['scra', 'active_duty', 'military'] },
    { field: 'autodial_consent', status: 'optional', aliases: ['consent', 'tcpa_consent', 'prior_express_consent'] },
    { field: 'employer_prohibits_calls', status: 'optional', aliases: ['no_work_calls'] },
    { field: 'time_barred', status: 'optional', aliases: ['out_of_statute', 'sol_expired'] },
    { field: 'time_barred_disclosure_given', status: 'optional', aliases: [] },
    { field: 'cease_requested_at', status: 'optional', aliases: ['cease', 'cease_date', 'cease_and_desist'] },
    { field: 'autodial_consent_revoked_at', status: 'optional', aliases: ['consent_revoked', 'consent_revoked_at'] },
    { field: 'sms_opt_out_at', status: 'optional', aliases: ['sms_opt_out', 'text_opt_out'] },
    { field: 'email_opt_out_at', status: 'optional', aliases: ['email_opt_out'] },
    { field: 'medium_bans', status: 'optional', aliases: ['do_not_contact_channels', 'channel_bans'] },
  ],
  transactions: [
    { field: 'account_id', status: 'required', aliases: ['account', 'account_no', 'acct', 'acct_no', 'dim_1'] },
    { field: 'amount', status: 'required', aliases: ['amt', 'payment', 'payment_amount', 'value', 'belopp'] },
    {
      field: 'posted_at',
      status: 'required',
      aliases: ['posted', 'date', 'payment_date', 'post_date', 'trans_date', 'ver_date', 'transaction_date'],
    },
    {
      field: 'reference',
      status: 'required',
      aliases: ['ref', 'transaction_id', 'payment_id', 'txn_id', 'id'],
      multi: true,
    },
    { field: 'description', status: 'optional', aliases: ['memo', 'text', 'trans_text', 'ver_text', 'note', 'notes'] },
  ],
  // SPEC I7, decided detail 29: the prior dialer/SMS/email log, in the generic webhook's vocabulary.
  contact_history: [
    {
      field: 'account_id',
      status: 'required',
      aliases: [
        'account',
        'account_no',
        'account_number',
        'acct',
        'acct_no',
        'acct_num',
        'accountid',
        'debtor_id',
        'file_number',
        'client_account',
      ],
    },
    { field: 'channel', status: 'required', aliases: ['medium', 'contact_type', 'type', 'contact_channel', 'method'] },
    {
      field: 'occurred_at',
      status: 'required',
      aliases: [
        'occurred',
        'contact_time',
        'contacted_at',
        'call_time',
        'call_date',
        'called_at',
        'attempted_at',
        'timestamp',
        'date_time',
        'datetime',
        'start_time',
        'time',
      ],
    },
    {
      field: 'disposition',
      status: 'required',
      aliases: ['result', 'outcome', 'call_result', 'disposition_code', 'status', 'call_status'],
    },
    {
      field: 'phone_number',
      status: 'optional',
      aliases: ['phone', 'number', 'dialed_number', 'phone_dialed', 'to', 'tel'],
    },
    { field: 'agent_id', status: 'optional', aliases: ['agent', 'agent_code', 'rep', 'collector', 'user_id'] },
    {
      field: 'event_id',
      status: 'optional',
      aliases: ['call_id', 'contact_id', 'interaction_id', 'record_id', 'message_id', 'id', 'uuid'],
    },
  ],
};

export function isTarget(value: unknown): value is ImportTarget {
  return value === 'accounts' || value === 'transactions' || value === 'contact_history';
}

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[?#]/g, '')
    .replace(/[\s.\-/]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** The key a tenant's remembered mapping is stored under: the format, the target and the header set. */
export function sourceKey(format: string, target: ImportTarget, headers: string[]): string {
  return createHash('sha256')
    .update(`${format}\u0000${target}\u0000${[...headers].sort().join('\u0000')}`)
    .digest('hex')
    .slice(0, 64);
}

/**
 * The suggested mapping: what the tenant used last for the same source when there is one, else each field
 * matched by its own name, then by an alias (first header wins; a header maps to one field). SIE files
 * map to transactions as voucher series + number + row (decided detail 6).
 */
export function suggestMapping(
  target: ImportTarget,
  headers: string[],
  remembered: Record<string, string | string[]> | null,
  format?: string,
): Record<string, string | string[]> {
  if (remembered) {
    const usable = Object.fromEntries(
      Object.entries(remembered).filter(([, v]) =>
        Array.isArray(v) ? v.every((h) => headers.includes(h)) : headers.includes(v),
      ),
    );
    if (Object.keys(usable).length) return usable;
  }
  const byName = new Map(headers.map((h) => [normalise(h), h]));
  const used = new Set<string>();
  const mapping: Record<string, string | string[]> = {};
  if (target === 'transactions' && format === 'sie') {
    const sie: [string, string | string[]][] = [
      ['reference', ['ver_series', 'ver_no', 'row']],
      ['account_id', 'dim_1'],
      ['amount', 'amount'],
      ['posted_at', 'ver_date'],
      ['description', 'ver_text'],
    ];
    for (const [field, header] of sie) {
      const list = Array.isArray(header) ? header : [header];
      if (list.every((h) => headers.includes(h) || h === 'row')) mapping[field] = header;
    }
    return mapping;
  }
  for (const spec of TARGET_FIELDS[target]) {
    const candidates = [spec.field, ...spec.aliases];
    for (const name of candidates) {
      const header = byName.get(name);
      if (header && !used.has(header)) {
        mapping[spec.field] = spec.multi ? [header] : header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
}

/** Every field with its status and what it is mapped to. */
export function fieldStatuses(target: ImportTarget, mapping: Record<string, string | string[]> | null) {
  return TARGET_FIELDS[target].map((spec) => ({
    field: spec.field,
    status: spec.status,
    mapped_to: mapping?.[spec.field] ?? null,
  }));
}

/** Problems of a mapping against the file's headers, keyed by target field (the 400's field messages). */
export function mappingProblems(
  target: ImportTarget,
  headers: string[],
  mapping: unknown,
  sieRow = false,
): Record<string, string[]> {
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping))
    return { mapping: ['mapping must be an object of target field → source header'] };
  // No prototype: a mapping key named `__proto__` or `constructor` is refused like any other unknown field.
  const problems: Record<string, string[]> = Object.create(null);
  const specs = new Map(TARGET_FIELDS[target].map((s) => [s.field, s]));
  for (const [field, source] of Object.entries(mapping as Record<string, unknown>)) {
    const spec = specs.get(field);
    if (!spec) {
      problems[field] = [`${field.length > 100 ? `${field.slice(0, 100)}…` : field} is not a field of ${target}`];
      continue;
    }
    const list = Array.isArray(source) ? source : [source];
    if (list.length === 0 || list.length > 5 || (!spec.multi && list.length > 1)) {
      problems[field] = [spec.multi ? `${field} takes 1 to 5 source columns` : `${field} takes one source column`];
      continue;
    }
    const unknown = list.filter((h) => typeof h !== 'string' || (!headers.includes(h) && !(sieRow && h === 'row')));
    if (unknown.length) problems[field] = [`no column ${unknown.map((h) => JSON.stringify(h)).join(', ')} in the file`];
  }
  return problems;
}

/** Required fields the mapping leaves out. */
export function missingRequired(target: ImportTarget, mapping: Record<string, string | string[]> | null): string[] {
  return TARGET_FIELDS[target].filter((s) => s.status === 'required' && !mapping?.[s.field]).map((s) => s.field);
}
