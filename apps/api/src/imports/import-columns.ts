import { COMPLIANCE_FLAGS } from '@floor-os/formats';

/**
 * The staging table's typed columns per target, in COPY order, and the SQL that applies staged rows
 * (SPEC decided details 6 and 7). Pure strings: the runner executes them.
 */
export type ColumnType = 'text' | 'numeric' | 'boolean' | 'timestamptz' | 'text[]';

export const ACCOUNT_STAGE_COLUMNS: [string, ColumnType][] = [
  ['account_id', 'text'],
  ['phone_number', 'text'],
  ['phone_type', 'text'],
  ['state', 'text'],
  ['zip', 'text'],
  ['timezone', 'text'],
  ['email', 'text'],
  ['balance', 'numeric'],
  ['email_is_work', 'boolean'],
  ['bankruptcy_flag', 'boolean'],
  ['bankruptcy_status', 'text'],
  ['attorney_represented', 'boolean'],
  ['dispute_open', 'boolean'],
  ['deceased', 'boolean'],
  ['scra_active_duty', 'boolean'],
  ['autodial_consent', 'boolean'],
  ['employer_prohibits_calls', 'boolean'],
  ['time_barred', 'boolean'],
  ['time_barred_disclosure_given', 'boolean'],
  ['last_contact_at', 'timestamptz'],
  ['cease_requested_at', 'timestamptz'],
  ['autodial_consent_revoked_at', 'timestamptz'],
  ['sms_opt_out_at', 'timestamptz'],
  ['email_opt_out_at', 'timestamptz'],
  ['medium_bans', 'text[]'],
];

export const TRANSACTION_STAGE_COLUMNS: [string, ColumnType][] = [
  ['reference', 'text'],
  ['account_id', 'text'],
  ['amount', 'numeric'],
  ['posted_at', 'timestamptz'],
  ['description', 'text'],
];

/** Columns every staged row carries before its values: its order in the file and its first line. */
export const STAGE_PREFIX: [string, ColumnType][] = [
  ['row_no', 'numeric'],
  ['line', 'numeric'],
];

export function stageTableName(importId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(importId)) throw new Error('bad import id');
  return `import_stage_${importId.replace(/-/g, '')}`;
}

/** Columns every staged row carries after its values: whether a rule blocks it, and whether it was streamed (AccountStream). */
export const STAGE_SUFFIX: [string, ColumnType][] = [
  ['blocked', 'boolean'],
  ['streamed', 'boolean'],
];

export function createStageSql(table: string, columns: [string, ColumnType][]): string {
  const cols = [...STAGE_PREFIX, ...columns, ...STAGE_SUFFIX];
  // Unlogged: a staging table is scratch; after a PostgreSQL crash it comes back empty and the job restarts staging.
  return `CREATE UNLOGGED TABLE IF NOT EXISTS ${table} (${cols.map(([c, t]) => `${c} ${t === 'numeric' && (c === 'row_no' || c === 'line') ? 'bigint' : t}`).join(', ')})`;
}

/** COPY text-format escaping of one value; null is `\N`. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Array.isArray(value))
    return `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`.replace(/\\/g, '\\\\');
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

const BOOLEAN_FLAGS = ACCOUNT_STAGE_COLUMNS.filter(([c, t]) => t === 'boolean' && COMPLIANCE_FLAGS.includes(c)).map(
  ([c]) => c,
);
const OTHER_FLAGS = ACCOUNT_STAGE_COLUMNS.filter(([c, t]) => t !== 'boolean' && COMPLIANCE_FLAGS.includes(c)).map(
  ([c]) => c,
);
const NOT_NULL_BOOLEANS = ACCOUNT_STAGE_COLUMNS.filter(([, t]) => t === 'boolean').map(([c]) => c);
const PLAIN = ACCOUNT_STAGE_COLUMNS.filter(([c]) => c !== 'account_id' && !COMPLIANCE_FLAGS.includes(c)).map(
  ([c]) => c,
);

/**
 * The new value of an existing account's column (decided detail 7): an empty cell changes nothing; a plain
 * fact takes the file's value; a compliance flag may be set by the import (a boolean to true; a time, status
 * or ban list when there was none) and changed or cleared only when its current value came from an import.
 */
