import { Skeleton, Typography } from '@mui/material';

/** What a card shows without its part of the answer: still loading, or not for this user. */
export const Unavailable = ({ isPending }: { isPending: boolean }) =>
  isPending ? (
    <Skeleton variant="rounded" height={80} />
  ) : (
    <Typography variant="body2" color="text.secondary">
      Not available for your personas.
    </Typography>
  );
