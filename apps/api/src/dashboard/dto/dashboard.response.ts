import type {
  CoverageColour,
  CoverageRule,
  DashboardChannelKpi,
  DashboardCoverageCard,
  DashboardKpis,
  DashboardMyQueue,
  DashboardOpsCoverage,
  DashboardTeamQueue,
  DashboardView,
  EnforcementMode,
  ReportChannel,
} from '@floor-os/contracts';
import { REPORT_CHANNELS } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAP_OF } from '../../common/openapi';
import { COVERAGE_COLOURS, COVERAGE_RULES } from '../../reports/dto/coverage.response';
import { PerCluster } from '../../reports/dto/usage.response';

type View = DashboardView;
type CardTenant = NonNullable<View['tenant']>;
type ApiKeysCard = NonNullable<View['api_keys']>;
type TenantsCard = NonNullable<View['tenants']>;
type OnboardingsCard = NonNullable<View['onboardings']>;
type WouldBlockDay = NonNullable<View['would_block_trend']>[number];
type LatestReview = NonNullable<NonNullable<View['latest_weekly_review']>>;
type DecisionsToReview = NonNullable<View['decisions_to_review']>;
type OpenDisputes = NonNullable<View['open_disputes']>;
type DrilldownsThisWeek = NonNullable<View['drilldowns_this_week']>;
type WebhookDay = NonNullable<View['webhook_trend']>[number];
type FailedDeliveries = NonNullable<View['failed_deliveries']>;
type FailedDelivery = FailedDeliveries['latest'][number];
type ActiveUsers = NonNullable<View['active_users']>;
type UsageCard = NonNullable<View['usage']>;
type CoverageCardChannel = DashboardCoverageCard['channels'][number];
type KpiChannel = DashboardKpis['channels'][number];
type TeamRow = DashboardOpsCoverage['teams'][number];
type TeamAgent = DashboardTeamQueue['agents'][number];
type NextAllowed = DashboardMyQueue['next_allowed'][number];

class DashboardTenant implements CardTenant {
  @ApiProperty()
  slug: string;

  @ApiProperty()
  legal_name: string;

  @ApiProperty()
  pilot_mode: boolean;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  enforcement_mode: EnforcementMode;
}

class DashboardApiKeys implements ApiKeysCard {
  @ApiProperty()
  active: number;

  @ApiProperty()
  revoked: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at: string | null;
}

class DashboardTenants implements TenantsCard {
  @ApiProperty()
  total: number;

  @ApiProperty()
  pilot: number;

  @ApiProperty()
  enforce: number;
}

class DashboardOnboardings implements OnboardingsCard {
  @ApiProperty()
  active: number;

  @ApiProperty()
  blocked: number;

  @ApiProperty()
  overdue: number;

  @ApiProperty()
  completed: number;
}

class DashboardCoverageChannel implements CoverageCardChannel {
  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty({ enum: COVERAGE_COLOURS })
  colour: CoverageColour;

  @ApiProperty({ enum: COVERAGE_RULES })
  rule: CoverageRule;

  @ApiProperty()
  explanation: string;

  @ApiProperty()
  gate_calls: number;

  @ApiProperty()
  blocked: number;

  @ApiProperty()
  would_block: number;
}

class DashboardCoverage implements DashboardCoverageCard {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ type: () => [DashboardCoverageChannel] })
  channels: DashboardCoverageChannel[];
}

class DashboardWouldBlockDay implements WouldBlockDay {
  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty()
  would_block: number;

  @ApiProperty()
  gate_calls: number;
}

class DashboardLatestReview implements LatestReview {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date' })
  week_start: string;

  @ApiProperty()
  gate_calls: number;

  @ApiProperty({ format: 'date-time' })
  generated_at: string;
}

class DashboardDecisionsToReview implements DecisionsToReview {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty()
  blocked: number;

  @ApiProperty()
  would_block: number;
}

class DashboardOpenDisputes implements OpenDisputes {
  @ApiProperty()
  open: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  oldest_at: string | null;
}

class DashboardDrilldowns implements DrilldownsThisWeek {
  @ApiProperty({ format: 'date' })
  week_start: string;

  @ApiProperty()
  drilldowns: number;

  @ApiProperty()
  users: number;
}

class DashboardKpiChannel implements KpiChannel {
  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty()
  calls: number;

  @ApiProperty({ description: 'Blocked plus would-block' })
  blocks: number;

  @ApiProperty({ type: Number, nullable: true })
  contact_rate: number | null;

  @ApiProperty()
  previous_calls: number;

  @ApiProperty()
  previous_blocks: number;
}

class DashboardWeeklyKpis implements DashboardKpis {
  @ApiProperty({ format: 'date' })
  week_start: string;

  @ApiProperty({ type: () => [DashboardKpiChannel] })
  channels: DashboardKpiChannel[];
}

class DashboardChannelKpiResponse implements DashboardChannelKpi {
  @ApiProperty({ enum: REPORT_CHANNELS })
  channel: ReportChannel;

  @ApiProperty()
  calls: number;

  @ApiProperty()
  blocks: number;

  @ApiProperty({ type: Number, nullable: true })
  contact_rate: number | null;
}

class DashboardTeamRow implements TeamRow {
  @ApiProperty({ description: 'The manager by name, or "No team"' })
  team: string;

