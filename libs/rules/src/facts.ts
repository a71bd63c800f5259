import type { AccountFacts, Attempt, Channel, Outcome } from './types';

/** The `account` row as `row_to_json` gives it (snake_case, timestamps as ISO text). */
export type AccountRow = Record<string, unknown> & { account_id: string };

const time = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The facts the rules read, from an account row. */
export function factsFromRow(row: AccountRow): AccountFacts {
  return {
    account_id: row.account_id,
    phone_number: text(row.phone_number),
    phone_type: (text(row.phone_type) as AccountFacts['phone_type']) ?? null,
    state: text(row.state),
    zip: text(row.zip),
    timezone: text(row.timezone),
    email: text(row.email),
    email_is_work: row.email_is_work === true,
    bankruptcy_flag: row.bankruptcy_flag === true,
    bankruptcy_status: (text(row.bankruptcy_status) as AccountFacts['bankruptcy_status']) ?? null,
    cease_requested_at: time(row.cease_requested_at),
    attorney_represented: row.attorney_represented === true,
    dispute_open: row.dispute_open === true,
    deceased: row.deceased === true,
    scra_active_duty: row.scra_active_duty === true,
    autodial_consent: row.autodial_consent === true,
    autodial_consent_revoked_at: time(row.autodial_consent_revoked_at),
    sms_opt_out_at: time(row.sms_opt_out_at),
    email_opt_out_at: time(row.email_opt_out_at),
    employer_prohibits_calls: row.employer_prohibits_calls === true,
    medium_bans: Array.isArray(row.medium_bans) ? (row.medium_bans as Channel[]) : [],
    time_barred: row.time_barred === true,
    time_barred_disclosure_given: row.time_barred_disclosure_given === true,
    is_test: row.is_test === true,
  };
}

/**
 * `[epoch_ms, channel, outcome]` rows from `gate_read`; a fourth element `false` marks a conversation on an
 * attempt that counts toward no cap (an inbound call): it starts the post-conversation pause only.
 */
export function historyFromRows(rows: [number, Channel, Outcome, false?][]): Attempt[] {
  return rows.map(([at, channel, outcome, counted]) =>
    counted === false ? { at: Number(at), channel, outcome, counted } : { at: Number(at), channel, outcome },
  );
}
