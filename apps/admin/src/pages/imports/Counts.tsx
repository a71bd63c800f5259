import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { Stat } from '../../components/Stat';
import { rejectedCsvUrl } from '../../providers/importsProvider';
import type { ImportView, IntakeReport } from '@floor-os/contracts';

/** One number of the report with its caption; `id` names the test id (`report-total`, `summary-valid`, …). */
export interface CountItem {
  id: string;
  label: string;
  /** Null when it is not known yet (writes before apply). */
  value: number | null;
}

/** The counts as numbers with captions. */
export const CountStats = ({ items, prefix }: { items: readonly CountItem[]; prefix: string }) => (
  <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
    {items.map(({ id, label, value }) => (
      <Stat key={id} label={label} value={value === null ? '—' : value.toLocaleString()} testId={`${prefix}-${id}`} />
    ))}
  </Stack>
);

/** What the records of an import are called, from the report's unit. */
export function unitWords(unit: string): { one: string; aOne: string; many: string } {
  switch (unit) {
    case 'accounts':
      return { one: 'account', aOne: 'an account', many: 'Accounts' };
    case 'transactions':
      return { one: 'transaction', aOne: 'a transaction', many: 'Transactions' };
    case 'contacts':
      return { one: 'contact', aOne: 'a contact', many: 'Contacts' };
    default:
      return { one: 'record', aOne: 'a record', many: 'Records' };
  }
}

const UNITS: Record<string, string> = {
  accounts: 'accounts',
  transactions: 'transactions',
  contact_history: 'contacts',
};

/** The view's intake report: the API's, or built from `counts` when an answer has none. */
export function reportOf(
  view: Pick<ImportView, 'report' | 'counts' | 'blocks_by_statute' | 'warnings' | 'target' | 'status'> &
    Partial<Pick<ImportView, 'history'>>,
): IntakeReport {
  if (view.report) return view.report;
  const c = view.counts;
  const applied = view.status === 'completed';
  return {
    total_rows: c.total_rows,
    valid_rows: c.valid_rows,
    rejected_rows: c.rejected_rows,
    blocked_rows: c.blocked_rows,
    blocks_by_statute: view.blocks_by_statute,
    duplicate_rows: c.duplicate_rows,
    applied: {
      unit: UNITS[view.target] ?? view.target,
      distinct: c.valid_rows - c.duplicate_rows,
      inserted: applied ? c.inserted : null,
      updated: applied ? c.updated : null,
      unchanged: applied ? c.unchanged : null,
    },
    warnings: view.warnings,
    history: view.history ?? null,
  };
}

/** The report's counts of rows of the file, labelled as rows. */
export function rowCounts(report: IntakeReport): CountItem[] {
  const words = unitWords(report.applied.unit);
  return [
    { id: 'total', label: 'Rows in the file', value: report.total_rows },
    { id: 'valid', label: 'Valid rows', value: report.valid_rows },
    { id: 'rejected', label: 'Rejected rows', value: report.rejected_rows },
    { id: 'blocked', label: 'Valid rows blocked by a rule', value: report.blocked_rows },
    { id: 'duplicates', label: `Rows repeating ${words.aOne}`, value: report.duplicate_rows },
  ];
}

/** The report's counts of records (accounts, transactions), labelled as such; the writes once applied. */
export function recordCounts(report: IntakeReport, withWrites: boolean): CountItem[] {
  const { many } = unitWords(report.applied.unit);
  const items: CountItem[] = [{ id: 'distinct', label: `${many} in the file`, value: report.applied.distinct }];
  if (withWrites) {
    items.push(
      { id: 'inserted', label: `${many} added`, value: report.applied.inserted },
      { id: 'updated', label: `${many} updated`, value: report.applied.updated },
      { id: 'unchanged', label: `${many} unchanged`, value: report.applied.unchanged },
    );
  }
  return items;
}

/** How the row counts add up, in one sentence. */
export function rowsSentence(report: IntakeReport): string {
  const n = (value: number) => value.toLocaleString();
  return `${n(report.total_rows)} ${report.total_rows === 1 ? 'row' : 'rows'} = ${n(report.valid_rows)} valid + ${n(report.rejected_rows)} rejected. Blocked rows and repeated rows are among the valid ones.`;
}

/** How the record counts add up, in one sentence: distinct records, then (applied) what became of them. */
export function recordsSentence(report: IntakeReport): string {
  const n = (value: number) => value.toLocaleString();
  const { one, aOne } = unitWords(report.applied.unit);
  const { distinct, inserted, updated, unchanged } = report.applied;
  const ones = (count: number) => `${n(count)} ${count === 1 ? one : `${one}s`}`;
  const base = `${ones(distinct)} = ${n(report.valid_rows)} valid rows − ${n(report.duplicate_rows)} repeating ${aOne} (the last valid row of each ${one} is applied).`;
  if (inserted === null || updated === null || unchanged === null) return base;
  return `${base} ${n(inserted)} added + ${n(updated)} updated + ${n(unchanged)} unchanged = ${ones(inserted + updated + unchanged)}.`;
}

/** Statute → valid rows it blocks, most first. */
export function statuteRows(blocks: Record<string, number>): { statute: string; count: number }[] {
  return Object.entries(blocks)
    .map(([statute, count]) => ({ statute, count }))
    .sort((a, b) => b.count - a.count || a.statute.localeCompare(b.statute));
}

/** Blocks by statute as a table (the review stop; the report draws them). */
export const BlocksTable = ({ blocks }: { blocks: Record<string, number> }) => {
  const rows = statuteRows(blocks);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="summary-blocks">
        No account would be blocked by a rule.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="summary-blocks">
      <TableHead>
        <TableRow>
          <TableCell>Statute</TableCell>
          <TableCell align="right">Valid rows blocked</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.statute} data-statute={row.statute}>
            <TableCell>{row.statute}</TableCell>
            <TableCell align="right">{row.count.toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The rejected rows with their reasons, as the API's CSV (`line,account_id,field,reason`). */
export const RejectedDownload = ({ view }: { view: Pick<ImportView, 'id' | 'counts' | 'filename'> }) => (
  <Button
    component="a"
    href={rejectedCsvUrl(view.id)}
    download={`${view.filename.replace(/\.[^.]+$/, '')}-rejected.csv`}
    variant="outlined"
    startIcon={<DownloadIcon />}
    data-testid="rejected-download"
    sx={{ alignSelf: 'flex-start' }}
  >
    Download rejected rows (CSV) · {view.counts.rejected_rows.toLocaleString()}
  </Button>
);
