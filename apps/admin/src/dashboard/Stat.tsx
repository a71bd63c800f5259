import { Box, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A number (or short value) with its caption. */
export const Stat = ({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) => (
  <Box>
    <Typography variant="h4" component="div" data-testid={testId}>
      {value}
    </Typography>
    <Typography variant="body2" color="text.secondary">
      {label}
    </Typography>
  </Box>
);

/** What a card shows without its part of the answer: still loading, or not for this user. */
export const Unavailable = ({ isPending }: { isPending: boolean }) =>
  isPending ? (
    <Skeleton variant="rounded" height={80} />
  ) : (
    <Typography variant="body2" color="text.secondary">
      Not available for your personas.
    </Typography>
  );
