import { InitialSchema1795381412350 } from './1795381412350-initial-schema';
import { GateAccountsAndHistory1795382976823 } from './1795382976823-gate-accounts-and-history';
import { ComplianceEventLog1795382990000 } from './1795382990000-compliance-event-log';
import { ContactAttemptAuditIndex1795383838136 } from './1795383838136-contact-attempt-audit-index';
import { AccountConsumerRequests1795385728996 } from './1795385728996-account-consumer-requests';
import { VendorCardsAndWebhookInbox1795387092680 } from './1795387092680-vendor-cards-and-webhook-inbox';
import { QueuesDeepLinksInventoryWebhookStats1795390285059 } from './1795390285059-queues-deep-links-inventory-webhook-stats';
import { Imports1795392712541 } from './1795392712541-imports';
import { Onboarding1795396162250 } from './1795396162250-onboarding';
import { OperatorCourse1795399811897 } from './1795399811897-operator-course';
import { ImportBlobTenant1795402000000 } from './1795402000000-import-blob-tenant';
import { ReportsRollups1795410000000 } from './1795410000000-reports-rollups';
import { GapReportEvidence1795410700000 } from './1795410700000-gap-report-evidence';
import { OffboardingCases1795420000000 } from './1795420000000-offboarding-cases';
import { SingleSignOn1795430000000 } from './1795430000000-single-sign-on';
import { ContactHistory1795440000000 } from './1795440000000-contact-history';
import { DecisionInitiatedBy1795450000000 } from './1795450000000-decision-initiated-by';

/** Every migration in order. Never edit one that has been merged: add a new one. */
export const MIGRATIONS = [
  InitialSchema1795381412350,
  GateAccountsAndHistory1795382976823,
  ComplianceEventLog1795382990000,
  ContactAttemptAuditIndex1795383838136,
  AccountConsumerRequests1795385728996,
  VendorCardsAndWebhookInbox1795387092680,
  QueuesDeepLinksInventoryWebhookStats1795390285059,
  Imports1795392712541,
  Onboarding1795396162250,
  OperatorCourse1795399811897,
  ImportBlobTenant1795402000000,
  ReportsRollups1795410000000,
  GapReportEvidence1795410700000,
  OffboardingCases1795420000000,
  SingleSignOn1795430000000,
  ContactHistory1795440000000,
  DecisionInitiatedBy1795450000000,
];
