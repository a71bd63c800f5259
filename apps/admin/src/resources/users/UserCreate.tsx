import { useState } from 'react';
import { Create, email, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { absoluteUrl, pickFields } from '../../components/transform';
import type { User } from './choices';
import { PersonasInput } from './PersonasInput';

/** Inviting a user (SPEC R2): the answer carries a one-time invitation link, shown here once. */
export const UserCreate = () => {
  const [invitationUrl, setInvitationUrl] = useState<string | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();

  const onSuccess = (user: User) => {
    notify('User invited', { type: 'success' });
    if (user.invitation_url) setInvitationUrl(absoluteUrl(user.invitation_url));
    else redirect('list', 'users');
  };

  return (
    <>
      <Create
        title="Invite a user"
        mutationOptions={{ onSuccess }}
        transform={pickFields(['email', 'name', 'personas', 'agent_code'])}
      >
        <SimpleForm defaultValues={{ personas: [] }}>
          <TextInput source="email" type="email" validate={[required(), email()]} />
          <TextInput source="name" validate={required()} />
          <PersonasInput />
          <TextInput source="agent_code" label="Agent code" helperText="The dialer's agent id (optional)" />
        </SimpleForm>
      </Create>
      <OneTimeSecretDialog
        value={invitationUrl}
        title="Invitation link"
        label="Invitation link"
        warning="Send this link to the user now: it is shown only once and expires. They set their password with it."
        testId="invitation-url"
        onClose={() => {
          setInvitationUrl(null);
          redirect('list', 'users');
        }}
      />
    </>
  );
};
