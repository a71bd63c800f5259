import { toE164 } from '@floor-os/formats';

/**
 * Vendor adapters (SPEC W1): each turns one vendor's delivery into the one Outcome shape the processor
 * applies. Pure functions; the signatures are checked before (signatures.ts).
 *
 * Decided here (the SPEC is silent):
 * - A disposition the mapping tables below do not know is `connected`: it counts as an attempt (the safe
 *   side for caps) but does not start the post-conversation pause. A vendor may also send one of our own
 *   disposition names (`no_answer`, `busy`, …) and it is taken as is.
 * - An inbound message whose text is one of the opt-out words (STOP, QUIT, END, REVOKE, OPT OUT, CANCEL,
 *   UNSUBSCRIBE; case and surrounding spaces ignored) is an `opt_out`, whatever status came with it.
 * - An inbound opt-out needs no account: it is matched by phone number to every account of the tenant with
 *   that number (decided detail 5), and it is not an attempt of ours, so it resolves none.
 */

export const DISPOSITIONS = [
  'no_answer',
  'voicemail',
  'busy',
  'failed',
  'connected',
  'conversation',
  'opt_out',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const OUTCOME_CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;

/** The normalised outcome, stored in the inbox and applied by the processor. */
export interface Outcome {
  event_id: string;
  audit_id?: string;
  /** Absent only for an inbound opt-out, which is matched by phone number. */
  account_id?: string;
  channel: string;
  phone_number?: string;
  disposition: Disposition;
  occurred_at: string;
  duration_seconds?: number;
  agent_id?: string;
  message?: string;
  /** The consumer wrote to us (an inbound text): not one of our attempts. */
  inbound?: boolean;
}

export type AdapterResult = Outcome | { error: string };

const OPT_OUT_WORDS = /^\s*(stop|quit|end|revoke|opt[\s-]?out|cancel|unsubscribe)\s*[.!]?\s*$/i;

export function isOptOutMessage(text: unknown): boolean {
  return typeof text === 'string' && OPT_OUT_WORDS.test(text);
}

/** A vendor's phone field in E.164 (the product's one normaliser, libs/formats), or undefined when it cannot be read. */
export function phoneOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return toE164(value.trim()) ?? undefined;
}

/** Checks an outcome before it is applied; the reasons it cannot be. */
export function outcomeProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be a JSON object'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const inboundOptOut = b.disposition === 'opt_out' && typeof b.phone_number === 'string' && b.phone_number !== '';
  if (
    b.account_id !== undefined &&
    (typeof b.account_id !== 'string' || b.account_id === '' || b.account_id.length > 64)
  )
    problems.push('account_id must be 1 to 64 characters');
  if (b.account_id === undefined && !inboundOptOut)
    problems.push('account_id is required (only an opt-out with a phone_number may omit it)');
  if (typeof b.channel !== 'string' || !(OUTCOME_CHANNELS as readonly string[]).includes(b.channel))
    problems.push('channel must be voice, sms, email or payment');
  if (typeof b.disposition !== 'string' || !(DISPOSITIONS as readonly string[]).includes(b.disposition))
    problems.push(`disposition must be one of ${DISPOSITIONS.join(', ')}`);
  if (typeof b.occurred_at !== 'string' || Number.isNaN(Date.parse(b.occurred_at)))
    problems.push('occurred_at must be an ISO time');
  if (
    b.audit_id !== undefined &&
    b.audit_id !== null &&
    (typeof b.audit_id !== 'string' || !/^ccs_[0-9A-HJKMNP-TV-Z]{26}$/.test(b.audit_id))
  )
    problems.push('audit_id must be a ccs_ id');
  if (b.phone_number !== undefined && b.phone_number !== null && phoneOf(b.phone_number) === undefined)
    problems.push('phone_number is not a valid phone number');
  if (
    b.duration_seconds !== undefined &&
    b.duration_seconds !== null &&
    (typeof b.duration_seconds !== 'number' || b.duration_seconds < 0)
  )
    problems.push('duration_seconds must be a number ≥ 0');
  return problems;
}

