import { Alert } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  DateInput,
  maxLength,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
} from 'react-admin';
import type { UserView } from '@floor-os/contracts';
import { pickFields } from '../../components/transform';
import { userStatusLabel } from '../users/types';
import type { OffboardingCaseDetail as OffboardingCaseRecord } from '@floor-os/contracts';

/** A user as the picker lists them: name, email, and the status when it is not plain "active". */
export const personOption = (user: UserView | undefined): string =>
  user
    ? `${user.name || user.email}${user.name ? ` (${user.email})` : ''}${user.status && user.status !== 'active' ? ` · ${userStatusLabel(user.status)}` : ''}`
    : '';

/**
 * "Start offboarding" (SPEC R5): pick a user of the tenant, say why, optionally the last day. Saving takes the
 * user's access away at once, so the form says so before it is saved; the case page opens next.
 */
export const OffboardingCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (created: OffboardingCaseRecord) => {
    notify(
      `Offboarding started for ${created.user_name || created.user_email}: sign-in refused and every session ended`,
      { type: 'success' },
    );
    redirect('show', 'offboarding', created.id);
  };
  return (
    <Create
      title="Start offboarding"
      mutationOptions={{ onSuccess }}
      transform={pickFields(['user_id', 'reason', 'last_day'])}
    >
      <SimpleForm>
        <Alert severity="warning" sx={{ mb: 2, maxWidth: 640 }}>
          Saving takes the user&apos;s access away at once: sign-in is refused and every session ends. Their API keys
          keep working until you revoke or hand over each one on the case page.
        </Alert>
        {/* Only people who can still sign in: an offboarding or disabled user has nothing left to take away. */}
        <ReferenceInput
          source="user_id"
          reference="users"
          filter={{ status: ['active', 'invited'] }}
          sort={{ field: 'name', order: 'ASC' }}
          perPage={25}
        >
          <AutocompleteInput
            label="User"
            optionText={personOption}
            validate={required('Choose the user who leaves')}
            helperText="Type a name or an email"
            sx={{ maxWidth: 640 }}
          />
        </ReferenceInput>
        <TextInput
          source="reason"
          multiline
          minRows={2}
          validate={[required('Say why the user leaves'), maxLength(2000)]}
          helperText="For example: resigned, end of contract, moved to another company"
          sx={{ maxWidth: 640 }}
        />
        <DateInput
          source="last_day"
          label="Last day (optional)"
          helperText="For the record only: access ends when you save"
          sx={{ maxWidth: 640 }}
        />
      </SimpleForm>
    </Create>
  );
};
