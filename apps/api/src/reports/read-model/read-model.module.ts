import { Module } from '@nestjs/common';
import { AccountHistoryReadModel } from './account-history.read-model';
import { AdminChangesReadModel } from './admin-changes.read-model';
import { DashboardReadModel } from './dashboard.read-model';
import { DecisionsReadModel } from './decisions.read-model';
import { HealthProbeReadModel } from './health-probe.read-model';
import { OnboardingEvidenceReadModel } from './onboarding-evidence.read-model';
import { RollupLagReadModel } from './rollup-lag.read-model';
import { WorkQueueReadModel } from './work-queue.read-model';

/**
 * The read model's cross-cutting queries (docs/development.md, "The read model"): read-only SELECTs over other
 * modules' tables, for the screens that show several modules' data at once. It imports no feature module (only
 * the global DataSource), so any module may import it without a cycle.
 */
const READ_MODELS = [
  AccountHistoryReadModel,
  AdminChangesReadModel,
  DashboardReadModel,
  DecisionsReadModel,
  HealthProbeReadModel,
  OnboardingEvidenceReadModel,
  RollupLagReadModel,
  WorkQueueReadModel,
];

@Module({ providers: READ_MODELS, exports: READ_MODELS })
export class ReadModelModule {}
