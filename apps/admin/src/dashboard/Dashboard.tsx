import { dashboardCardsFor, primaryRole, ROLES, type DashboardCardId } from '@floor-os/personas';
import { Alert, Box, Grid, Typography } from '@mui/material';
import type { ComponentType } from 'react';
import { Link, Loading, Title } from 'react-admin';
import { useSession, viewContextOf } from '../providers/session';
import { ApiKeysCard } from './ApiKeysCard';
import {
  CoverageByChannelCard,
  DecisionsToReviewCard,
  DrilldownsThisWeekCard,
  LatestWeeklyReviewCard,
  OpenDisputesCard,
  WouldBlockTrendCard,
} from './ComplianceCards';
import { MyQueueCard, OpsCoverageCard, TeamQueueCard, WeeklyKpisCard } from './OperationsCards';
import {
  ActiveUsersCard,
  FailedDeliveriesCard,
  UsageCard,
  UsersByClusterCard,
  UsersByStatusCard,
  WebhookTrendCard,
} from './SupportCards';
import { OnboardingsCard } from './OnboardingsCard';
import { TenantModeCard } from './TenantModeCard';
import { TenantsCard } from './TenantsCard';
import type { CardProps } from './types';
import { useDashboardData } from './useDashboardData';
import { UsersByPersonaCard } from './UsersByPersonaCard';
import { WebhookHealthCard } from './WebhookHealthCard';

// Typed by the catalogue's card ids: a new card in the catalogue does not compile until it has a component.
const CARDS: Record<DashboardCardId, ComponentType<CardProps>> = {
  tenant_mode: TenantModeCard,
  users_by_persona: UsersByPersonaCard,
  api_keys: ApiKeysCard,
  tenants: TenantsCard,
  webhook_health: WebhookHealthCard,
  onboardings: OnboardingsCard,
  coverage_by_channel: CoverageByChannelCard,
  would_block_trend: WouldBlockTrendCard,
  latest_weekly_review: LatestWeeklyReviewCard,
  decisions_to_review: DecisionsToReviewCard,
  open_disputes: OpenDisputesCard,
  drilldowns_this_week: DrilldownsThisWeekCard,
  weekly_kpis: WeeklyKpisCard,
  ops_coverage: OpsCoverageCard,
  team_queue: TeamQueueCard,
  my_queue: MyQueueCard,
  webhook_trend: WebhookTrendCard,
  failed_deliveries: FailedDeliveriesCard,
  users_by_cluster: UsersByClusterCard,
  active_users: ActiveUsersCard,
  usage: UsageCard,
  users_by_status: UsersByStatusCard,
};

/** Cards with a chart take two columns of three on a wide screen; the small ones one. */
const WIDE_CARDS: ReadonlySet<DashboardCardId> = new Set([
  'coverage_by_channel',
  'would_block_trend',
  'weekly_kpis',
  'ops_coverage',
  'team_queue',
  'webhook_trend',
  'users_by_cluster',
  // HR's users by status sits beside the open offboarding cases.
  'users_by_status',
]);

/** The home screen: the primary persona's home, then one card per catalogue card the user may see. */
export const Dashboard = () => {
  const { session } = useSession();
  const { data, error, isPending } = useDashboardData();
  if (!session) return <Loading />;

  const primary = primaryRole(session.personas);
  const home = primary ? ROLES[primary].home : null;
  const cards = dashboardCardsFor(session.personas, viewContextOf(session));

  return (
    <Box data-testid="dashboard" sx={{ mt: 2, mb: 4, maxWidth: 1280 }}>
      <Title title="Home" />
      {home ? (
        <Box sx={{ mb: 2 }}>
          <Typography variant="overline" color="text.secondary">
            {ROLES[primary!].label}
          </Typography>
          <Typography variant="h5" component="h1" data-testid="home-screen">
            <Link to={home.path}>{home.title}</Link>
          </Typography>
        </Box>
      ) : null}
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          The dashboard could not load: {error.message}
        </Alert>
      ) : null}
      <Grid container spacing={2}>
        {cards.map((id) => {
          const CardComponent = CARDS[id];
          return (
            <Grid key={id} size={{ xs: 12, md: 6, lg: WIDE_CARDS.has(id) ? 8 : 4 }}>
              <CardComponent data={data} isPending={isPending} />
            </Grid>
          );
        })}
      </Grid>
    </Box>
  );
};
