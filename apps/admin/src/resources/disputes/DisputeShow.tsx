import {
  DateField,
  EditButton,
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { disputeCategoryLabel } from '../../components/words';
import { AuditIdField } from './AuditIdField';
import type { DisputeView as Dispute } from '@floor-os/contracts';

const DisputeShowActions = () => {
  const { canAccess } = useCanAccess({ resource: 'disputes', action: 'edit' });
  return <TopToolbar>{canAccess ? <EditButton label="Resolve" /> : null}</TopToolbar>;
};

/** The fields of a dispute that never change: who said what about which decision. */
export const DisputeFacts = () => (
  <>
    <Labeled label="Decision">
      <AuditIdField withAuditId />
    </Labeled>
    <FunctionField<Dispute> label="Category" render={(record) => disputeCategoryLabel(record.category)} />
    <FunctionField<Dispute> label="Routed to" render={(record) => (record.routed_to === 'it' ? 'IT' : '—')} />
    <TextField source="note" sx={{ whiteSpace: 'pre-wrap' }} />
    <TextField source="created_by_email" label="Created by" emptyText="—" />
    <DateField source="created_at" label="Created" showTime />
  </>
);

export const DisputeShow = () => (
  <Show title="Dispute" actions={<DisputeShowActions />}>
    <SimpleShowLayout>
      <DisputeFacts />
      <Labeled label="Status">
        <StatusChip labels={{ open: 'Open', resolved: 'Resolved' }} />
      </Labeled>
      <TextField source="resolution" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      <DateField source="resolved_at" label="Resolved" showTime emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
