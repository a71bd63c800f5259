import { DateTime } from 'luxon';
import type { AccountFacts, Attempt, Channel, CheckRequest, Outcome, TenantContext } from '../types';

export const HOUR = 3_600_000;

/** An account with nothing on file that blocks: Chicago, landline, consent given. */
export function makeFacts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    account_id: 'A-1',
    phone_number: '+13125550123',
    phone_type: 'landline',
    state: 'IL',
    zip: '60601',
    timezone: null,
    email: 'pat@example.com',
    email_is_work: false,
    bankruptcy_flag: false,
    bankruptcy_status: null,
    cease_requested_at: null,
    attorney_represented: false,
    dispute_open: false,
    deceased: false,
    scra_active_duty: false,
    autodial_consent: true,
    autodial_consent_revoked_at: null,
    sms_opt_out_at: null,
    email_opt_out_at: null,
    employer_prohibits_calls: false,
    medium_bans: [],
    time_barred: false,
    time_barred_disclosure_given: false,
    is_test: false,
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<CheckRequest> = {}): CheckRequest {
  const channel = overrides.channel ?? 'voice';
  return {
    channel,
    dial_mode: channel === 'voice' ? 'automated' : 'manual',
    phone_number: null,
    email: null,
    ...overrides,
  };
}

export function makeTenant(overrides: Partial<TenantContext> = {}): TenantContext {
  return { suppressed_phone: false, suppressed_email: false, collector_kind: 'third_party', ...overrides };
}

export function attempt(at: number, channel: Channel = 'voice', outcome: Outcome = 'no_answer'): Attempt {
  return { at, channel, outcome };
}

/** `count` attempts, one an hour, the latest `hoursAgo` hours before `now`. */
export function attemptsBefore(
  now: number,
  count: number,
  channel: Channel = 'voice',
  outcome: Outcome = 'no_answer',
  hoursAgo = 1,
): Attempt[] {
  return Array.from({ length: count }, (_, i) => attempt(now - (hoursAgo + i) * HOUR, channel, outcome));
}

/** Epoch ms of a local wall time in an IANA zone. */
export function localTime(zone: string, year: number, month: number, day: number, hour: number, minute = 0): number {
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!dt.isValid) throw new Error(`invalid local time ${zone} ${year}-${month}-${day} ${hour}:${minute}`);
  return dt.toMillis();
}

/** Wednesday 2026-03-18, 11:00 in Chicago (CDT): inside calling hours everywhere in the contiguous US. */
export const NOON_ISH = localTime('America/Chicago', 2026, 3, 18, 11, 0);
