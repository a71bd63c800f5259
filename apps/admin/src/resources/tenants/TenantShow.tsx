import { BooleanField, DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { PersonaChips } from '../../components/PersonaChips';
import { StatusChip } from '../../components/StatusChip';

export const TenantShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="slug" />
      <TextField source="legal_name" label="Legal name" />
      <BooleanField source="pilot_mode" label="Pilot mode" />
      <Labeled label="Enforcement mode">
        <StatusChip source="enforcement_mode" />
      </Labeled>
      <Labeled label="Active personas">
        <PersonaChips source="active_personas" />
      </Labeled>
      <DateField source="created_at" label="Created" showTime />
    </SimpleShowLayout>
  </Show>
);