  @ApiProperty()
  calls: number;

  @ApiProperty()
  blocks: number;

  @ApiProperty({ type: Number, nullable: true })
  contact_rate: number | null;
}

class DashboardOpsCoverageResponse implements DashboardOpsCoverage {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ type: () => [DashboardChannelKpiResponse] })
  channels: DashboardChannelKpiResponse[];

  @ApiProperty({ type: () => [DashboardTeamRow] })
  teams: DashboardTeamRow[];
}

class DashboardTeamAgent implements TeamAgent {
  @ApiProperty()
  name: string;

  @ApiProperty()
  queue: number;

  @ApiProperty()
  attempts: number;

  @ApiProperty()
  blocks: number;
}

class DashboardTeamQueueResponse implements DashboardTeamQueue {
  @ApiProperty()
  assigned: number;

  @ApiProperty()
  unassigned: number;

  @ApiProperty({ type: () => [DashboardTeamAgent] })
  agents: DashboardTeamAgent[];
}

class DashboardNextAllowed implements NextAllowed {
  @ApiProperty()
  account_id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

class DashboardMyQueueResponse implements DashboardMyQueue {
  @ApiProperty()
  total: number;

  @ApiProperty()
  contactable_now: number;

  @ApiProperty()
  waiting: number;

  @ApiProperty({ type: () => [DashboardNextAllowed] })
  next_allowed: DashboardNextAllowed[];
}

class DashboardWebhookDay implements WebhookDay {
  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty()
  processed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ type: Number, nullable: true })
  success_rate: number | null;
}

class DashboardFailedDelivery implements FailedDelivery {
  @ApiProperty()
  vendor: string;

  @ApiProperty({ format: 'date-time' })
  received_at: string;

  @ApiProperty()
  reason: string;
}

class DashboardFailedDeliveries implements FailedDeliveries {
  @ApiProperty()
  last_7_days: number;

  @ApiProperty({ type: () => [DashboardFailedDelivery] })
  latest: DashboardFailedDelivery[];
}

class DashboardActiveUsers implements ActiveUsers {
  @ApiProperty()
  total: number;

  @ApiProperty({ type: () => PerCluster })
  by_cluster: PerCluster;
}

class DashboardUsage implements UsageCard {
  @ApiProperty({ format: 'date' })
  week_start: string;

  @ApiProperty()
  gate_calls: number;

  @ApiProperty()
  previous_week: number;
}

/** The numbers behind the home cards: each card is sent only to a caller whose home has it. */
export class DashboardResponse implements DashboardView {
  @ApiProperty({ type: () => DashboardTenant, nullable: true })
  tenant: DashboardTenant | null;

  @ApiPropertyOptional({ ...MAP_OF.numbers })
  users_by_persona?: Record<string, number>;

  @ApiPropertyOptional({ type: () => DashboardApiKeys })
  api_keys?: DashboardApiKeys;

  @ApiPropertyOptional({ type: () => DashboardTenants })
  tenants?: DashboardTenants;

  @ApiPropertyOptional({ type: () => DashboardOnboardings })
  onboardings?: DashboardOnboardings;

  @ApiPropertyOptional({ type: () => DashboardCoverage })
  coverage_by_channel?: DashboardCoverage;

  @ApiPropertyOptional({ type: () => [DashboardWouldBlockDay] })
  would_block_trend?: DashboardWouldBlockDay[];

  @ApiPropertyOptional({ type: () => DashboardLatestReview, nullable: true })
  latest_weekly_review?: DashboardLatestReview | null;

  @ApiPropertyOptional({ type: () => DashboardDecisionsToReview })
  decisions_to_review?: DashboardDecisionsToReview;

  @ApiPropertyOptional({ type: () => DashboardOpenDisputes })
  open_disputes?: DashboardOpenDisputes;

  @ApiPropertyOptional({ type: () => DashboardDrilldowns })
  drilldowns_this_week?: DashboardDrilldowns;

  @ApiPropertyOptional({ type: () => DashboardWeeklyKpis })
  weekly_kpis?: DashboardWeeklyKpis;

  @ApiPropertyOptional({ type: () => DashboardOpsCoverageResponse })
  ops_coverage?: DashboardOpsCoverageResponse;

  @ApiPropertyOptional({ type: () => DashboardTeamQueueResponse })
  team_queue?: DashboardTeamQueueResponse;

  @ApiPropertyOptional({ type: () => DashboardMyQueueResponse })
  my_queue?: DashboardMyQueueResponse;

  @ApiPropertyOptional({ type: () => [DashboardWebhookDay] })
  webhook_trend?: DashboardWebhookDay[];

  @ApiPropertyOptional({ type: () => DashboardFailedDeliveries })
  failed_deliveries?: DashboardFailedDeliveries;

  @ApiPropertyOptional({ type: () => PerCluster })
  users_by_cluster?: PerCluster;

  @ApiPropertyOptional({ type: () => DashboardActiveUsers })
  active_users?: DashboardActiveUsers;

  @ApiPropertyOptional({ type: () => DashboardUsage })
  usage?: DashboardUsage;

  @ApiPropertyOptional({ ...MAP_OF.numbers })
  users_by_status?: Record<string, number>;
}
