import { useState } from 'react';
import { Create, email, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { absoluteUrl, pickFields } from '../../components/transform';
import { expiryNote, type User } from './types';
import { PersonasInput } from './PersonasInput';

/** Inviting a user (SPEC R2): the answer carries a one-time invitation link, shown here once. */
export const UserCreate = () => {
  const [invitation, setInvitation] = useState<{ url: string; expiresAt?: string } | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();

  const onSuccess = (user: User) => {
    notify('User invited', { type: 'success' });
    if (user.invitation_url)
      setInvitation({ url: absoluteUrl(user.invitation_url), expiresAt: user.invitation_expires_at });
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
        value={invitation?.url}
        detail={expiryNote(invitation?.expiresAt)}
        title="Invitation link"
        label="Invitation link"
        warning="Send this link to the user now: it is shown only once and expires. They set their password with it."
        testId="invitation-url"
        onClose={() => {
          setInvitation(null);
          redirect('list', 'users');
        }}
      />
    </>
  );
};
