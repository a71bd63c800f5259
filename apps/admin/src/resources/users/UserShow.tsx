import { DateField, EditButton, Labeled, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { PersonaChips } from '../../components/PersonaChips';
import { StatusChip } from '../../components/StatusChip';
import { ReissueInvitationButton } from './ReissueInvitationButton';

const UserShowActions = () => (
  <TopToolbar>
    <ReissueInvitationButton />
    <EditButton />
  </TopToolbar>
);

export const UserShow = () => (
  <Show actions={<UserShowActions />}>
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
