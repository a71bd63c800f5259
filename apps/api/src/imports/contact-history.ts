import type { ColumnType } from './import-columns';

/**
 * The `contact_history` import target (SPEC I7, decided detail 29): the tenant's prior dialer, SMS and email
 * log, brought into the ledger the gate counts (`contact_attempt`, source `import`) so that on day one the
 * 7-in-7 cap and the post-conversation pause include what the previous system did. The SQL here; the rows'
 * validation is in @floor-os/formats (`validateHistoryRow`); the import runner stages and applies.
 */

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
  const set = (column: string, at: string) => `${column} = coalesce(a.${column}, ${at})`;
  const sourced = (column: string, at: string) =>
    `CASE WHEN a.${column} IS NULL AND ${at} IS NOT NULL THEN '${column}' END`;
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
 * from zero, which is how a migration produces a complaint in its first week. $1 tenant. The accounts are
 * read once (counted, and the five most recent named); "the last 7 days" end at this statement, not at the
 * start of its transaction (an import that streams opened it when staging began).
 */
export const HISTORY_COVERAGE_SQL = `
  WITH recent AS MATERIALIZED (
    SELECT a.account_id, a.last_contact_at FROM account a
     WHERE a.tenant_id = $1 AND a.last_contact_at > statement_timestamp() - interval '7 days'
       AND NOT EXISTS (SELECT 1 FROM contact_attempt c WHERE c.tenant_id = $1 AND c.account_id = a.account_id AND c.source = 'import'))
  SELECT (SELECT count(DISTINCT account_id) FROM contact_attempt WHERE tenant_id = $1 AND source = 'import')::int AS accounts_with_history,
         (SELECT count(*) FROM recent)::int AS recent_without_history,
         (SELECT coalesce(array_agg(account_id), '{}') FROM (
             SELECT account_id FROM recent ORDER BY last_contact_at DESC LIMIT 5) e) AS examples`;
