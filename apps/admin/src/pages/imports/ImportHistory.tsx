import {
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { MouseEvent } from 'react';
import { Link, ListBase, Pagination, useListContext, useNavigate } from 'react-admin';
import { formatTime } from '../../components/format';
import { COUNTED_STATUSES } from './format';
import { ImportStatusChip } from './ImportStatusChip';
import { IMPORT_STATUSES, type ImportView } from '@floor-os/contracts';
import { targetLabel } from './types';

const importPath = (id: string) => `/imports/${encodeURIComponent(id)}`;

/** The status filter: every import, or one status. */
const StatusFilter = () => {
  const { filterValues, setFilters } = useListContext<ImportView>();
  const value = typeof filterValues.status === 'string' ? filterValues.status : '';
  return (
    <TextField
      select
      label="Status"
      value={value}
      onChange={(event) => {
        const { status: _previous, ...rest } = filterValues;
        setFilters(event.target.value ? { ...rest, status: event.target.value } : rest, undefined);
      }}
      size="small"
      sx={{ width: 200 }}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': 'import-status-filter' },
        inputLabel: { shrink: true },
      }}
    >
      <option value="">all</option>
      {IMPORT_STATUSES.map((status) => (
        <option key={status} value={status}>
          {status}
        </option>
      ))}
    </TextField>
  );
};

/** "valid / rejected / blocked" once the file has been read through; a dash before. */
const RowCounts = ({ view }: { view: ImportView }) =>
  COUNTED_STATUSES.includes(view.status) ? (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }} title={`${view.counts.total_rows} rows in the file`}>
      <Box component="span" sx={{ color: 'success.main' }}>
        {view.counts.valid_rows.toLocaleString()}
      </Box>
      {' / '}
      <Box component="span" sx={{ color: view.counts.rejected_rows > 0 ? 'error.main' : undefined }}>
        {view.counts.rejected_rows.toLocaleString()}
      </Box>
      {' / '}
      <Box component="span" sx={{ color: view.counts.blocked_rows > 0 ? 'warning.main' : undefined }}>
        {view.counts.blocked_rows.toLocaleString()}
      </Box>
    </Box>
  ) : (
    <>—</>
  );

const HistoryRows = () => {
  const navigate = useNavigate();
  const { data, isPending, error } = useListContext<ImportView>();
  if (error) return <Typography color="error">The imports could not load: {error.message}</Typography>;
  if (!isPending && (data ?? []).length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="imports-empty">
        No imports yet.
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>File</TableCell>
            <TableCell>Format</TableCell>
            <TableCell>Into</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Rows (valid / rejected / blocked)</TableCell>
            <TableCell>Created by</TableCell>
            <TableCell>When</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((view) => (
            <TableRow
              key={view.id}
              hover
              onClick={() => navigate(importPath(view.id))}
              data-testid={`import-row-${view.id}`}
              data-status={view.status}
              sx={{ cursor: 'pointer' }}
            >
              <TableCell sx={{ wordBreak: 'break-all' }}>
                <Link to={importPath(view.id)} onClick={(event: MouseEvent) => event.stopPropagation()}>
                  {view.filename}
                </Link>
              </TableCell>
              <TableCell>{view.format}</TableCell>
              <TableCell>{targetLabel(view.target)}</TableCell>
              <TableCell>
                <ImportStatusChip status={view.status} />
              </TableCell>
              <TableCell>
                <RowCounts view={view} />
              </TableCell>
              <TableCell>{view.created_by}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(view.created_at)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The tenant's imports, newest first (`GET /imports`); each opens its wizard or report. */
export const ImportHistory = () => (
  <Card variant="outlined" data-testid="import-history">
    <CardContent>
      <ListBase
        resource="imports"
        sort={{ field: 'created_at', order: 'DESC' }}
        perPage={25}
        disableSyncWithLocation
        storeKey={false}
      >
        <Stack spacing={1}>
          <StatusFilter />
          <HistoryRows />
          <Pagination rowsPerPageOptions={[25, 50, 100]} />
        </Stack>
      </ListBase>
    </CardContent>
  </Card>
);
