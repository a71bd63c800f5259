import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AccessDenied, CanAccess, Loading, Title } from 'react-admin';

/**
 * A custom page of the panel: its title (in the app bar and as the page's heading), buttons on the heading's
 * right, a line of explanation, and the content, shown to whoever may `action` the `resource` (a refusal
 * page otherwise).
 */
export const Page = ({
  title,
  intro,
  actions,
  resource,
  action = 'list',
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  resource: string;
  action?: string;
  children: ReactNode;
}) => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title={title} />
    <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2} sx={{ mb: 1 }}>
      <Typography variant="h5" component="h1">
        {title}
      </Typography>
      {actions}
    </Stack>
    {intro ? (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {intro}
      </Typography>
    ) : null}
    <CanAccess resource={resource} action={action} accessDenied={<AccessDenied />} loading={<Loading />}>
      {children}
    </CanAccess>
  </Box>
);
