import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, minLength, PasswordInput, required, useLocation, useNavigate, useNotify } from 'react-admin';
import { usersMethods } from '../providers/usersProvider';

interface AcceptValues {
  password: string;
  confirm: string;
}

// The API's rule (SPEC R3); it checks again.
const MIN_PASSWORD_LENGTH = 12;

const matchesPassword = (value: string, values: AcceptValues) =>
  value === values.password ? undefined : 'The two passwords differ';

/**
 * SPEC R2: the invitee sets a password through the one-time link `#/accept-invitation?token=…`, then
 * signs in. Public: the invitee has no session yet.
 */
export const AcceptInvitationPage = () => {
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token');
  const navigate = useNavigate();
  const notify = useNotify();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const accept = async ({ password }: AcceptValues) => {
    setSaving(true);
    setError(null);
    try {
      // Before any session: the provider's plain call, without the sign-out a refusal would trigger elsewhere.
      await usersMethods.acceptInvitation(token, password);
      notify('Password set: you can sign in now', { type: 'success' });
      navigate('/login');
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : 'The invitation could not be accepted';
      setError(message);
      notify(message, { type: 'error' });
      setSaving(false);
    }
  };

  return (
    <Box
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100' }}
    >
      <Card sx={{ width: 380 }}>
        <CardContent>
          <Typography variant="h5" component="h1">
            Floor OS
          </Typography>
          <Typography variant="subtitle1" color="text.secondary" gutterBottom>
            Accept your invitation
          </Typography>
          {token ? (
            <Form onSubmit={(values: Record<string, unknown>) => accept(values as unknown as AcceptValues)} noValidate>
              <Stack>
                <PasswordInput
                  source="password"
                  label="New password"
                  autoComplete="new-password"
                  validate={[required(), minLength(MIN_PASSWORD_LENGTH)]}
                />
                <PasswordInput
                  source="confirm"
                  label="Confirm password"
                  autoComplete="new-password"
                  validate={[required(), matchesPassword]}
                />
                {error ? (
                  <Alert severity="error" sx={{ mb: 2 }}>
                    {error}
                  </Alert>
                ) : null}
                <Button type="submit" variant="contained" disabled={saving}>
                  {saving ? <CircularProgress size={19} /> : 'Set password'}
                </Button>
              </Stack>
            </Form>
          ) : (
            <Alert severity="error">
              This invitation link is incomplete: it has no token. Ask your administrator for a new one.
            </Alert>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
