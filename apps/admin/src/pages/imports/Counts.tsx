import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { Stat } from '../../dashboard/Stat';
import { rejectedCsvUrl } from './importsApi';
import type { ImportCounts, ImportView } from './types';

type CountKey = keyof ImportCounts;

/** The counts as numbers with captions; `prefix` names the test ids (`report-total`, `summary-valid`, …). */
export const CountStats = ({ counts, items, prefix }: { counts: ImportCounts; items: readonly { key: CountKey; label: string; id: string }[]; prefix: string }) => (
  <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
    {items.map(({ key, label, id }) => (
      <Stat key={key} label={label} value={counts[key].toLocaleString()} testId={`${prefix}-${id}`} />
    ))}
  </Stack>
);

export const ROW_COUNTS = [
  { key: 'total_rows', label: 'Rows', id: 'total' },
  { key: 'valid_rows', label: 'Valid', id: 'valid' },
  { key: 'rejected_rows', label: 'Rejected', id: 'rejected' },
  { key: 'blocked_rows', label: 'Blocked by a rule', id: 'blocked' },
  { key: 'duplicate_rows', label: 'Duplicates in the file', id: 'duplicates' },
] as const;

export const WRITE_COUNTS = [
  { key: 'inserted', label: 'Accounts added', id: 'inserted' },
  { key: 'updated', label: 'Accounts updated', id: 'updated' },
  { key: 'unchanged', label: 'Unchanged', id: 'unchanged' },
] as const;

/** Statute → accounts it blocks, most first. */
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
          <TableCell align="right">Accounts blocked</TableCell>
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
