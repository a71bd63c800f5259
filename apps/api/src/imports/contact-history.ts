import { createHash } from 'node:crypto';
import { toE164 } from '@floor-os/formats';
import { DateTime } from 'luxon';
import type { AccountColumns } from '../accounts/account-row';
import type { ColumnType } from './import-columns';

/**
 * The `contact_history` import target (SPEC I7, decided detail 29): the tenant's prior dialer, SMS and email
 * log, brought into the ledger the gate counts (`contact_attempt`, source `import`) so that on day one the
 * 7-in-7 cap and the post-conversation pause include what the previous system did. Pure parts here (row
 * validation and the SQL); the import runner stages and applies.
 */

/** The generic webhook's vocabulary (decided detail 5). */
export const HISTORY_DISPOSITIONS = ['no_answer', 'voicemail', 'busy', 'failed', 'connected', 'conversation', 'opt_out'] as const;
export type HistoryDisposition = (typeof HISTORY_DISPOSITIONS)[number];
export const HISTORY_CHANNELS = ['voice', 'sms', 'email'] as const;

/**
 * Words dialers and CRMs commonly export, read as the vocabulary (compared lower-case, spaces and dashes
 * as `_`). Anything else is a rejected row naming the vocabulary: a guess could hide a conversation.
 */
const DISPOSITION_WORDS: Readonly<Record<string, HistoryDisposition>> = {
  no_answer: 'no_answer', noanswer: 'no_answer', na: 'no_answer', not_answered: 'no_answer', unanswered: 'no_answer', ring_no_answer: 'no_answer',
  voicemail: 'voicemail', voice_mail: 'voicemail', vm: 'voicemail', left_message: 'voicemail', left_voicemail: 'voicemail', answering_machine: 'voicemail', machine: 'voicemail',
  busy: 'busy',
  failed: 'failed', fail: 'failed', undelivered: 'failed', bounced: 'failed', disconnected: 'failed', wrong_number_disconnected: 'failed', invalid_number: 'failed',
  connected: 'connected', answered: 'connected', delivered: 'connected', sent: 'connected', completed: 'connected', wrong_party: 'connected', third_party: 'connected',
  conversation: 'conversation', rpc: 'conversation', right_party_contact: 'conversation', right_party: 'conversation', spoke_to_debtor: 'conversation', contact_made: 'conversation',
  opt_out: 'opt_out', optout: 'opt_out', stop: 'opt_out', unsubscribe: 'opt_out', unsubscribed: 'opt_out', do_not_call: 'opt_out',
};
const CHANNEL_WORDS: Readonly<Record<string, (typeof HISTORY_CHANNELS)[number]>> = {
  voice: 'voice', call: 'voice', phone: 'voice', outbound_call: 'voice', dial: 'voice',
  sms: 'sms', text: 'sms', text_message: 'sms', message: 'sms',
  email: 'email', e_mail: 'email', mail: 'email',
};

export const HISTORY_STAGE_COLUMNS: [string, ColumnType][] = [
  ['account_id', 'text'],
  ['channel', 'text'],
  ['occurred_at', 'timestamptz'],
  ['disposition', 'text'],
  ['phone_number', 'text'],
  ['agent_id', 'text'],
  ['event_id', 'text'],
  ['dedupe_key', 'text'],
];

const word = (value: string) => value.trim().toLowerCase().replace(/[\s\-/.]+/g, '_');

/** A local time without an offset, as exports write it: ISO (`T` or a space) or US (`MM/DD/YYYY h:mm[:ss] [AM|PM]`). */
const LOCAL_FORMATS = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", 'M/d/yyyy H:mm', 'M/d/yyyy H:mm:ss', 'M/d/yyyy h:mm a', 'M/d/yyyy h:mm:ss a'];
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
      parsed = DateTime.fromFormat(text.toUpperCase().replace(/\s+/g, ' '), format.replace(' a', ' a'), { zone, locale: 'en-US' });
    }
  }
  if (!parsed.isValid) return { problem: 'occurred_at must be a date and time (ISO 8601, or MM/DD/YYYY HH:MM in the tenant’s time zone)' };
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
  const disposition = Object.hasOwn(DISPOSITION_WORDS, dispositionWord) ? DISPOSITION_WORDS[dispositionWord] : undefined;
  if (!input.disposition) fail('disposition', `disposition is required (${HISTORY_DISPOSITIONS.join(', ')})`);
  else if (!disposition) fail('disposition', `disposition must be one of ${HISTORY_DISPOSITIONS.join(', ')} (got "${input.disposition.slice(0, 40)}")`);

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
  const dedupeKey = eventId ? `event:${eventId}` : `contact:${createHash('sha256').update(JSON.stringify([accountId, channel, at, disposition])).digest('hex')}`;
  return {
    ok: true,
    values: { account_id: accountId, channel: channel!, occurred_at: at, disposition: disposition!, phone_number: phone, agent_id: agentId, event_id: eventId, dedupe_key: dedupeKey },
  };
}

