import { Box, Typography } from '@mui/material';
import {
  DataTable,
  downloadCSV,
  FunctionField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
  CreateButton,
  type Exporter,
  type RaRecord,
} from 'react-admin';
import { recordsToCsv } from '../../components/csvExport';
import { ListActions } from '../../components/ListActions';
import { StatusChip } from '../../components/StatusChip';
import { useTenantZone } from '../../dashboard/useDashboardData';
import { formatInstant, formatLocalDate } from '../../pages/reports/shared/words';
import type { OffboardingCaseView as OffboardingCase } from '@floor-os/contracts';
import { CASE_STATUS_LABELS, caseStatusChoices } from './types';

const caseFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, email or reason" />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={caseStatusChoices}
    alwaysOn
    emptyText="Any status"
  />,
];

/** The CSV people open in a spreadsheet: who, why, when, in words (names, not ids), through the shared writer. */
const caseExporter: Exporter = async (records, fetchRelatedRecords, _dataProvider, resource) => {
  const cases = records as OffboardingCase[];
  type Person = { id: string; name?: string; email?: string };
  const [openedBy, closedBy] = await Promise.all([
    fetchRelatedRecords<Person>(cases, 'opened_by_id', 'users'),
    fetchRelatedRecords<Person>(cases, 'closed_by_id', 'users'),
  ]);
  const nameOf = (people: Record<string, Person>, id: string | null) =>
    id ? people[id]?.name || people[id]?.email || '' : '';
  // Column headers in words: the file is read by people, in a spreadsheet.
  const rows = cases.map((row) => ({
    User: row.user_name ?? '',
    Email: row.user_email ?? '',
    Reason: row.reason,
    'Last day': row.last_day ?? '',
    Status: CASE_STATUS_LABELS[row.status] ?? row.status,
    Opened: row.opened_at,
    'Opened by': nameOf(openedBy, row.opened_by_id),
    Closed: row.closed_at ?? '',
    'Closed by': nameOf(closedBy, row.closed_by_id),
    Note: row.note ?? '',
  }));
  downloadCSV(recordsToCsv(rows as unknown as RaRecord[]), resource ?? 'offboarding');
};

/** Offboarding cases (SPEC R5): open ones first by default; a row opens the case page. */
export const OffboardingList = () => (
  <List
    title="Offboarding"
    filters={caseFilters}
    filterDefaultValues={{ status: 'open' }}
    actions={<ListActions exporter={caseExporter} createLabel="Start offboarding" />}
    sort={{ field: 'opened_at', order: 'DESC' }}
    perPage={25}
    empty={<NoCases />}
  >
    <DataTable<OffboardingCase> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="user_name" label="User">
        <FunctionField<OffboardingCase>
          render={(record) => (
            <Box>
              <Typography variant="body2" data-testid="case-user">
                {record.user_name || record.user_email}
              </Typography>
              {record.user_name ? (
                <Typography variant="caption" color="text.secondary">
                  {record.user_email}
                </Typography>
              ) : null}
            </Box>
          )}
        />
      </DataTable.Col>
      <DataTable.Col source="reason" cellSx={() => ({ maxWidth: 320 })}>
        <FunctionField<OffboardingCase>
          render={(record) => (record.reason.length > 120 ? `${record.reason.slice(0, 120)}…` : record.reason)}
        />
      </DataTable.Col>
      <DataTable.Col source="last_day" label="Last day">
        <FunctionField<OffboardingCase>
          render={(record) => (record.last_day ? formatLocalDate(record.last_day) : '—')}
        />
      </DataTable.Col>
      <DataTable.Col source="status">
        <StatusChip labels={CASE_STATUS_LABELS} />
      </DataTable.Col>
      <DataTable.Col source="opened_at" label="Opened">
        <OpenedAt />
      </DataTable.Col>
      <DataTable.Col label="Opened by" disableSort>
        <ReferenceField source="opened_by_id" reference="users" link={false} emptyText="—">
          <TextField source="name" />
        </ReferenceField>
      </DataTable.Col>
    </DataTable>
  </List>
);

/** When the case opened, in the tenant's time (as the case page and HR's home show it). */
const OpenedAt = () => {
  const zone = useTenantZone();
  return <FunctionField<OffboardingCase> render={(record) => formatInstant(record.opened_at, zone)} />;
};

const NoCases = () => (
  <Box sx={{ p: 4, textAlign: 'center' }} data-testid="no-cases">
    <Typography variant="h6" gutterBottom>
      No offboarding cases yet
    </Typography>
    <Typography variant="body2" color="text.secondary">
      When someone leaves, start a case: their sign-in ends at once, and the case lists their API keys and accounts to
      hand over.
    </Typography>
    <Box sx={{ mt: 2 }}>
      <CreateButton label="Start offboarding" variant="contained" />
    </Box>
  </Box>
);
