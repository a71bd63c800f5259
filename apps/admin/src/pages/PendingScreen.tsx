import { hasPermission, type SidebarItem } from '@floor-os/personas';
import { Card, CardContent, Typography } from '@mui/material';
import { AccessDenied, Loading, Title } from 'react-admin';
import { useSession } from '../providers/session';

/**
 * A deferred surface (Coaching, QA, Training, SMS Center; decided detail 34): hidden in pilot mode, and
 * outside it one plain-language page about the expansion plan. No other screen is ever a placeholder.
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
        <Typography variant="body1" data-testid="expansion-plan" sx={{ mb: 1 }}>
          {item.label} belongs to Floor OS's expansion plan, beyond the compliance gate and its reports.
        </Typography>
        <Typography variant="body2" color="text.secondary">
          At the Day 60 checkpoint of the pilot you decide with your implementation engineer which of Coaching, QA,
          Training and the SMS Center come next, and when.
        </Typography>
      </CardContent>
    </Card>
  );
};
