import { Account } from '../accounts/account.entity';
import { AdminAuditEntry } from '../audit-log/admin-audit-entry.entity';
import { AuditDrilldown, DecisionAnnotation } from '../audit-trail/decision-annotation.entity';
import { ComplianceEvent } from '../gate/compliance-event.entity';
import { ContactAttempt } from '../gate/contact-attempt.entity';
import { SuppressionEntry } from '../suppression/suppression-entry.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { OffboardingCase } from '../offboarding/offboarding-case.entity';
import { Session } from '../auth/session.entity';
import { SsoConfig, SsoEmailDomain } from '../auth/sso/sso.entities';
import { Tenant } from '../tenants/tenant.entity';
import { Invitation } from '../users/invitation.entity';
import { User } from '../users/user.entity';
import { VendorCard } from '../vendors/vendor-card.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookStat } from '../webhooks/webhook-stat.entity';
import { IntegrationInventory } from '../integrations/integration-inventory.entity';
import { OperatorCourseProgress, OperatorProfile } from '../onboarding/course.entities';
import { OnboardingChecklist, OnboardingStep, TenantHealthCheck } from '../onboarding/onboarding.entities';
import { AccountTransaction, FixedWidthLayoutRecord, ImportBlobChunk, ImportJob, ImportMappingMemory, ImportRejectedRow } from '../imports/import.entities';

/** Every entity; migrations must match them (a test generates a migration and expects it empty). */
export const ENTITIES = [
  Tenant,
  User,
  Invitation,
  Session,
  ApiKey,
  AdminAuditEntry,
  Account,
  ContactAttempt,
  SuppressionEntry,
  ComplianceEvent,
  DecisionAnnotation,
  AuditDrilldown,
  VendorCard,
  WebhookDelivery,
  WebhookStat,
  IntegrationInventory,
  ImportJob,
  ImportBlobChunk,
  ImportRejectedRow,
  ImportMappingMemory,
  FixedWidthLayoutRecord,
  AccountTransaction,
  OnboardingChecklist,
  OnboardingStep,
  TenantHealthCheck,
  OperatorProfile,
  OperatorCourseProgress,
  OffboardingCase,
  SsoConfig,
  SsoEmailDomain,
];
