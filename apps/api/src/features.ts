import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AdminChangesModule } from './admin-changes/admin-changes.module';
import { DecisionsModule } from './decisions/decisions.module';
import { AuthModule } from './auth/auth.module';
import { GateModule } from './gate/gate.module';
import { HealthModule } from './health/health.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MetricsModule } from './metrics/metrics.module';
import { SuppressionModule } from './suppression/suppression.module';
import { VendorsModule } from './vendors/vendors.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { WorkQueueModule } from './work-queue/work-queue.module';
import { ImportsModule } from './imports/imports.module';
import { OnboardingModule } from './onboarding/onboarding.module';
import { CourseModule } from './course/course.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsersModule } from './users/users.module';
import { ReportsModule } from './reports/reports.module';
import { OffboardingModule } from './offboarding/offboarding.module';

/**
 * Every feature module, in the order the app and the worker import them. Each registers its own tables
 * (`TypeOrmModule.forFeature`); the database connection loads what the modules registered.
 */
export const FEATURES = [
  MetricsModule,
  AdminChangesModule,
  ApiKeysModule,
  AuthModule,
  UsersModule,
  TenantsModule,
  GateModule,
  AccountsModule,
  DecisionsModule,
  SuppressionModule,
  VendorsModule,
  IntegrationsModule,
  WorkQueueModule,
  ImportsModule,
  OnboardingModule,
  CourseModule,
  WebhooksModule,
  HealthModule,
  MaintenanceModule,
  ReportsModule,
  OffboardingModule,
];