/**
 * Rows for accounts the tenant does not have, reported as rejected rows (with their line) before applying;
 * $1 tenant, $2 import.
 */
export function rejectOrphanHistorySql(table: string): string {
  return `INSERT INTO import_rejected_row (import_id, line, account_id, field, reason)
    SELECT $2, s.line, s.account_id, 'account_id', 'no such account' FROM ${table} s
     WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id) RETURNING 1`;
}

/**
 * Applies the history ($1 tenant, $2 import): each contact once (a row seen before, in this file or an
 * earlier import, changes nothing — unique on the dedupe key), into the gate's ledger with source `import`:
 * busy and failed do not count toward caps, a conversation starts the post-conversation pause because the
 * rules read its outcome. An imported opt-out sets the channel's opt-out on the account when none is set
 * (decided detail 7: an import never weakens a fact, and here it only adds one). Answers the rows inserted
 * and the distinct contacts of the file.
 */
export function applyHistorySql(table: string): string {
  // Opt-outs per account and channel: a text's STOP revokes texts and autodial consent, a call's opt-out the
  // autodial consent, an email's the emails (as an inbound STOP or a dialer's opt-out does). One UPDATE per
  // account: a row may be changed only once in a statement.
  const set = (column: string, at: string) =>
    `${column} = coalesce(a.${column}, ${at})`;
  const sourced = (column: string, at: string) => `CASE WHEN a.${column} IS NULL AND ${at} IS NOT NULL THEN '${column}' END`;
  const revoked = 'least(o.sms_at, o.voice_at)';
  return `WITH s AS (SELECT DISTINCT ON (dedupe_key) * FROM ${table} ORDER BY dedupe_key, row_no),
    ins AS (INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, source, import_key, import_id)
            SELECT $1, s.account_id, s.occurred_at, s.channel, s.disposition, s.disposition NOT IN ('busy', 'failed'), 'import', s.dedupe_key, $2 FROM s
             WHERE EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id)
            ON CONFLICT (tenant_id, import_key) WHERE import_key IS NOT NULL DO NOTHING
            RETURNING account_id, at, channel, outcome),
    o AS (SELECT account_id, min(at) FILTER (WHERE channel = 'sms') AS sms_at, min(at) FILTER (WHERE channel = 'voice') AS voice_at,
                 min(at) FILTER (WHERE channel = 'email') AS email_at
            FROM ins WHERE outcome = 'opt_out' GROUP BY account_id),
    opted AS (UPDATE account a SET ${set('sms_opt_out_at', 'o.sms_at')}, ${set('autodial_consent_revoked_at', revoked)}, ${set('email_opt_out_at', 'o.email_at')},
                     fact_sources = a.fact_sources || (SELECT coalesce(jsonb_object_agg(c, 'import'), '{}'::jsonb) FROM unnest(ARRAY[
                       ${sourced('sms_opt_out_at', 'o.sms_at')}, ${sourced('autodial_consent_revoked_at', revoked)}, ${sourced('email_opt_out_at', 'o.email_at')}]) AS c WHERE c IS NOT NULL),
                     updated_at = now()
                FROM o WHERE a.tenant_id = $1 AND a.account_id = o.account_id
                 AND (a.sms_opt_out_at IS NULL AND o.sms_at IS NOT NULL OR a.autodial_consent_revoked_at IS NULL AND ${revoked} IS NOT NULL OR a.email_opt_out_at IS NULL AND o.email_at IS NOT NULL)
              RETURNING 1)
    SELECT (SELECT count(*) FROM ins)::int AS inserted,
           (SELECT count(*) FROM s WHERE EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id))::int AS distinct_rows,
           (SELECT count(DISTINCT account_id) FROM ins)::int AS accounts,
           (SELECT count(*) FROM opted)::int AS opted_out`;
}

/**
 * What the intake report says of the tenant's history after an import (SPEC I7): how many accounts carry
 * imported history, and how many show a `last_contact_at` in the last 7 days without any — their caps start
 * from zero, which is how a migration produces a complaint in its first week. $1 tenant.
 */
export const HISTORY_COVERAGE_SQL = `
  SELECT (SELECT count(DISTINCT account_id) FROM contact_attempt WHERE tenant_id = $1 AND source = 'import')::int AS accounts_with_history,
         (SELECT count(*) FROM account a WHERE a.tenant_id = $1 AND a.last_contact_at > now() - interval '7 days'
             AND NOT EXISTS (SELECT 1 FROM contact_attempt c WHERE c.tenant_id = $1 AND c.account_id = a.account_id AND c.source = 'import'))::int AS recent_without_history,
         (SELECT coalesce(array_agg(account_id), '{}') FROM (
             SELECT a.account_id FROM account a WHERE a.tenant_id = $1 AND a.last_contact_at > now() - interval '7 days'
                AND NOT EXISTS (SELECT 1 FROM contact_attempt c WHERE c.tenant_id = $1 AND c.account_id = a.account_id AND c.source = 'import')
              ORDER BY a.last_contact_at DESC LIMIT 5) e) AS examples`;
