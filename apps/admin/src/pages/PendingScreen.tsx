import { hasPermission, type SidebarItem } from '@floor-os/personas';
import { Card, CardContent, Typography } from '@mui/material';
import { AccessDenied, Loading, Title } from 'react-admin';
import { useSession } from '../providers/session';

/**
 * A catalogue screen the panel does not have yet. It says so plainly instead of pretending: every number
 * on a compliance screen must be real.
 */
export const PendingScreen = ({ item }: { item: SidebarItem }) => {
  const { session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (!session || !hasPermission(session.personas, item.permission)) return <AccessDenied />;
  return (
    <Card sx={{ mt: 2 }} data-screen={item.id}>
      <Title title={item.label} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {item.label}
        </Typography>
        <Typography variant="body1" data-testid="screen-not-available">
          This screen is not available yet: it arrives with SPEC {item.spec}.
        </Typography>
      </CardContent>
    </Card>
  );
};
