import { useState } from 'react';
import { Create, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { pickFields } from '../../components/transform';
import { SECRET_WARNING, type ApiKey } from './types';

/** Generating a key (SPEC K1): its secret appears only in this answer, so it is shown once here. */
export const ApiKeyCreate = () => {
  const [secret, setSecret] = useState<string | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();

  const onSuccess = (key: ApiKey) => {
    notify(`API key "${key.label}" generated`, { type: 'success' });
    if (key.secret) setSecret(key.secret);
    else redirect('list', 'api-keys');
  };

  return (
    <>
      <Create title="Generate an API key" mutationOptions={{ onSuccess }} transform={pickFields(['label'])}>
        <SimpleForm>
          <TextInput
            source="label"
            validate={required()}
            helperText="What the key is for, e.g. pilot-primary"
            autoComplete="off"
          />
        </SimpleForm>
      </Create>
      <OneTimeSecretDialog
        value={secret}
        title="Your new API key"
        label="Secret"
        warning={SECRET_WARNING}
        testId="api-key-secret"
        onClose={() => {
          setSecret(null);
          redirect('list', 'api-keys');
        }}
      />
    </>
  );
};
