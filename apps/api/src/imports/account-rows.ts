import type { AccountColumns } from '@floor-os/formats';
import { uuidField, type BinaryRows } from './copy-binary';
import { ACCOUNT_STAGE_COLUMNS, SOURCED_FLAGS, type ColumnType } from './import-columns';

const TYPES = new Map<string, ColumnType>(ACCOUNT_STAGE_COLUMNS);

/** One value of a column of `type` (null when the row has none). */
function writeValue(rows: BinaryRows, type: ColumnType, value: unknown): void {
  if (value === null || value === undefined) return rows.null();
  switch (type) {
    case 'text':
      return rows.text(String(value));
    case 'numeric':
      return rows.numeric(String(value));
    case 'boolean':
      return rows.bool(value === true);
    case 'timestamptz':
      return rows.timestamptz(String(value));
    case 'text[]':
      return rows.textArray((value as unknown[]).map(String));
  }
}

/**
 * A valid account row in binary COPY form: as the staging table takes it (`row_no, line, <the mapped
 * columns>, blocked, streamed`) and, for a row that is streamed, as `account` takes it for a new account
 * (`id, tenant_id, <the mapped columns>, fact_sources`) — a flag the row leaves empty is false, no bans an empty
 * list, and every flag the row sets is sourced `import`, exactly as the staged apply's INSERT writes it.
 */
export class AccountRowWriter {
  private readonly types: ColumnType[];
  private readonly flags: string[];
  private readonly tenant: Buffer;

  constructor(
    private readonly columns: string[],
    tenantId: string,
  ) {
    this.tenant = uuidField(tenantId);
    this.types = columns.map((c) => {
      const type = TYPES.get(c);
      if (!type) throw new Error(`not an account column: ${c}`);
      return type;
    });
    this.flags = columns.filter((c) => SOURCED_FLAGS.includes(c));
  }

  /** The columns of the staging COPY, in order. */
  get stageColumns(): string {
    return `row_no, line, ${this.columns.join(', ')}, blocked, streamed`;
  }

  /**
   * The columns of the account COPY, in order. The id is given: a COPY that leaves a volatile default
   * (gen_random_uuid) to compute inserts row by row, one that does not in batches (PostgreSQL's
   * multi-insert); and a time-ordered id appends to the primary key's index (BinaryRows.timeOrderedUuid).
   */
  get accountColumns(): string {
    return `id, tenant_id, ${this.columns.join(', ')}, fact_sources`;
  }

  /**
   * The row for the staging table, and when `account` is given the new account's row too. The columns'
   * fields are the same bytes in both unless a flag or the bans are empty (false and an empty list for a
   * new account): then they are written again.
   */
  write(
    stage: BinaryRows,
    account: BinaryRows | null,
    rowNo: number,
    line: number,
    values: AccountColumns,
    blocked: boolean,
  ): void {
    stage.row(this.columns.length + 4);
    stage.int8(rowNo);
    stage.int8(line);
    const start = stage.size;
    let defaults = false;
    for (let i = 0; i < this.columns.length; i++) {
      const type = this.types[i]!;
      const value = values[this.columns[i]!];
      if ((value === null || value === undefined) && (type === 'boolean' || type === 'text[]')) defaults = true;
      writeValue(stage, type, value);
    }
    const end = stage.size;
    stage.bool(blocked);
    stage.bool(account !== null);
    if (!account) return;
    account.row(this.columns.length + 3);
    account.timeOrderedUuid();
    account.raw(this.tenant);
    if (!defaults) account.copyFrom(stage, start, end);
    else {
      for (let i = 0; i < this.columns.length; i++) {
        const type = this.types[i]!;
        const value = values[this.columns[i]!];
        if (value === null || value === undefined) {
          if (type === 'boolean') account.bool(false);
          else if (type === 'text[]') account.textArray([]);
          else account.null();
        } else writeValue(account, type, value);
      }
    }
    account.jsonb(this.sources(values));
  }

  /** The fact sources of a new account from this row: each flag it sets (true, a time, a status, a list) is `import`. */
  sources(values: AccountColumns): string {
    let json = '';
    for (const flag of this.flags) {
      const value = values[flag];
      if (value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0))
        continue;
      json += `${json ? ',' : ''}"${flag}":"import"`;
    }
    return `{${json}}`;
  }
}
