import { Chip } from '@mui/material';
import { DataTable, DateField, FunctionField, List, SelectInput, useRecordContext } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { AUDIT_ACTIONS, type AuditEntryView as AuditEntry } from '@floor-os/contracts';
import { ACTION_LABELS, ACTOR_TYPE_LABELS, changedThing, ENTITY_TYPE_LABELS } from './types';

const auditFilters = [
  <SelectInput
    key="entity_type"
    source="entity_type"
    label="What changed"
    choices={Object.entries(ENTITY_TYPE_LABELS)
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name))}
    alwaysOn
  />,
  <SelectInput
    key="action"
    source="action"
    choices={AUDIT_ACTIONS.map((action) => ({ id: action, name: ACTION_LABELS[action] ?? action }))}
    alwaysOn
  />,
];

const ACTION_COLORS = { create: 'success', update: 'info', delete: 'error' } as const;

export const ActionChip = (_props: { label?: string }) => {
  const record = useRecordContext<AuditEntry>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={ACTION_LABELS[record.action] ?? record.action}
      color={ACTION_COLORS[record.action] ?? 'default'}
      data-action={record.action}
    />
  );
};

/** SPEC R6: who changed what and when, read-only. */
export const AuditLogList = () => (
  <List
    filters={auditFilters}
    actions={<ListActions hasFilters />}
    sort={{ field: 'created_at', order: 'DESC' }}
    perPage={25}
    title="Admin audit log"
  >
    <DataTable<AuditEntry> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="created_at" label="When">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="actor_label" label="Who" />
      <DataTable.Col source="actor_type" label="Acting as">
        <FunctionField<AuditEntry> render={(record) => ACTOR_TYPE_LABELS[record.actor_type] ?? record.actor_type} />
      </DataTable.Col>
      <DataTable.Col source="action">
        <ActionChip />
      </DataTable.Col>
      <DataTable.Col source="entity_type" label="What changed">
        <FunctionField<AuditEntry> render={(record) => changedThing(record)} data-testid="audit-changed-thing" />
      </DataTable.Col>
    </DataTable>
  </List>
);
