import type { ImportWarning as ReportWarning, IntakeReport } from '@floor-os/contracts';
import type { ImportCheckpoint, ImportCounts } from './import.entities';

/**
 * The intake report's arithmetic (SPEC I5), pure so it can be tested on its own. Two units, never mixed:
 * - rows of the file: `total_rows = valid_rows + rejected_rows`; `blocked_rows` and `duplicate_rows` are
 *   valid rows (a duplicate repeats the account, or transaction reference, of an earlier valid row);
 * - records the valid rows come to (accounts, transactions): `distinct = valid_rows - duplicate_rows`, and
 *   once applied `inserted + updated + unchanged = distinct`.
 */

/** What applying answered: rows rejected at apply, the distinct records of the rows kept, and the writes. */
export interface ApplyOutcome {
  /** Valid rows refused at apply (a transaction for an account the tenant does not have). */
  rejected: number;
  /** Distinct records among the valid rows kept: what was inserted, updated or left unchanged. */
  distinct: number;
  inserted: number;
  updated: number;
}

/** The counts after apply: rows refused at apply move from valid to rejected; what was not written is unchanged. */
export function settleCounts(counts: ImportCounts, outcome: ApplyOutcome): ImportCounts {
  const valid = counts.valid_rows - outcome.rejected;
  return {
    ...counts,
    valid_rows: valid,
    rejected_rows: counts.rejected_rows + outcome.rejected,
    duplicate_rows: valid - outcome.distinct,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.distinct - outcome.inserted - outcome.updated,
  };
}

/** Whether the counts add up, in rows and in records (after apply). */
export function countsAddUp(counts: ImportCounts, applied: boolean): boolean {
  const rows =
    counts.total_rows === counts.valid_rows + counts.rejected_rows &&
    counts.blocked_rows <= counts.valid_rows &&
    counts.duplicate_rows <= counts.valid_rows;
  const distinct = counts.valid_rows - counts.duplicate_rows;
  return rows && (!applied || counts.inserted + counts.updated + counts.unchanged === distinct);
}

/** What the records of each target are called in the report (`applied.unit`). */
const UNITS: Record<string, string> = {
  accounts: 'accounts',
  transactions: 'transactions',
  contact_history: 'contacts',
};

/** A warning kind and the intake report (SPEC I5): wire types in libs/contracts. */
export type { IntakeReport, ReportWarning };

/** Statuses in which the whole file has been read: the report exists from then on. */
const READ_THROUGH = ['validated', 'applying', 'completed'];

/** The intake report of an import in `status` with this checkpoint; null until the file has been read through. */
export function intakeReport(
  status: string,
  target: string,
  checkpoint: ImportCheckpoint | null,
  counts: ImportCounts,
): IntakeReport | null {
  if (!checkpoint || !READ_THROUGH.includes(status)) return null;
  const applied = status === 'completed';
  return {
    total_rows: counts.total_rows,
    valid_rows: counts.valid_rows,
    rejected_rows: counts.rejected_rows,
    blocked_rows: counts.blocked_rows,
    blocks_by_statute: checkpoint.blocks_by_statute ?? {},
    duplicate_rows: counts.duplicate_rows,
    applied: {
      unit: UNITS[target] ?? target,
      distinct: counts.valid_rows - counts.duplicate_rows,
      inserted: applied ? counts.inserted : null,
      updated: applied ? counts.updated : null,
      unchanged: applied ? counts.unchanged : null,
    },
    warnings: Object.entries(checkpoint.warnings ?? {}).map(([code, w]) => ({
      code,
      count: w.count,
      examples: w.examples,
    })),
    history: checkpoint.history ?? null,
  };
}
