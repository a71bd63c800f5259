import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { toE164 } from '../phone';
import type { AccountColumns } from './account-row';

/**
 * Rows of the `contact_history` import target (SPEC I7, decided detail 29): the tenant's prior dialer, SMS
 * and email log, brought into the ledger the gate counts. Pure: the vocabularies, when a contact happened
 * and one row's validation; the API stages and applies (apps/api/src/imports/contact-history.ts).
 */

/** The generic webhook's vocabulary (decided detail 5). */
export const HISTORY_DISPOSITIONS = [
  'no_answer',
  'voicemail',
  'busy',
  'failed',
  'connected',
  'conversation',
  'opt_out',
] as const;
export type HistoryDisposition = (typeof HISTORY_DISPOSITIONS)[number];
export const HISTORY_CHANNELS = ['voice', 'sms', 'email'] as const;

/**
 * Words dialers and CRMs commonly export, read as the vocabulary (compared lower-case, spaces and dashes
 * as `_`). Anything else is a rejected row naming the vocabulary: a guess could hide a conversation.
 */
const DISPOSITION_WORDS: Readonly<Record<string, HistoryDisposition>> = {
  no_answer: 'no_answer',
  noanswer: 'no_answer',
  na: 'no_answer',
  not_answered: 'no_answer',
  unanswered: 'no_answer',
  ring_no_answer: 'no_answer',
  voicemail: 'voicemail',
  voice_mail: 'voicemail',
  vm: 'voicemail',
  left_message: 'voicemail',
  left_voicemail: 'voicemail',
  answering_machine: 'voicemail',
  machine: 'voicemail',
  busy: 'busy',
  failed: 'failed',
  fail: 'failed',
  undelivered: 'failed',
  bounced: 'failed',
  disconnected: 'failed',
  wrong_number_disconnected: 'failed',
  invalid_number: 'failed',
  connected: 'connected',
  answered: 'connected',
  delivered: 'connected',
  sent: 'connected',
  completed: 'connected',
  wrong_party: 'connected',
  third_party: 'connected',
  conversation: 'conversation',
  rpc: 'conversation',
  right_party_contact: 'conversation',
  right_party: 'conversation',
  spoke_to_debtor: 'conversation',
  contact_made: 'conversation',
  opt_out: 'opt_out',
  optout: 'opt_out',
  stop: 'opt_out',
  unsubscribe: 'opt_out',
  unsubscribed: 'opt_out',
  do_not_call: 'opt_out',
};
const CHANNEL_WORDS: Readonly<Record<string, (typeof HISTORY_CHANNELS)[number]>> = {
  voice: 'voice',
  call: 'voice',
  phone: 'voice',
  outbound_call: 'voice',
  dial: 'voice',
  sms: 'sms',
  text: 'sms',
  text_message: 'sms',
  message: 'sms',
  email: 'email',
  e_mail: 'email',
  mail: 'email',
};

const word = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s\-/.]+/g, '_');

/** A local time without an offset, as exports write it: ISO (`T` or a space) or US (`MM/DD/YYYY h:mm[:ss] [AM|PM]`). */
const LOCAL_FORMATS = [
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm:ss.SSS',
  'M/d/yyyy H:mm',
  'M/d/yyyy H:mm:ss',
  'M/d/yyyy h:mm a',
  'M/d/yyyy h:mm:ss a',
];
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * When a contact happened: an ISO time with an offset is that instant; a time without one is read in the
 * tenant's zone (decided detail 29). A date alone is refused: it cannot place the contact in a 168-hour window.
 */
