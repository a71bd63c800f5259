// The accesses to another module's table that test/table-ownership.spec.ts tolerates. docs/development.md ("The
// read model") says why these stay where they are. The list may only shrink: an entry whose access is gone fails
// the test until it is deleted here. Never add an entry to make a new access pass: read through the read model
// (apps/api/src/reports/read-model/) or call the owner's exported service instead.
import type { AllowEntry } from './table-ownership';

/** Hot paths that stay inside their module by design: one more hop would cost every request or every row. */
export const HOT_PATHS: readonly AllowEntry[] = [
  // The gate: every decision names its agent and applies its tenant's settings, from in-process caches.
  {
    file: 'gate/agent-directory.ts',
    table: 'app_user',
    reason: "the gate's agent-name cache and the agent name SQL the decision lists join",
  },
  { file: 'gate/tenant-settings.cache.ts', table: 'tenant', reason: "the gate's cache of each tenant's rule settings" },

  // The webhook outcome apply: one transaction matches a vendor's outcome to its decision and records it.
  {
    file: 'webhooks/webhook-processing.service.ts',
    table: 'account',
    reason: "the outcome apply checks the account exists, finds the number's accounts, records an opt-out on them",
  },
  {
    file: 'webhooks/webhook-processing.service.ts',
    table: 'contact_attempt',
    reason: 'the outcome apply records the attempt the vendor reports',
  },
  {
    file: 'webhooks/webhook-processing.service.ts',
    table: 'compliance_event_log',
    reason: 'the outcome apply matches the outcome to the gate decision it follows',
  },
  {
    file: 'webhooks/webhook-processing.service.ts',
    table: 'vendor_card',
    reason: "each vendor card's last event, set once per batch of deliveries",
  },
  {
    file: 'webhooks/webhook-intake.service.ts',
    table: 'tenant',
    reason: "the intake resolves a delivery's tenant (slug or id) for its vendor secrets, cached",
  },

  // The import apply: millions of rows written by COPY and set-based statements in the import's transaction.
  { file: 'imports/import-runner.ts', table: 'account', reason: 'the apply asks which of a batch of accounts exist' },
  {
    file: 'imports/import-runner.ts',
    table: 'tenant',
    reason: "the row rules read the tenant's rule settings, collector kind and zone",
  },
  {
    file: 'imports/import-runner.ts',
    table: 'suppression_entry',
    reason: "the row rules check rows against the tenant's suppression list",
  },
  {
    file: 'imports/contact-history.ts',
    table: 'account',
    reason: 'the contact history import rejects orphan rows and updates the accounts it touches, set-based',
  },
  {
    file: 'imports/contact-history.ts',
    table: 'contact_attempt',
    reason: 'the contact history import writes the attempts it imports',
  },
  { file: 'imports/import-columns.ts', table: 'account', reason: "the import apply's set-based account statements" },
  { file: 'imports/imports.service.ts', table: 'tenant', reason: "an import's local days are its tenant's zone" },
  {
    file: 'imports/imports.service.ts',
    table: 'account',
    reason: "the row checks ask which of the rows' accounts exist",
  },
  {
    file: 'imports/imports.controller.ts',
    table: 'tenant',
    reason: 'the onboarding upload resolves the tenant (slug or id)',
  },

  // Authentication of every request.
  {
    file: 'auth/sessions.service.ts',
    table: 'app_user',
    reason: "every request's session resolves to its user in one query",
  },
  { file: 'auth/sessions.service.ts', table: 'tenant', reason: "every request's session resolves to its tenant" },

  // The command line: the demo seed and tenant provisioning write the demo data directly.
  { file: 'cli/**', table: '*', reason: 'the demo seed and tenant provisioning write every table of the demo' },
];

export const ALLOW_LIST: readonly AllowEntry[] = HOT_PATHS;
