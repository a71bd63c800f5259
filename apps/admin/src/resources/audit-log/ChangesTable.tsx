import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { factLabel } from '../../components/format';
import type { AuditEntryView as AuditEntry } from '@floor-os/contracts';

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields an entry changed, before and after, so a reviewer need not diff two JSON blocks by eye. */
export const ChangesTable = (_props: { label?: string }) => {
  const record = useRecordContext<AuditEntry>();
  if (!record) return null;
  const before = asObject(record.before);
  const after = asObject(record.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  if (fields.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No field-level changes recorded.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="audit-changes">
      <TableHead>
        <TableRow>
          <TableCell>Field</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={field}>
            <TableCell data-field={field}>{factLabel(field)}</TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{show(before[field])}</TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{show(after[field])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
