import {
  DateField,
  EditButton,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { PersonaChips } from '../../components/PersonaChips';
import { UserOffboardingButton, UserStatusField } from '../offboarding/UserCase';
import { ReissueInvitationButton } from './ReissueInvitationButton';

const UserShowActions = () => (
  <TopToolbar>
    <ReissueInvitationButton />
    <UserOffboardingButton />
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
        <UserStatusField />
      </Labeled>
      <TextField source="agent_code" label="Agent code" emptyText="—" />
      <ReferenceField source="manager_id" reference="users" label="Manager" link="show" emptyText="—">
        <TextField source="name" />
      </ReferenceField>
      <DateField source="last_login_at" label="Last login" showTime emptyText="never" />
      <DateField source="created_at" label="Created" showTime />
    </SimpleShowLayout>
  </Show>
);
