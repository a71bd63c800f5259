import { Grid } from '@mui/material';
import { DateField, Labeled, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { JsonBlock } from '../../components/JsonBlock';
import { ActionChip } from './AuditLogList';
import { ChangesTable } from './ChangesTable';
import type { AuditEntry } from './types';

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
      <TextField source="actor_type" label="Actor type" />
      <Labeled label="Action">
        <ActionChip />
      </Labeled>
      <TextField source="entity_type" label="Entity type" />
      <TextField source="entity_id" label="Entity id" />
      <Labeled label="Changes" fullWidth>
        <ChangesTable />
      </Labeled>
      <BeforeAfter />
    </SimpleShowLayout>
  </Show>
);
