import type { Permission } from '@floor-os/personas';
import { Alert, Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AccessDenied, Loading, Title } from 'react-admin';
import { sessionHas } from '../../../providers/access';
import { useSession } from '../../../providers/session';

/** No report page is wider than this (the reports are read, printed and screenshotted for meetings). */
export const REPORT_MAX_WIDTH = 1280;

/**
 * The frame of every report page: its title, the permission the API checks (mirrored here; the server
 * enforces it), and a tenant in context (a platform operator chooses one with the switcher first).
 */
export const ReportPage = ({
  title,
  permission,
  actions,
  children,
  testId,
}: {
  title: string;
  permission: Permission;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) => {
  const { session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (!sessionHas(session, permission)) return <AccessDenied />;
  return (
    <Box sx={{ mt: 2, mb: 4, maxWidth: REPORT_MAX_WIDTH }} data-testid={testId}>
      <Title title={title} />
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        sx={{ mb: 2 }}
        alignItems={{ md: 'center' }}
        justifyContent="space-between"
      >
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        {actions ? (
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            {actions}
          </Stack>
        ) : null}
      </Stack>
      {session?.tenant ? (
        children
      ) : (
        <Alert severity="info">Choose a tenant with the tenant switcher to read its reports.</Alert>
      )}
    </Box>
  );
};

/** A report that could not load, in one line with the API's message. */
export const ReportError = ({ what, error }: { what: string; error: Error | null | undefined }) =>
  error ? (
    <Alert severity="error" sx={{ mb: 2 }}>
      {what} could not load: {error.message}
    </Alert>
  ) : null;
