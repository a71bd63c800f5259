import { Box, Button, Stack } from '@mui/material';
import { Link } from 'react-admin';
import { DashboardCard } from './DashboardCard';
import { Stat } from '../components/Stat';
import type { CardProps } from './types';

/** The board, filtered: the same URL state the board's own filters write. */
const boardLink = (filter: Record<string, unknown>) =>
  `/onboarding?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** The CSM's morning numbers (SPEC O3) on the operator's home; each opens the board filtered to it. */
export const OnboardingsCard = ({ data, isPending }: CardProps) => {
  const onboardings = data?.onboardings;
  return (
    <DashboardCard id="onboardings" part={onboardings} isPending={isPending}>
      {(onboardings) => (
        <Stack spacing={2}>
          <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
            <Link to={boardLink({ state: 'active' })} underline="none" color="inherit">
              <Stat label="Active" value={onboardings.active} testId="onboardings-active" />
            </Link>
            <Link
              to={boardLink({ state: 'active', blocked: true })}
              underline="none"
              color={onboardings.blocked ? 'warning.main' : 'inherit'}
            >
              <Stat label="Blocked" value={onboardings.blocked} testId="onboardings-blocked" />
            </Link>
            <Link
              to={boardLink({ state: 'active', overdue: true })}
              underline="none"
              color={onboardings.overdue ? 'error.main' : 'inherit'}
            >
              <Stat label="Overdue" value={onboardings.overdue} testId="onboardings-overdue" />
            </Link>
            <Link to={boardLink({ state: 'completed' })} underline="none" color="inherit">
              <Stat label="Completed" value={onboardings.completed} testId="onboardings-completed" />
            </Link>
          </Stack>
          <Box>
            <Button
              component={Link}
              to="/onboarding"
              size="small"
              variant="outlined"
              data-testid="onboardings-open-board"
            >
              Open the board
            </Button>
          </Box>
        </Stack>
      )}
    </DashboardCard>
  );
};
