import InsightsIcon from '@mui/icons-material/Insights';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { AccessDenied, CanAccess, Link, ListBase, Loading, Pagination, Title } from 'react-admin';
import { BoardFilters } from './BoardFilters';
import { BoardTable } from './BoardTable';
import { OpenTenantChecklist } from './OpenTenantChecklist';
import { DEFAULT_FILTER } from './savedFilters';

/**
 * The CSM's board (SPEC O3), the platform operator's home: every onboarding with its current step, who
 * holds it, and what is blocked or late. Filter, sort and page live in the address (a filtered board can
 * be bookmarked) and in react-admin's store (coming back from a checklist keeps them).
 */
export const OnboardingBoardPage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Onboarding" />
    <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2}>
      <Typography variant="h5" component="h1" gutterBottom>
        Onboarding
      </Typography>
      <Button
        component={Link}
        to="/onboarding/retrospective"
        variant="outlined"
        size="small"
        startIcon={<InsightsIcon />}
        data-testid="open-retrospective"
      >
        Retrospective
      </Button>
    </Stack>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      Every tenant&apos;s checklist: the current step, who holds it, and what is blocked or overdue. Open a row to work
      its steps and run the tenant health check.
    </Typography>
    <CanAccess resource="onboarding" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <Stack spacing={2}>
        <Card variant="outlined" data-testid="onboarding-board">
          <CardContent>
            <ListBase
              resource="onboarding"
              filterDefaultValues={DEFAULT_FILTER}
              sort={{ field: 'days_open', order: 'DESC' }}
              perPage={25}
            >
              <Stack spacing={1.5}>
                <BoardFilters />
                <BoardTable />
                <Pagination rowsPerPageOptions={[25, 50, 100]} />
              </Stack>
            </ListBase>
          </CardContent>
        </Card>
        <OpenTenantChecklist />
      </Stack>
    </CanAccess>
  </Box>
);
