import { Chip } from '@mui/material';
import {
  DataTable,
  DateField,
  DeleteButton,
  List,
  SearchInput,
  SelectInput,
  TextField,
  useNotify,
  useRecordContext,
} from 'react-admin';
import { SuppressionListActions } from './SuppressionActions';
import type { SuppressionEntryView as SuppressionEntry } from '@floor-os/contracts';
import { kindChoices } from './types';

const suppressionFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Number, email or reason" />,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
];

const KindChip = (_props: { label?: string }) => {
  const record = useRecordContext<SuppressionEntry>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={record.kind === 'phone' ? 'primary' : 'secondary'}
      label={record.kind}
      data-kind={record.kind}
    />
  );
};

// Removing an entry lets the gate allow contact to it again: confirmed, and audited by the API.
const RemoveButton = () => {
  const record = useRecordContext<SuppressionEntry>();
  const notify = useNotify();
  if (!record) return null;
  return (
    <DeleteButton
      label="Remove"
      mutationMode="pessimistic"
      redirect={false}
      // Not `successMessage`: react-admin shows its default text in place of an untranslated one.
      mutationOptions={{
        onSuccess: () => notify(`${record.value} removed from the suppression list`, { type: 'info' }),
      }}
      confirmTitle={`Remove ${record.value} from the suppression list?`}
      confirmContent="The gate stops blocking contact to it from the next check. The removal is audited."
    />
  );
};

/** The tenant's suppression list (SPEC decided detail 8): kept by IT and the Compliance personas. */
export const SuppressionList = () => (
  <List
    title="Suppression list"
    filters={suppressionFilters}
    actions={<SuppressionListActions />}
    sort={{ field: 'created_at', order: 'DESC' }}
    perPage={25}
    empty={false}
  >
    <DataTable<SuppressionEntry> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="kind">
        <KindChip />
      </DataTable.Col>
      <DataTable.Col source="value">
        <TextField source="value" sx={{ fontFamily: 'monospace' }} data-testid="suppression-value" />
      </DataTable.Col>
      <DataTable.Col source="reason" disableSort>
        <TextField source="reason" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="created_at" label="Created">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col label="Actions" disableSort>
        <RemoveButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