export function historyTime(value: string, zone: string): { at: string } | { problem: string } {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text)) {
    return { problem: 'occurred_at needs a time of day: a date alone cannot place the contact in the 168-hour window' };
  }
  let parsed: DateTime;
  if (HAS_OFFSET.test(text) && text.includes('T')) parsed = DateTime.fromISO(text, { setZone: true });
  else {
    const iso = DateTime.fromISO(text.replace(' ', 'T'), { zone });
    parsed = iso.isValid && !HAS_OFFSET.test(text) ? iso : DateTime.invalid('unread');
    for (const format of LOCAL_FORMATS) {
      if (parsed.isValid) break;
      parsed = DateTime.fromFormat(text.toUpperCase().replace(/\s+/g, ' '), format.replace(' a', ' a'), {
        zone,
        locale: 'en-US',
      });
    }
  }
  if (!parsed.isValid)
    return { problem: 'occurred_at must be a date and time (ISO 8601, or MM/DD/YYYY HH:MM in the tenant’s time zone)' };
  return { at: parsed.toUTC().toISO()! };
}

/**
 * One history row: the normalised columns (with its dedupe key: `event_id` when given, else account +
 * channel + time + disposition, decided detail 29) or a message per field. `now` refuses a contact in the
 * future (more than five minutes ahead: clocks differ).
 */
export function validateHistoryRow(
  input: Record<string, string>,
  zone: string,
  now = Date.now(),
): { ok: true; values: AccountColumns } | { ok: false; account_id: string | null; fields: Record<string, string[]> } {
  const fields: Record<string, string[]> = Object.create(null);
  const fail = (f: string, m: string) => (fields[f] ??= []).push(m);
  const accountId = (input.account_id ?? '').trim();
  if (!accountId) fail('account_id', 'account_id is required');
  else if (accountId.length > 64) fail('account_id', 'account_id is longer than 64 characters');

  const channelWord = input.channel ? word(input.channel) : '';
  const channel = Object.hasOwn(CHANNEL_WORDS, channelWord) ? CHANNEL_WORDS[channelWord] : undefined;
  if (!input.channel) fail('channel', 'channel is required (voice, sms or email)');
  else if (!channel) fail('channel', `channel must be voice, sms or email (got "${input.channel.slice(0, 40)}")`);

  const dispositionWord = input.disposition ? word(input.disposition) : '';
  const disposition = Object.hasOwn(DISPOSITION_WORDS, dispositionWord)
    ? DISPOSITION_WORDS[dispositionWord]
    : undefined;
  if (!input.disposition) fail('disposition', `disposition is required (${HISTORY_DISPOSITIONS.join(', ')})`);
  else if (!disposition)
    fail(
      'disposition',
      `disposition must be one of ${HISTORY_DISPOSITIONS.join(', ')} (got "${input.disposition.slice(0, 40)}")`,
    );

  let at: string | null = null;
  if (!input.occurred_at) fail('occurred_at', 'occurred_at is required');
  else {
    const time = historyTime(input.occurred_at, zone);
    if ('problem' in time) fail('occurred_at', time.problem);
    else if (Date.parse(time.at) > now + 5 * 60_000) fail('occurred_at', 'occurred_at is in the future');
    else at = time.at;
  }

  let phone: string | null = null;
  if (input.phone_number) {
    phone = toE164(input.phone_number);
    if (!phone) fail('phone_number', 'phone_number is not a US phone number');
  }
  const agentId = input.agent_id?.trim() || null;
  if (agentId && agentId.length > 64) fail('agent_id', 'agent_id is longer than 64 characters');
  const eventId = input.event_id?.trim() || null;
  if (eventId && eventId.length > 200) fail('event_id', 'event_id is longer than 200 characters');

  if (Object.keys(fields).length) return { ok: false, account_id: accountId || null, fields };
  // A hash for the composite key: fixed length, and no separator a value could contain.
  const dedupeKey = eventId
    ? `event:${eventId}`
    : `contact:${createHash('sha256')
        .update(JSON.stringify([accountId, channel, at, disposition]))
        .digest('hex')}`;
  return {
    ok: true,
    values: {
      account_id: accountId,
      channel: channel!,
      occurred_at: at,
      disposition: disposition!,
      phone_number: phone,
      agent_id: agentId,
      event_id: eventId,
      dedupe_key: dedupeKey,
    },
  };
}