function newValue(c: string): string {
  if (BOOLEAN_FLAGS.includes(c)) {
    return `CASE WHEN s.${c} IS NULL THEN a.${c} WHEN s.${c} THEN true WHEN NOT a.${c} OR a.fact_sources->>'${c}' = 'import' THEN false ELSE a.${c} END`;
  }
  if (OTHER_FLAGS.includes(c)) {
    const empty = c === 'medium_bans' ? `a.${c} = '{}'` : `a.${c} IS NULL`;
    return `CASE WHEN s.${c} IS NULL THEN a.${c} WHEN ${empty} OR a.fact_sources->>'${c}' = 'import' THEN s.${c} ELSE a.${c} END`;
  }
  return `COALESCE(s.${c}, a.${c})`;
}

const FLAGS = [...BOOLEAN_FLAGS, ...OTHER_FLAGS];
const UPDATED = [...PLAIN, ...FLAGS];

/**
 * The staged rows, the last row of each account winning (a file may list an account twice); when staging
 * counted no duplicates the sort is skipped. `accounts` (a query of account ids) narrows them to those accounts.
 */
const latest = (table: string, duplicates: boolean, accounts?: string) =>
  accounts
    ? `(SELECT DISTINCT ON (account_id) * FROM ${table} WHERE account_id IN (${accounts}) ORDER BY account_id, row_no DESC)`
    : duplicates
      ? `(SELECT DISTINCT ON (account_id) * FROM ${table} ORDER BY account_id, row_no DESC)`
      : `(SELECT * FROM ${table})`;

/**
 * Updates existing accounts whose values change (an unchanged row is not touched: a re-import changes
 * nothing, not even `updated_at`); answers the number updated and the number matched.
 */
export function applyAccountsUpdateSql(table: string, duplicates = true, accounts?: string): string {
  const sources = `a.fact_sources || jsonb_strip_nulls(jsonb_build_object(${FLAGS.map((c) => `'${c}', CASE WHEN n.${c} IS DISTINCT FROM a.${c} THEN 'import' END`).join(', ')}))`;
  return `WITH s AS ${latest(table, duplicates, accounts)},
    n AS (SELECT a.id, ${UPDATED.map((c) => `${newValue(c)} AS ${c}`).join(', ')} FROM account a JOIN s ON a.tenant_id = $1 AND a.account_id = s.account_id),
    u AS (UPDATE account a SET ${UPDATED.map((c) => `${c} = n.${c}`).join(', ')}, fact_sources = ${sources}, updated_at = now()
            FROM n WHERE a.id = n.id AND (${UPDATED.map((c) => `a.${c}`).join(', ')}) IS DISTINCT FROM (${UPDATED.map((c) => `n.${c}`).join(', ')})
            RETURNING 1)
    SELECT (SELECT count(*) FROM u)::int AS updated, (SELECT count(*) FROM n)::int AS matched`;
}

const INSERTED_COLUMNS = ACCOUNT_STAGE_COLUMNS.map(([c]) => c);
/** A new account's columns from its staged row: a flag left empty is false, no bans an empty list. */
const INSERTED_VALUES = INSERTED_COLUMNS.map((c) =>
  NOT_NULL_BOOLEANS.includes(c) ? `COALESCE(s.${c}, false)` : c === 'medium_bans' ? `COALESCE(s.${c}, '{}')` : `s.${c}`,
);
/** A new account's fact sources: every flag the file sets (true, a time, a status, a non-empty list) is `import`. */
const INSERTED_SOURCES = `jsonb_strip_nulls(jsonb_build_object(${FLAGS.map((c) => `'${c}', CASE WHEN s.${c} IS NOT NULL AND s.${c}::text NOT IN ('false', '{}') THEN 'import' END`).join(', ')}))`;

