import { Box, Typography } from '@mui/material';
import { DataTable, DateField, FunctionField, List, SearchInput, SelectInput, useCanAccess } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { StatusChip } from '../../components/StatusChip';
import { choicesInWords, disputeCategoryLabel } from '../../components/words';
import { AuditIdField } from './AuditIdField';
import { ANNOTATION_CATEGORIES, DISPUTE_STATUSES, type DisputeView as Dispute } from '@floor-os/contracts';
import { routedToChoices } from './types';

const STATUS_WORDS = { open: 'Open', resolved: 'Resolved' };

const disputeFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Note or audit id" />,
  <SelectInput key="status" source="status" choices={choicesInWords(DISPUTE_STATUSES)} alwaysOn />,
  <SelectInput
    key="category"
    source="category"
    choices={choicesInWords(ANNOTATION_CATEGORIES, disputeCategoryLabel)}
    alwaysOn
  />,
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
          <StatusChip labels={STATUS_WORDS} />
        </DataTable.Col>
        {/* What it is about and what was said, in one column: the list fits a 1280 px window. */}
        <DataTable.Col source="category" label="Dispute" cellSx={() => ({ minWidth: 260 })}>
          <FunctionField<Dispute>
            render={(record) => (
              <Box>
                <Typography
                  variant="body2"
                  sx={{ fontWeight: 500 }}
                  data-testid="dispute-category"
                  data-category={record.category}
                >
                  {disputeCategoryLabel(record.category)}
                  {record.routed_to === 'it' ? ' · routed to IT' : ''}
                </Typography>
                <Typography variant="body2" color="text.secondary" data-testid="dispute-note">
                  {record.note.length > 140 ? `${record.note.slice(0, 140)}…` : record.note}
                </Typography>
              </Box>
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="audit_id" label="Decision">
          <AuditIdField />
        </DataTable.Col>
        <DataTable.Col source="created_at" label="Raised">
          <FunctionField<Dispute>
            render={(record) => (
              <Box>
                <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                  {record.created_by_email ?? '—'}
                </Typography>
                <DateField source="created_at" showTime variant="caption" color="text.secondary" />
              </Box>
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="resolved_at" label="Resolved" disableSort>
          <DateField source="resolved_at" emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
