import { Box, Card, CardContent } from '@mui/material';
import type { MouseEvent } from 'react';
import {
  DataTable,
  downloadCSV,
  FunctionField,
  Link,
  type Exporter,
  type Identifier,
  type RaRecord,
} from 'react-admin';
import { EmbeddedList } from '../../components/EmbeddedList';
import { recordsToCsv } from '../../components/csvExport';
import { rowAttributes } from '../../components/DataTableRows';
import { formatTime } from '../../components/format';
import { ListActions } from '../../components/ListActions';
import { StatusFilter } from '../../components/StatusFilter';
import { COUNTED_STATUSES, formatName } from './format';
import { IMPORT_STATUS_LABELS, ImportStatusChip } from './ImportStatusChip';
import { IMPORT_STATUSES, type ImportView } from '@floor-os/contracts';
import { targetLabel } from './types';

const importPath = (id: Identifier) => `/imports/${encodeURIComponent(String(id))}`;

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

/** The CSV of the history, in words: file, format, target, status, counts, who and when. */
const importExporter: Exporter = (records) => {
  const rows = (records as ImportView[]).map((view) => ({
    File: view.filename,
    Format: formatName(view.format),
    Into: targetLabel(view.target),
    Status: IMPORT_STATUS_LABELS[view.status] ?? view.status,
    'Rows in the file': view.counts.total_rows,
    Valid: view.counts.valid_rows,
    Rejected: view.counts.rejected_rows,
    Blocked: view.counts.blocked_rows,
    'Created by': view.created_by,
    When: view.created_at,
  }));
  downloadCSV(recordsToCsv(rows as unknown as RaRecord[]), 'imports');
};

const ImportBody = rowAttributes<ImportView>((view) => ({
  'data-testid': `import-row-${view.id}`,
  'data-status': view.status,
}));

/** The tenant's imports, newest first (`GET /imports`); each opens its wizard or report. */
export const ImportHistory = () => (
  <Card variant="outlined" data-testid="import-history">
    <CardContent>
      <EmbeddedList<ImportView>
        resource="imports"
        actions={
          <ListActions exporter={importExporter}>
            <StatusFilter statuses={IMPORT_STATUSES} labels={IMPORT_STATUS_LABELS} testId="import-status-filter" />
          </ListActions>
        }
        sort={{ field: 'created_at', order: 'DESC' }}
      >
        <DataTable<ImportView>
          bulkActionButtons={false}
          rowClick={(id) => importPath(id)}
          body={ImportBody}
          empty={<span data-testid="imports-empty">No imports yet.</span>}
        >
          <DataTable.Col source="filename" label="File" cellSx={() => ({ wordBreak: 'break-all' })}>
            <FunctionField<ImportView>
              render={(view) => (
                <Link to={importPath(view.id)} onClick={(event: MouseEvent) => event.stopPropagation()}>
                  {view.filename}
                </Link>
              )}
            />
          </DataTable.Col>
          <DataTable.Col source="format" label="Format">
            <FunctionField<ImportView> render={(view) => formatName(view.format)} />
          </DataTable.Col>
          <DataTable.Col source="target" label="Into">
            <FunctionField<ImportView> render={(view) => targetLabel(view.target)} />
          </DataTable.Col>
          <DataTable.Col source="status" label="Status">
            <FunctionField<ImportView> render={(view) => <ImportStatusChip status={view.status} />} />
          </DataTable.Col>
          <DataTable.Col label="Rows (valid / rejected / blocked)" disableSort>
            <FunctionField<ImportView> render={(view) => <RowCounts view={view} />} />
          </DataTable.Col>
          <DataTable.Col source="created_by" label="Created by" disableSort />
          <DataTable.Col source="created_at" label="When" cellSx={() => ({ whiteSpace: 'nowrap' })}>
            <FunctionField<ImportView> render={(view) => formatTime(view.created_at)} />
          </DataTable.Col>
        </DataTable>
      </EmbeddedList>
    </CardContent>
  </Card>
);