/** Inserts the accounts the tenant does not have yet; flags the file sets are sourced `import`. */
export function applyAccountsInsertSql(table: string, duplicates = true, accounts?: string): string {
  return `WITH s AS ${latest(table, duplicates, accounts)}, i AS (
      INSERT INTO account (tenant_id, ${INSERTED_COLUMNS.join(', ')}, fact_sources)
      SELECT $1, ${INSERTED_VALUES.join(', ')}, ${INSERTED_SOURCES} FROM s
       WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id)
      RETURNING 1)
    SELECT count(*)::int AS inserted FROM i`;
}

/**
 * Accounts this import created (streamed) that a later row of the file names again: the last row wins
 * whole, so each takes that row's values and sources exactly as if it had been inserted from it.
 */
export function replaceAccountsSql(table: string, accounts: string): string {
  return `WITH s AS ${latest(table, true, accounts)}, r AS (
      UPDATE account a SET (${INSERTED_COLUMNS.join(', ')}, fact_sources) = (${INSERTED_VALUES.join(', ')}, ${INSERTED_SOURCES})
        FROM s WHERE a.tenant_id = $1 AND a.account_id = s.account_id
      RETURNING 1)
    SELECT count(*)::int AS replaced FROM r`;
}

/** The account stream's statements (AccountStream): its lock, taken without waiting, as the apply takes it. */
export const STREAM_LOCK_SQL = 'LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE NOWAIT';
/** Whether the tenant has any account ($1 tenant): only then does the stream look a batch's accounts up. */
export const TENANT_HAS_ACCOUNTS_SQL = 'SELECT EXISTS (SELECT 1 FROM account WHERE tenant_id = $1) AS any';
/** Which of a batch's accounts ($2) the tenant has ($1): recorded in `import_kept`, answered to leave them out. */
export const KEEP_EXISTING_ACCOUNTS_SQL = `INSERT INTO import_kept SELECT account_id FROM account WHERE tenant_id = $1 AND account_id = ANY($2::text[]) RETURNING account_id`;
/** The stream's COPY of new accounts (`columns`: AccountRowWriter.accountColumns). */
export const copyAccountsSql = (columns: string) => `COPY account (${columns}) FROM STDIN (FORMAT binary)`;

/** The flags (compliance facts whose source is kept) among these account columns, for AccountRowWriter. */
export const SOURCED_FLAGS: readonly string[] = FLAGS;

/**
 * Transactions upsert on (tenant, reference) (decided detail 6); an unchanged one is not touched. Rows for
 * accounts the tenant does not have are left out (the runner reports them as rejected first), so the last
 * row of a reference that is kept wins, and `distinct_rows` counts the references kept.
 */
export function applyTransactionsSql(table: string): string {
  return `WITH s AS (SELECT DISTINCT ON (reference) * FROM ${table} s
                      WHERE EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = $1 AND a.account_id = s.account_id)
                      ORDER BY reference, row_no DESC),
    up AS (INSERT INTO account_transaction AS t (tenant_id, reference, account_id, amount, posted_at, description, import_id)
           SELECT $1, s.reference, s.account_id, s.amount, s.posted_at, s.description, $2 FROM s
           ON CONFLICT (tenant_id, reference) DO UPDATE SET account_id = EXCLUDED.account_id, amount = EXCLUDED.amount, posted_at = EXCLUDED.posted_at,
                  description = EXCLUDED.description, import_id = EXCLUDED.import_id
            WHERE (t.account_id, t.amount, t.posted_at, t.description) IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.amount, EXCLUDED.posted_at, EXCLUDED.description)
           RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated, (SELECT count(*) FROM s)::int AS distinct_rows FROM up`;
}
