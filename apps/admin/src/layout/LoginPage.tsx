import { isSsoSignInError, SSO_SIGN_IN_ERRORS } from '@floor-os/contracts';
import { Alert, Box, Button, CardContent, CircularProgress, Link, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import {
  email as emailAddress,
  Form,
  Login,
  PasswordInput,
  required,
  TextInput,
  useLocation,
  useLogin,
} from 'react-admin';
import { startSingleSignOn } from '../providers/authProvider';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../providers/http';

/** The sentence for `?sso_error=<reason>`, the identity provider's refusal the API sent the browser back with. */
function singleSignOnRefusal(search: string): string | null {
  const reason = new URLSearchParams(search).get('sso_error');
  if (reason === null) return null;
  return isSsoSignInError(reason) ? SSO_SIGN_IN_ERRORS[reason] : SSO_SIGN_IN_ERRORS.unavailable;
}

const FORM_WIDTH = 300;

/**
 * Sign-in in two steps (SPEC R3, R7): the email first, which the API routes by its domain — to the
 * organisation's identity provider when it signs in with single sign-on, else to the password step. The
 * API's own message is shown for a refusal (wrong password, lockout, single sign-on required), and the
 * sentence for a sign-in the identity provider's side refused.
 */
const SignInSteps = () => {
  const { search } = useLocation();
  const login = useLogin();
  // The email the password step is for; null while the email is being asked for.
  const [email, setEmail] = useState<string | null>(null);
  const [typedEmail, setTypedEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(() => singleSignOnRefusal(search));
  const [busy, setBusy] = useState(false);

  // Set by the button that submitted the email step: "with a password instead" skips the routing.
  const passwordChosen = useRef(false);

  // Back from the identity provider with the browser's back button, the page may come from the back-forward cache.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setBusy(false);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  const continueWith = async (values: { email?: string }) => {
    const address = (values.email ?? '').trim();
    setTypedEmail(address);
    if (passwordChosen.current) {
      // The break-glass Tenant Admin's way in when the identity provider is down (the API decides who may).
      setProblem(null);
      setEmail(address);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const redirectUrl = await startSingleSignOn(address);
      if (redirectUrl) {
        // The browser leaves for the identity provider: the button stays busy until it does.
        window.location.assign(redirectUrl);
        return;
      }
      setEmail(address);
    } catch (error) {
      setProblem(
        fieldErrorsOf(error).email ??
          messageOf(error, 'Signing in is not available right now. Try again in a few minutes.'),
      );
    }
    setBusy(false);
  };

  const signIn = async (values: { password?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await login({ email, password: values.password });
    } catch (error) {
      // Single sign-on required: back to the email step, which the API's message asks for.
      if (errorCodeOf(error) === 'SSO_REQUIRED') setEmail(null);
      setProblem(messageOf(error, 'Signing in failed. Try again.'));
      setBusy(false);
    }
  };

  const changeEmail = () => {
    setEmail(null);
    setProblem(null);
  };

  const notice = problem ? (
    <Alert severity="error" data-testid="sign-in-problem" sx={{ mb: 2 }}>
      {problem}
    </Alert>
  ) : null;
  const spinner = <CircularProgress size={19} thickness={3} color="inherit" />;

  if (email === null) {
    return (
      <Form
        key="email"
        onSubmit={(values: { email?: string }) => continueWith(values)}
        defaultValues={{ email: typedEmail }}
        noValidate
      >
        <CardContent sx={{ width: FORM_WIDTH, pb: 1 }}>
          <TextInput
            autoFocus
            source="email"
            label="Work email"
            type="email"
            autoComplete="username"
            validate={[required(), emailAddress('Enter an email address, such as name@company.com')]}
            helperText="Your organisation may send you to its own sign-in page."
          />
          {notice}
          <Button
            type="submit"
            variant="contained"
            fullWidth
            disabled={busy}
            sx={{ mt: 1 }}
            onClick={() => (passwordChosen.current = false)}
          >
            {busy ? spinner : 'Continue'}
          </Button>
          <Button
            type="submit"
            size="small"
            fullWidth
            disabled={busy}
            sx={{ mt: 1, textTransform: 'none' }}
            onClick={() => (passwordChosen.current = true)}
          >
            Sign in with a password instead
          </Button>
        </CardContent>
      </Form>
    );
  }

  return (
    <Form key="password" onSubmit={(values: { password?: string }) => signIn(values)} noValidate>
      <CardContent sx={{ width: FORM_WIDTH, pb: 1 }}>
        <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={1} sx={{ mb: 1 }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="caption" color="text.secondary" component="div">
              Signing in as
            </Typography>
            <Typography variant="body2" data-testid="sign-in-email" sx={{ overflowWrap: 'anywhere' }}>
              {email}
            </Typography>
          </Box>
          <Button
            size="small"
            type="button"
            onClick={changeEmail}
            disabled={busy}
            sx={{ textTransform: 'none', flexShrink: 0 }}
          >
            Change
          </Button>
        </Stack>
        <PasswordInput
          autoFocus
          source="password"
          label="Password"
          autoComplete="current-password"
          validate={required()}
        />
        {notice}
        <Button type="submit" variant="contained" fullWidth disabled={busy} sx={{ mt: 1 }}>
          {busy ? spinner : 'Sign in'}
        </Button>
      </CardContent>
    </Form>
  );
};

export const LoginPage = () => (
  <Login>
    <Box sx={{ textAlign: 'center', px: 2 }}>
      <Typography variant="h5" component="h1">
        Floor OS
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Back office
      </Typography>
    </Box>
    <SignInSteps />
    <Box sx={{ textAlign: 'center', pb: 2 }}>
      <Link href="#/demo/roles" variant="body2">
        Who uses Floor OS: the roles tour
      </Link>
    </Box>
  </Login>
);
