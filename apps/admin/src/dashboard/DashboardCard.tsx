import { DASHBOARD_CARDS, type DashboardCardId } from '@floor-os/personas';
import { Box, Card, CardContent, Divider, Typography } from '@mui/material';
import type { ComponentType, ReactNode } from 'react';
import { Link } from 'react-admin';
import { Unavailable } from './Unavailable';

/**
 * The frame of one dashboard card, in react-admin's demo style: an icon, the card's label and its headline
 * figure on top (a link to the screen behind it when `to` is given), the details and chart below.
 * `data-card` carries its catalogue id; the headline figure carries `data-testid="<id>-value"`.
 *
 * A card of the dashboard's answer passes its part as `part` (with `isPending`): `value` and `children` are
 * then functions of that part, and without it (still loading, or not for this user) the card says so.
 */
export function DashboardCard<T>({
  id,
  children: content,
  icon: Icon,
  value: headline,
  to,
  accent = '#1976d2',
  part,
  isPending,
}: {
  id: DashboardCardId;
  children?: ReactNode | ((part: NonNullable<T>) => ReactNode);
  icon?: ComponentType<{ fontSize?: 'large' }>;
  value?: ReactNode | ((part: NonNullable<T>) => ReactNode);
  to?: string;
  accent?: string;
  part?: T;
  isPending?: boolean;
}) {
  const fromPart = isPending !== undefined;
  const value: ReactNode =
    typeof headline === 'function' ? (part == null ? undefined : headline(part as NonNullable<T>)) : headline;
  const children: ReactNode =
    fromPart && part == null ? (
      <Unavailable isPending={isPending} />
    ) : typeof content === 'function' ? (
      content(part as NonNullable<T>)
    ) : (
      content
    );
  const header = (
    <Box
      sx={{
        p: 2,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 2,
        borderTop: `4px solid ${accent}`,
      }}
    >
      {Icon ? (
        <Box sx={{ color: accent, display: 'flex' }}>
          <Icon fontSize="large" />
        </Box>
      ) : null}
      <Box sx={{ textAlign: Icon ? 'right' : 'left', flex: 1, minWidth: 0 }}>
        <Typography variant={Icon ? 'body1' : 'h6'} color={Icon ? 'text.secondary' : undefined}>
          {DASHBOARD_CARDS[id].label}
        </Typography>
        {value !== undefined ? (
          <Typography variant="h5" component="div" data-testid={`${id}-value`}>
            {value}
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
  return (
    <Card data-card={id} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      {to ? (
        <Link to={to} underline="none" color="inherit">
          {header}
        </Link>
      ) : (
        header
      )}
      {children ? (
        <>
          {value !== undefined ? <Divider /> : null}
          <CardContent sx={{ pt: value !== undefined ? 2 : 0, flex: 1 }}>{children}</CardContent>
        </>
      ) : null}
    </Card>
  );
}
