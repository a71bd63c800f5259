import { PERSONA_IDS } from '@floor-os/personas';
import {
  BooleanInput,
  CheckboxGroupInput,
  Edit,
  Labeled,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
} from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { pickFields } from '../../components/transform';
import { personaChoices } from '../users/types';

// No delete here: a tenant's decisions are kept for years (12 CFR 1006.100).
const TenantEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const TenantEdit = () => (
  <Edit mutationMode="pessimistic" transform={pickFields(['legal_name', 'pilot_mode', 'active_personas'])}>
    <SimpleForm toolbar={<TenantEditToolbar />}>
      <TextInput source="slug" readOnly />
      <TextInput source="legal_name" label="Legal name" validate={required()} />
      <BooleanInput source="pilot_mode" label="Pilot mode" />
      <Labeled label="Enforcement mode (switched by the tenant's compliance people or admin)">
        <StatusChip source="enforcement_mode" />
      </Labeled>
      <CheckboxGroupInput
        source="active_personas"
        label="Active personas"
        choices={personaChoices(PERSONA_IDS)}
        row={false}
        validate={required()}
      />
    </SimpleForm>
  </Edit>
);
