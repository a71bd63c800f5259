import { Create, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { pickFields } from '../../components/transform';
import { kindChoices } from './types';

/** One entry by hand; the API normalises phones to E.164 and answers 400 with `fields.value` when invalid. */
export const SuppressionCreate = () => (
  <Create title="Add to the suppression list" redirect="list" transform={pickFields(['kind', 'value', 'reason'])}>
    <SimpleForm defaultValues={{ kind: 'phone' }}>
      <SelectInput source="kind" choices={kindChoices} validate={required()} />
      <TextInput
        source="value"
        validate={required()}
        autoComplete="off"
        helperText="A phone number (US numbers may omit +1) or an email address"
      />
      <TextInput
        source="reason"
        helperText="Why contact to it is suppressed (optional)"
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
    </SimpleForm>
  </Create>
);
