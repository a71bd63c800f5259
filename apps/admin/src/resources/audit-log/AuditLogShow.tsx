import { Grid } from '@mui/material';
import { DateField, FunctionField, Labeled, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { JsonBlock } from '../../components/JsonBlock';
import { ActionChip } from './AuditLogList';
import { ChangesTable } from './ChangesTable';
import type { AuditEntryView as AuditEntry } from '@floor-os/contracts';
import { ACTOR_TYPE_LABELS, changedThing } from './types';

const BeforeAfter = (_props: { label?: string }) => {
  const record = useRecordContext<AuditEntry>();
  if (!record) return null;
  return (
    <Grid container spacing={2} sx={{ width: '100%' }}>
      <Grid size={{ xs: 12, md: 6 }}>
        <Labeled label="Before">
          <JsonBlock value={record.before} testId="audit-before" />
        </Labeled>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Labeled label="After">
          <JsonBlock value={record.after} testId="audit-after" />
        </Labeled>
      </Grid>
    </Grid>
  );
};

export const AuditLogShow = () => (
  <Show title="Admin audit log entry" actions={false}>
    <SimpleShowLayout>
      <DateField source="created_at" label="When" showTime />
      <TextField source="actor_label" label="Who" />
      <FunctionField<AuditEntry>
        label="Acting as"
        render={(record) => ACTOR_TYPE_LABELS[record.actor_type] ?? record.actor_type}
      />
      <Labeled label="Action">
        <ActionChip />
      </Labeled>
      <FunctionField<AuditEntry> label="What changed" render={(record) => changedThing(record)} />
      <Labeled label="Changes" fullWidth>
        <ChangesTable />
      </Labeled>
      <BeforeAfter />
    </SimpleShowLayout>
  </Show>
);
