import { Chip } from '@mui/material';
import { DataTable, DateField, List, SelectInput, TextInput, useRecordContext } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { AUDIT_ACTIONS, type AuditEntry } from './types';

const auditFilters = [
  <TextInput key="entity_type" source="entity_type" label="Entity type" alwaysOn />,
  <SelectInput key="action" source="action" choices={AUDIT_ACTIONS.map((action) => ({ id: action, name: action }))} alwaysOn />,
];

const ACTION_COLORS = { create: 'success', update: 'info', delete: 'error' } as const;

export const ActionChip = (_props: { label?: string }) => {
  const record = useRecordContext<AuditEntry>();
  if (!record) return null;
  return <Chip size="small" variant="outlined" label={record.action} color={ACTION_COLORS[record.action] ?? 'default'} />;
};

/** SPEC R6: who changed what and when, read-only. */
export const AuditLogList = () => (
  <List filters={auditFilters} actions={<ListActions hasFilters />} sort={{ field: 'created_at', order: 'DESC' }} perPage={25} title="Admin audit log">
    <DataTable<AuditEntry> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="created_at" label="When">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="actor_label" label="Who" />
      <DataTable.Col source="actor_type" label="Actor type" />
      <DataTable.Col source="action">
        <ActionChip />
      </DataTable.Col>
      <DataTable.Col source="entity_type" label="Entity type" />
      <DataTable.Col source="entity_id" label="Entity id" />
    </DataTable>
  </List>
);
