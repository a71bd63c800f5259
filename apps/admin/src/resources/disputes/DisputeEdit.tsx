import {
  Edit,
  SaveButton,
  SelectInput,
  ShowButton,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
} from 'react-admin';
import { pickFields } from '../../components/transform';
import { choicesInWords } from '../../components/words';
import { DisputeFacts } from './DisputeShow';
import { DISPUTE_STATUSES } from '@floor-os/contracts';

const DisputeEditActions = () => (
  <TopToolbar>
    <ShowButton />
  </TopToolbar>
);

// No delete: a dispute stays on the record, resolved or not.
const DisputeEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** A resolved dispute says how: the resolution note is required to close it. */
function validateDispute(values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.status === 'resolved' && !String(values.resolution ?? '').trim()) {
    errors.resolution = 'Say how the dispute was resolved';
  }
  return errors;
}

/** IT or Compliance resolve a dispute (SPEC A2: open → resolved); only status and resolution change. */
export const DisputeEdit = () => (
  <Edit
    title="Resolve dispute"
    mutationMode="pessimistic"
    actions={<DisputeEditActions />}
    transform={(data: Record<string, unknown>) => ({
      ...pickFields(['status'])(data),
      resolution: String(data.resolution ?? '').trim() || null,
    })}
  >
    <SimpleForm validate={validateDispute} toolbar={<DisputeEditToolbar />}>
      <DisputeFacts />
      <SelectInput source="status" choices={choicesInWords(DISPUTE_STATUSES)} validate={required()} />
      <TextInput source="resolution" label="Resolution" multiline minRows={2} helperText="What was fixed or decided" />
    </SimpleForm>
  </Edit>
);
