import { Box, Link, Typography } from '@mui/material';
import { Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';

/** Email and password sign-in (SPEC R3); the API's error message (bad credentials, lockout) is notified. */
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
    <LoginForm>
      <TextInput
        autoFocus
        source="email"
        label="Email"
        type="email"
        autoComplete="email"
        validate={required()}
      />
      <PasswordInput source="password" label="Password" autoComplete="current-password" validate={required()} />
    </LoginForm>
    <Box sx={{ textAlign: 'center', pb: 2 }}>
      <Link href="#/demo/roles" variant="body2">
        Who uses Floor OS: the roles tour
      </Link>
    </Box>
  </Login>
);