/** The generic body as sent (SPEC API contract); a STOP-word `message` is an opt-out. */
export function genericOutcome(body: unknown): AdapterResult {
  const problems = outcomeProblems(body);
  if (problems.length) return { error: problems.join('; ') };
  const b = body as Outcome;
  const phone = phoneOf(b.phone_number);
  return { ...b, phone_number: phone, disposition: isOptOutMessage(b.message) ? 'opt_out' : b.disposition };
}

/** Decided detail 5: Twilio call and message statuses → dispositions (in-progress states carry none). */
export function twilioOutcome(
  params: Record<string, string>,
  query: Record<string, string>,
  now = new Date(),
): AdapterResult {
  const accountId = query.account_id ?? params.account_id;
  const auditId = query.audit_id ?? params.audit_id;
  const callStatus = params.CallStatus;
  const messageStatus = params.MessageStatus ?? params.SmsStatus;
  let disposition: Disposition | null = null;
  let eventId: string;
  let channel: string;
  let phone = phoneOf(params.To);
  let inbound = false;
  if (params.CallSid && callStatus) {
    channel = 'voice';
    eventId = `${params.CallSid}:${callStatus}${params.SequenceNumber ? `:${params.SequenceNumber}` : ''}`;
    if (callStatus === 'busy') disposition = 'busy';
    else if (callStatus === 'failed' || callStatus === 'canceled') disposition = 'failed';
    else if (callStatus === 'no-answer') disposition = 'no_answer';
    else if (callStatus === 'completed')
      disposition = (params.AnsweredBy ?? '').startsWith('machine') ? 'voicemail' : 'connected';
  } else if (params.MessageSid && messageStatus) {
    channel = 'sms';
    eventId = `${params.MessageSid}:${messageStatus}`;
    if (messageStatus === 'received') {
      // An inbound text: the consumer's number is From.
      inbound = true;
      phone = phoneOf(params.From);
      if (isOptOutMessage(params.Body)) disposition = 'opt_out';
      else return { error: 'an inbound message that is not an opt-out carries no outcome' };
    } else if (messageStatus === 'failed' || messageStatus === 'undelivered') disposition = 'failed';
    else if (messageStatus === 'delivered') disposition = 'connected';
  } else {
    return { error: 'a Twilio call or message status callback was expected' };
  }
  if (!disposition) return { error: `status ${callStatus ?? messageStatus} carries no outcome` };
  if (!accountId && !(disposition === 'opt_out' && phone))
    return { error: 'account_id must be a query parameter of the status callback URL' };
  return {
    event_id: eventId,
    ...(auditId ? { audit_id: auditId } : {}),
    ...(accountId ? { account_id: accountId } : {}),
    channel,
    disposition,
    occurred_at: now.toISOString(),
    ...(phone ? { phone_number: phone } : {}),
    ...(params.CallDuration ? { duration_seconds: Number(params.CallDuration) } : {}),
    ...(inbound ? { inbound: true, message: params.Body } : {}),
  };
}

/**
 * Five9 dispositions (system dispositions and the common agent ones) → ours. Matched case-insensitively on
 * the disposition name; anything else is `connected`.
 */
export const FIVE9_DISPOSITIONS: Record<string, Disposition> = {
  'no answer': 'no_answer',
  'no party contact': 'no_answer',
  busy: 'busy',
  'answering machine': 'voicemail',
  voicemail: 'voicemail',
  'left message': 'voicemail',
  abandon: 'failed',
  'operator intercept': 'failed',
  fax: 'failed',
  'dial error': 'failed',
  'no disconnect': 'failed',
  'wrong number': 'connected',
  'third party': 'connected',
  'right party contact': 'conversation',
  rpc: 'conversation',
  'promise to pay': 'conversation',
  'payment taken': 'conversation',
  'refused to pay': 'conversation',
  'do not call': 'opt_out',
  dnc: 'opt_out',
  'added to dnc': 'opt_out',
};

/**
 * Convoso call-log status codes → ours. Convoso's codes: NA/N no answer, B/AB busy, A/AA/AM/AL answering
 * machine, DC/ADC/F/ERI disconnected, fax, error; DNC do not call; agent statuses for a right-party talk.
 */
