import BlockIcon from '@mui/icons-material/Block';
import {
  DeleteButton,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
} from 'react-admin';
import { pickFields } from '../../components/transform';
import { statusChoices } from './choices';
import { PersonasInput } from './PersonasInput';

const UserEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      label="Disable"
      icon={<BlockIcon />}
      mutationMode="pessimistic"
      confirmTitle="Disable this user?"
      confirmContent="They can no longer sign in and their sessions end at once."
    />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" transform={pickFields(['name', 'personas', 'status', 'agent_code'])}>
    <SimpleForm toolbar={<UserEditToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" validate={required()} />
      <PersonasInput />
      <SelectInput source="status" choices={statusChoices} validate={required()} />
      <TextInput source="agent_code" label="Agent code" helperText="The dialer's agent id" />
    </SimpleForm>
  </Edit>
);
