import BlockIcon from '@mui/icons-material/Block';
import {
  DeleteButton,
  Edit,
  SaveButton,
  SelectInput,
  ShowButton,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
  useRecordContext,
} from 'react-admin';
import { pickFields } from '../../components/transform';
import { editableStatusChoices, type User } from './types';
import { PersonasInput } from './PersonasInput';
import { UserOffboardingButton } from '../offboarding/UserCase';
import { ReissueInvitationButton } from './ReissueInvitationButton';

const UserEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      label="Disable"
      icon={<BlockIcon />}
      mutationMode="pessimistic"
      confirmTitle="Disable this user?"
      successMessage="User disabled"
      confirmContent="They can no longer sign in and their sessions end at once."
    />
  </Toolbar>
);

const UserEditActions = () => (
  <TopToolbar>
    <ReissueInvitationButton />
    <UserOffboardingButton />
    <ShowButton />
  </TopToolbar>
);

const StatusInput = () => {
  const record = useRecordContext<User>();
  return (
    <SelectInput
      source="status"
      choices={editableStatusChoices(record?.status)}
      validate={required()}
      helperText="Disabling ends sign-in and sessions at once; offboarding runs through HR's cases"
    />
  );
};

export const UserEdit = () => (
  <Edit
    mutationMode="pessimistic"
    actions={<UserEditActions />}
    transform={pickFields(['name', 'personas', 'status', 'agent_code'])}
  >
    <SimpleForm toolbar={<UserEditToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" validate={required()} />
      <PersonasInput />
      <StatusInput />
      <TextInput source="agent_code" label="Agent code" helperText="The dialer's agent id" />
    </SimpleForm>
  </Edit>
);
