import { DataTable, DateField, FunctionField, List, SearchInput, SelectInput, useCanAccess } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { StatusChip } from '../../components/StatusChip';
import { choicesOf } from '../decisions/types';
import { AuditIdField } from './AuditIdField';
import { ANNOTATION_CATEGORIES, DISPUTE_STATUSES, routedToChoices, type Dispute } from './types';

const disputeFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Note or audit id" />,
  <SelectInput key="status" source="status" choices={choicesOf(DISPUTE_STATUSES)} alwaysOn />,
  <SelectInput key="category" source="category" choices={choicesOf(ANNOTATION_CATEGORIES)} alwaysOn />,
  <SelectInput key="routed_to" source="routed_to" label="Routed to" choices={routedToChoices} />,
];

/** SPEC A2: annotations and disputes on gate decisions, open first by default. */
export const DisputeList = () => {
  const { canAccess: canResolve } = useCanAccess({ resource: 'disputes', action: 'edit' });
  return (
    <List
      title="Disputes"
      filters={disputeFilters}
      filterDefaultValues={{ status: 'open' }}
      actions={<ListActions hasFilters />}
      sort={{ field: 'created_at', order: 'DESC' }}
      perPage={25}
    >
      <DataTable<Dispute> rowClick={canResolve ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="status">
          <StatusChip />
        </DataTable.Col>
        <DataTable.Col source="category" />
        <DataTable.Col source="routed_to" label="Routed to">
          <FunctionField<Dispute> render={(record) => (record.routed_to === 'it' ? 'IT' : '—')} />
        </DataTable.Col>
        <DataTable.Col source="note" disableSort cellSx={() => ({ minWidth: 260 })}>
          <FunctionField<Dispute>
            render={(record) => (record.note.length > 140 ? `${record.note.slice(0, 140)}…` : record.note)}
            data-testid="dispute-note"
          />
        </DataTable.Col>
        <DataTable.Col source="audit_id" label="Decision">
          <AuditIdField />
        </DataTable.Col>
        <DataTable.Col source="created_by_email" label="Created by" disableSort />
        <DataTable.Col source="created_at" label="Created">
          <DateField source="created_at" showTime />
        </DataTable.Col>
        <DataTable.Col source="resolved_at" label="Resolved" disableSort>
          <DateField source="resolved_at" showTime emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
