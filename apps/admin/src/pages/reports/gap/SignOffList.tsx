import type { GapSignOffView } from '@floor-os/contracts';
import { Card, CardContent, CardHeader } from '@mui/material';
import { DataTable, FunctionField } from 'react-admin';
import { EmbeddedList } from '../../../components/EmbeddedList';
import { reportFileUrl } from '../../../providers/reportsProvider';
import { DownloadButton } from '../shared/DownloadButton';
import { formatInstant, formatWindow } from '../shared/words';

/** Every signed gap report of the tenant, newest first (`GET /reports/gap/sign-offs`, the list convention). */
export const SignOffList = ({ timezone }: { timezone?: string }) => (
  <Card data-testid="sign-off-list">
    <CardHeader
      title="Signed reports"
      subheader="Frozen when signed: numbers, PDF and its SHA-256 never change."
      slotProps={{ title: { variant: 'h6' } }}
    />
    <CardContent sx={{ pt: 0 }}>
      <EmbeddedList
        resource="reports/gap/sign-offs"
        actions={false}
        sort={{ field: 'signed_at', order: 'DESC' }}
        perPage={10}
        rowsPerPageOptions={[10, 25, 50]}
      >
        <DataTable<GapSignOffView>
          bulkActionButtons={false}
          rowClick={false}
          empty={<span>No signed reports yet.</span>}
        >
          <DataTable.Col source="signed_at" label="Signed">
            <FunctionField<GapSignOffView> render={(record) => formatInstant(record.signed_at, timezone)} />
          </DataTable.Col>
          <DataTable.Col source="signed_by" label="By" disableSort>
            <FunctionField<GapSignOffView> render={(record) => record.signed_by.name} />
          </DataTable.Col>
          <DataTable.Col source="from" label="Window" disableSort>
            <FunctionField<GapSignOffView> render={(record) => formatWindow(record.from, record.to, timezone)} />
          </DataTable.Col>
          <DataTable.Col source="note" label="Note" disableSort>
            <FunctionField<GapSignOffView> render={(record) => record.note ?? '—'} />
          </DataTable.Col>
          <DataTable.Col source="sha256" label="SHA-256 of the PDF" disableSort>
            <FunctionField<GapSignOffView>
              render={(record) => (
                <span
                  style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }}
                  data-testid="sign-off-sha256"
                >
                  {record.sha256}
                </span>
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="PDF" disableSort>
            <FunctionField<GapSignOffView>
              render={(record) => (
                <DownloadButton href={reportFileUrl.signOffPdf(String(record.id))} variant="text">
                  PDF
                </DownloadButton>
              )}
            />
          </DataTable.Col>
        </DataTable>
      </EmbeddedList>
    </CardContent>
  </Card>
);
