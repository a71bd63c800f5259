import { DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { PersonaChips } from '../../components/PersonaChips';
import { StatusChip } from '../../components/StatusChip';

export const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="email" />
      <Labeled label="Personas">
        <PersonaChips />
      </Labeled>
      <Labeled label="Status">
        <StatusChip />
      </Labeled>
      <TextField source="agent_code" label="Agent code" emptyText="—" />
      <TextField source="manager_id" label="Manager" emptyText="—" />
      <DateField source="last_login_at" label="Last login" showTime emptyText="never" />
      <DateField source="created_at" label="Created" showTime />
    </SimpleShowLayout>
  </Show>
);
