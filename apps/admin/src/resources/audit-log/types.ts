import type { AuditEntryView } from '@floor-os/contracts';
import { inWords } from '../../components/words';

/* The admin changes' wire types are `@floor-os/contracts`' (AuditEntryView, AUDIT_ACTIONS); this file adds the words. */

/** What an entry changed, by its entity type, in words. */
export const ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  user: 'User',
  invitation: 'Invitation',
  tenant: 'Tenant',
  rule_settings: 'Calling rule settings',
  api_key: 'API key',
  vendor_card: 'Vendor card',
  integration_inventory: 'Integration inventory',
  sso_config: 'Single sign-on settings',
  suppression_entry: 'Suppression list entry',
  suppression_list: 'Suppression list upload',
  offboarding_case: 'Offboarding case',
  queue_assignment: 'Queue assignment',
  decision_annotation: 'Dispute or annotation',
  webhook_delivery: 'Webhook delivery',
  weekly_review: 'Weekly review',
  weekly_review_minutes: 'Weekly review minutes',
  weekly_review_action: 'Weekly review action item',
  gap_sign_off: 'Gap report sign-off',
  usage_decision: 'Pilot milestone decision',
  account: 'Account',
  account_bulk: 'Accounts sent in bulk',
  import: 'Import',
  onboarding_checklist: 'Onboarding checklist',
  onboarding_step: 'Onboarding step',
  operator_course: 'Operator course',
  operator_profile: 'Operator profile',
};

export const entityTypeLabel = (type: string): string => ENTITY_TYPE_LABELS[type] ?? inWords(type);

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
};

export const ACTOR_TYPE_LABELS: Readonly<Record<string, string>> = {
  user: 'Person',
  api_key: 'API key',
  cli: 'Command line',
  system: 'Floor OS itself',
};

/** "User: Dana Reyes", or the entity type alone when the entry names nothing. */
export function changedThing(entry: Pick<AuditEntryView, 'entity_type' | 'entity_label'>): string {
  const type = entityTypeLabel(entry.entity_type);
  return entry.entity_label ? `${type}: ${entry.entity_label}` : type;
}
