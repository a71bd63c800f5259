import { CheckboxGroupInput, required, useRecordContext } from 'react-admin';
import { useSession } from '../../providers/session';
import { personaChoices } from './types';

/**
 * The personas a user may be given: the tenant's active personas (SPEC T1), plus any the user already
 * holds so that a deactivated one can still be taken away.
 */
export const PersonasInput = () => {
  const { session } = useSession();
  const record = useRecordContext<{ personas?: string[] }>();
  const ids = [...(session?.tenant?.active_personas ?? []), ...(record?.personas ?? [])];
  return (
    <CheckboxGroupInput
      source="personas"
      choices={personaChoices(ids)}
      validate={required('Choose at least one persona')}
      row={false}
      helperText={session?.tenant ? 'Limited to the personas active in this tenant' : 'Choose a tenant first'}
    />
  );
};
