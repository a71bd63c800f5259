import { Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * One titled part of a page: an outlined card with its title (and a line under it), an optional action on the
 * right, and the content. `fill` stretches it to its grid cell's height; `plain` is a part inside a card (a
 * small heading over the content, no card of its own).
 */
export const Section = ({
  title,
  subheader,
  action,
  children,
  testId,
  fill = false,
  plain = false,
}: {
  title: ReactNode;
  subheader?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  testId?: string;
  fill?: boolean;
  plain?: boolean;
}) =>
  plain ? (
    <Stack spacing={1} data-testid={testId}>
      <Typography variant="subtitle2">{title}</Typography>
      {children}
    </Stack>
  ) : (
    <Card variant="outlined" data-testid={testId} sx={fill ? { height: '100%' } : undefined}>
      <CardHeader
        title={title}
        subheader={subheader}
        action={action}
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>{children}</CardContent>
    </Card>
  );

/** What a section says when it has nothing to show. */
export const Empty = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="text.secondary">
    {children}
  </Typography>
);
