import type { UserView } from '@floor-os/contracts';
import { Box, Card, CardContent, Grid, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Link,
  ListButton,
  Loading,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useGetOne,
  useRecordContext,
  useShowContext,
} from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { useTenantZone } from '../../dashboard/useDashboardData';
import { formatInstant, formatLocalDate } from '../../pages/reports/shared/words';
import { userStatusLabel } from '../users/types';
import { AccessStep, AccountsStep, CloseStep, DisputesStep, KeysStep } from './CaseSteps';
import type { OffboardingCaseDetail as OffboardingCaseRecord } from '@floor-os/contracts';
import { CASE_STATUS_LABELS, caseUserName } from './types';

const CaseTitle = () => {
  const record = useRecordContext<OffboardingCaseRecord>();
  return <>{record ? `Offboarding ${caseUserName(record)}` : 'Offboarding'}</>;
};

const CaseActions = () => (
  <TopToolbar>
    <ListButton label="All cases" />
  </TopToolbar>
);

/** A person the case names (who opened or closed it), by name from the users list: never an id. */
const PersonField = ({ source }: { source: 'opened_by_id' | 'closed_by_id' }) => (
  <ReferenceField source={source} reference="users" link={false} emptyText="the system">
    <TextField source="name" variant="body2" />
  </ReferenceField>
);

const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <TableRow>
    <TableCell sx={{ color: 'text.secondary', width: 160, pl: 0, verticalAlign: 'top' }}>{label}</TableCell>
    <TableCell data-testid={testId} sx={{ wordBreak: 'break-word' }}>
      {children}
    </TableCell>
  </TableRow>
);

/** Who leaves, why, since when, and where the case stands. */
const CaseSummary = ({ record }: { record: OffboardingCaseRecord }) => {
  const { canAccess: canShowUsers } = useCanAccess({ resource: 'users', action: 'show' });
  const zone = useTenantZone();
  const name = caseUserName(record);
  return (
    <Card variant="outlined" data-testid="case-summary">
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h5" component="h2" data-testid="case-user">
            {canShowUsers ? <Link to={`/users/${encodeURIComponent(record.user_id)}/show`}>{name}</Link> : name}
          </Typography>
          <Box data-testid="case-status">
            <StatusChip record={record as unknown as Record<string, unknown>} labels={CASE_STATUS_LABELS} />
          </Box>
        </Stack>
        <Table size="small">
          <TableBody>
            {record.user_name && record.user_email ? <Fact label="Email">{record.user_email}</Fact> : null}
            <Fact label="Reason" testId="case-reason">
              <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                {record.reason}
              </Box>
            </Fact>
            <Fact label="Last day">{record.last_day ? formatLocalDate(record.last_day) : 'Not given'}</Fact>
            <Fact label="Opened">
              {formatInstant(record.opened_at, zone)} by <PersonField source="opened_by_id" />
            </Fact>
            <Fact label="Status before">{userStatusLabel(record.previous_status)}</Fact>
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

/** The case page: the steps in order, each saying what is still open, with the actions that close it. */
const CasePage = () => {
  const { record, isPending } = useShowContext<OffboardingCaseRecord>();
  const { canAccess: canWrite } = useCanAccess({ resource: 'offboarding', action: 'edit' });
  const { data: leaver } = useGetOne<UserView>('users', { id: record?.user_id ?? '' }, { enabled: !!record?.user_id });
  // Opened from the list, the list's row stands in until the case itself arrives: it has no steps to show.
  if (isPending || !record || !Array.isArray(record.api_keys)) return <Loading />;
  const canAct = !!canWrite && record.status === 'open';
  return (
    <Box sx={{ p: { xs: 1, md: 2 }, maxWidth: 1100 }} data-testid="case-page" data-status={record.status}>
      <Grid container spacing={2}>
        <Grid size={12}>
          <CaseSummary record={record} />
        </Grid>
        <Grid size={12}>
          <Stack spacing={2}>
            <AccessStep record={record} leaver={leaver} />
            <KeysStep record={record} canAct={canAct} />
            <AccountsStep record={record} leaver={leaver} canAct={canAct} />
            <DisputesStep record={record} />
            <CloseStep record={record} canAct={canAct} closedBy={<PersonField source="closed_by_id" />} />
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
};

export const OffboardingShow = () => (
  <Show title={<CaseTitle />} actions={<CaseActions />} component="div">
    <CasePage />
  </Show>
);
