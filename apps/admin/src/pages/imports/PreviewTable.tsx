import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { sourcesOf } from './mapping';
import { fieldLabel } from './format';
import type {
  ImportMapping,
  ImportPreviewCheck as PreviewCheck,
  ImportPreviewRow as PreviewRow,
} from '@floor-os/contracts';

interface PreviewTableProps {
  headers: readonly string[];
  rows: readonly PreviewRow[];
  mapping: ImportMapping;
  checks: readonly PreviewCheck[];
}

/** Target fields per source header, for the "→ field" line under each column name. */
function targetsByHeader(mapping: ImportMapping): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const field of Object.keys(mapping)) {
    for (const header of sourcesOf(mapping, field)) targets.set(header, [...(targets.get(header) ?? []), field]);
  }
  return targets;
}

const checkText = (check: PreviewCheck) =>
  Object.entries(check.errors)
    .map(([field, messages]) => `${fieldLabel(field)}: ${messages.join('; ')}`)
    .join(' · ');

/** The first records as the file has them (SPEC I1), the source headers as columns; rows the mapping rejects are tinted. */
export const PreviewTable = ({ headers, rows, mapping, checks }: PreviewTableProps) => {
  const targets = targetsByHeader(mapping);
  const failing = new Map(checks.filter((check) => !check.ok).map((check) => [check.line, check]));
  return (
    <Box sx={{ overflow: 'auto', maxHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader data-testid="import-preview" data-rows={rows.length}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>Line</TableCell>
            {headers.map((header) => (
              <TableCell key={header} sx={{ whiteSpace: 'nowrap' }} data-preview-header={header}>
                <Typography variant="body2" fontWeight={600}>
                  {header}
                </Typography>
                <Typography variant="caption" color={targets.has(header) ? 'success.main' : 'text.disabled'}>
                  {targets.has(header) ? `→ ${targets.get(header)!.map(fieldLabel).join(', ')}` : 'not mapped'}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const check = failing.get(row.line);
            return (
              <TableRow
                key={row.line}
                data-testid={`preview-row-${row.line}`}
                data-ok={check ? 'false' : 'true'}
                title={check ? checkText(check) : undefined}
                sx={check ? { bgcolor: 'rgba(211, 47, 47, 0.08)' } : undefined}
              >
                <TableCell sx={{ color: 'text.secondary' }}>{row.line}</TableCell>
                {headers.map((header) => (
                  <TableCell
                    key={header}
                    sx={{ whiteSpace: 'nowrap', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}
                  >
                    {row.fields[header] ?? ''}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
};

/** Which of the previewed rows the current mapping rejects, and why (`preview.checks`). */
export const PreviewChecks = ({ checks, pending }: { checks: readonly PreviewCheck[]; pending: boolean }) => {
  const failing = checks.filter((check) => !check.ok);
  if (checks.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="preview-checks" data-failing={0}>
        {pending ? 'Checking the preview rows…' : 'Map the required fields to check the preview rows.'}
      </Typography>
    );
  }
  return (
    <Box
      data-testid="preview-checks"
      data-failing={failing.length}
      data-checked={checks.length}
      sx={{ opacity: pending ? 0.6 : 1 }}
    >
      <Typography variant="body2" gutterBottom>
        {failing.length === 0
          ? `All ${checks.length} preview rows pass with this mapping.`
          : `${failing.length} of ${checks.length} preview rows fail with this mapping:`}
      </Typography>
      {failing.length > 0 ? (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {failing.map((check) => (
            <Typography component="li" variant="body2" key={check.line} data-testid={`preview-check-${check.line}`}>
              Line {check.line}
              {check.account_id ? ` (${check.account_id})` : ''}: {checkText(check)}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
};