export const CONVOSO_STATUSES: Record<string, Disposition> = {
  NA: 'no_answer',
  N: 'no_answer',
  NOANSWER: 'no_answer',
  B: 'busy',
  AB: 'busy',
  A: 'voicemail',
  AA: 'voicemail',
  AM: 'voicemail',
  AL: 'voicemail',
  DC: 'failed',
  ADC: 'failed',
  F: 'failed',
  ERI: 'failed',
  DROP: 'failed',
  WN: 'connected',
  RPC: 'conversation',
  PTP: 'conversation',
  SALE: 'conversation',
  CALLBK: 'conversation',
  DNC: 'opt_out',
  DNCL: 'opt_out',
};

function ownOrMapped(
  value: unknown,
  table: Record<string, Disposition>,
  key: (v: string) => string,
): Disposition | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if ((DISPOSITIONS as readonly string[]).includes(value.trim())) return value.trim() as Disposition;
  return table[key(value.trim())] ?? 'connected';
}

function timeOf(value: unknown, now: Date): string {
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Date.parse(value.trim());
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  if (typeof value === 'number' && Number.isFinite(value))
    return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  return now.toISOString();
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/**
 * A Five9 Web Connector POST (form fields or JSON). The connector sends the call variables it is told to;
 * the README lists the set: `call_id` (dedupe with the disposition, decided detail 5), `disposition` (the
 * disposition name), `number` (the dialed number), `account_id` and `audit_id` (call variables the dialer
 * set from the gate), `agent` (the agent's username), `timestamp`, `length` (seconds).
 */
export function five9Outcome(fields: Record<string, unknown>, now = new Date()): AdapterResult {
  const callId = str(fields.call_id);
  const dispositionName = str(fields.disposition);
  if (!callId) return { error: 'call_id is required' };
  if (!dispositionName) return { error: 'disposition is required' };
  const disposition = ownOrMapped(dispositionName, FIVE9_DISPOSITIONS, (v) => v.toLowerCase())!;
  const outcome: Outcome = {
    event_id: `${callId}:${dispositionName}`.slice(0, 200),
    ...(str(fields.audit_id) ? { audit_id: str(fields.audit_id) } : {}),
    ...(str(fields.account_id) ? { account_id: str(fields.account_id) } : {}),
    channel: 'voice',
    ...(phoneOf(str(fields.number)) ? { phone_number: phoneOf(str(fields.number)) } : {}),
    disposition,
    occurred_at: timeOf(fields.timestamp, now),
    ...(str(fields.length) && Number.isFinite(Number(fields.length))
      ? { duration_seconds: Number(fields.length) }
      : {}),
    ...(str(fields.agent) ? { agent_id: str(fields.agent) } : {}),
  };
  const problems = outcomeProblems(outcome);
  return problems.length ? { error: problems.join('; ') } : outcome;
}

/**
 * A Convoso Connect call-log POST (form fields or JSON): `call_log_id` (the dedupe key, decided detail 5),
 * `status` (the call-log status code), `phone_number`, `account_id` and `audit_id` (lead fields the dialer
 * set), `user` (the agent), `call_date`, `length_in_sec`.
 */
export function convosoOutcome(fields: Record<string, unknown>, now = new Date()): AdapterResult {
  const callLogId = str(fields.call_log_id);
  const status = str(fields.status);
  if (!callLogId) return { error: 'call_log_id is required' };
  if (!status) return { error: 'status is required' };
  const outcome: Outcome = {
    event_id: callLogId.slice(0, 200),
    ...(str(fields.audit_id) ? { audit_id: str(fields.audit_id) } : {}),
    ...(str(fields.account_id) ? { account_id: str(fields.account_id) } : {}),
    channel: 'voice',
    ...(phoneOf(str(fields.phone_number)) ? { phone_number: phoneOf(str(fields.phone_number)) } : {}),
    disposition: ownOrMapped(status, CONVOSO_STATUSES, (v) => v.toUpperCase())!,
    occurred_at: timeOf(fields.call_date, now),
    ...(str(fields.length_in_sec) && Number.isFinite(Number(fields.length_in_sec))
      ? { duration_seconds: Number(fields.length_in_sec) }
      : {}),
    ...(str(fields.user) ? { agent_id: str(fields.user) } : {}),
  };
  const problems = outcomeProblems(outcome);
  return problems.length ? { error: problems.join('; ') } : outcome;
}
