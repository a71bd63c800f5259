import type { RoleId } from '@floor-os/personas';

/**
 * Onboarding checklist templates as data (SPEC O1, docs/pilot-runbook.md): each step has a stable
 * key (the `{step_id}` of the API, decided detail 1), its day offset from the checklist's start, the
 * persona that owns it, what to do and the acceptance test that says it is done. `evidence` names what the
 * product can see for itself; `go_no_go` marks the step that needs a passing health check (O4);
 * `milestone` the Day 30/60/90 checkpoints (O6).
 */
export type Evidence =
  | 'tenant_signed_in'
  | 'api_key_exists'
  | 'import_completed'
  | 'inventory_signed_off'
  | 'health_check_passed'
  | 'enforce_mode'
  | 'gate_call_seen'
  | 'usage_readout'
  | 'gap_report_signed'
  | 'milestone_decision'
  | 'sso_sign_in';

export interface EvidenceSpec {
  /** What the product looks for, as the checklist says it. */
  label: string;
  /** The panel page that shows it, inside the tenant (the operator switches to the tenant first). */
  path: string;
  /**
   * Whether the product can see this evidence today (every kind can now; a kind that cannot be seen yet
   * says so on its step instead of linking).
   */
  available: boolean;
}

/** The evidence a step's acceptance can be checked against, and where it is seen (SPEC O1). */
export const EVIDENCE: Readonly<Record<Evidence, EvidenceSpec>> = {
  tenant_signed_in: { label: 'A Tenant Admin has signed in', path: '/users', available: true },
  api_key_exists: { label: 'An active API key exists', path: '/api-keys', available: true },
  import_completed: { label: 'An import completed', path: '/imports', available: true },
  inventory_signed_off: { label: 'The integration inventory is signed off', path: '/vendors', available: true },
  health_check_passed: {
    label: 'A tenant health check passed in the last 24 hours',
    path: '#health-check',
    available: true,
  },
  enforce_mode: { label: 'The tenant is in enforce mode', path: '/tenant-settings', available: true },
  gate_call_seen: { label: 'The gate has answered a real (non-test) call', path: '/decisions', available: true },
  // Seen once the tenant's day 30 has passed (its start is `tenant.created_at`, days in the tenant's zone):
  // from then the readout has its Day 30 one-pager (`GET /api/v1/reports/usage/readout.pdf?day=30`).
  usage_readout: { label: 'The Day 30 usage readout', path: '/usage-readout', available: true },
  gap_report_signed: { label: 'Gap report signed', path: '/gap-report', available: true },
  // The step's milestone (day 30, 60 or 90) decision, recorded on the readout page; seen with who and when.
  milestone_decision: { label: 'The milestone decision is recorded', path: '/usage-readout', available: true },
  // The last sign-in through the tenant's identity provider; without SSO settings the step reads
  // "deferred: password sign-in for the pilot" (SPEC R7).
  sso_sign_in: { label: 'A user signed in through single sign-on', path: '/sso', available: true },
};

export interface StepTemplate {
  key: string;
  title: string;
  phase: string;
  /** Days after the checklist's start when the step is due (the last day of a range). */
  dayOffset: number;
  owner: RoleId;
  action: string;
  acceptance: string;
  evidence?: Evidence;
  goNoGo?: boolean;
  milestone?: 30 | 60 | 90;
}

export interface ChecklistTemplate {
  id: 'default' | 'pilot';
  label: string;
  steps: readonly StepTemplate[];
}

export const DEFAULT_TEMPLATE: ChecklistTemplate = {
  id: 'default',
  label: 'Standard onboarding (8 steps)',
  steps: [
    {
      key: 'contract',
      title: 'Contract signed',
      phase: 'Start',
      dayOffset: 0,
      owner: 'platform_operator',
      action: 'File the signed order form and data-processing agreement.',
      acceptance: 'The signed contract is on file and referenced in the evidence notes.',
    },
    {
      key: 'kickoff',
      title: 'Kickoff held',
      phase: 'Start',
      dayOffset: 3,
      owner: 'platform_operator',
      action: 'Walk the agency through the plan, owners and dates; agree the go-live target.',
      acceptance: 'Owners and dates agreed; the Tenant Admin has signed in.',
      evidence: 'tenant_signed_in',
    },
    {
      key: 'configure',
      title: 'Tenant configured',
      phase: 'Set-up',
      dayOffset: 7,
      owner: 'tenant_admin',
      action: 'Invite the people with their personas, generate the API key, connect the vendors.',
      acceptance: 'An API key exists and the integration inventory is signed off.',
      evidence: 'api_key_exists',
    },
    {
      key: 'import_data',
      title: 'Portfolio imported',
      phase: 'Set-up',
      dayOffset: 10,
      owner: 'tenant_admin',
      action: 'Upload the placement file, map its columns, review and apply the import.',
      acceptance: 'An import completed; its intake report was reviewed.',
      evidence: 'import_completed',
    },
    {
      key: 'train_admins',
      title: 'Admins trained',
      phase: 'Readiness',
      dayOffset: 14,
      owner: 'platform_operator',
      action: 'Train the Tenant Admin, IT and the Compliance Officer on their screens.',
      acceptance: 'Each pulls an audit row and cites its statute unaided.',
    },
    {
      key: 'dry_run',
      title: 'Dry run in shadow',
      phase: 'Readiness',
      dayOffset: 18,
      owner: 'compliance_officer',
      action: 'Run live traffic through the gate in shadow mode and review would-block decisions.',
      acceptance: 'Shadow decisions cover at least 24 hours of real traffic.',
      evidence: 'gate_call_seen',
    },
    {
      key: 'go_no_go',
      title: 'Go / no-go',
      phase: 'Go-live',
      dayOffset: 21,
      owner: 'compliance_officer',
      action: 'Run the tenant health check, review the gap report, decide.',
      acceptance: 'A passing health check in the last 24 hours and the decision recorded.',
      evidence: 'health_check_passed',
      goNoGo: true,
    },
    {
      key: 'go_live',
      title: 'Go-live',
      phase: 'Go-live',
      dayOffset: 22,
      owner: 'compliance_officer',
      action: 'Switch the tenant to enforce.',
      acceptance: 'The tenant is in enforce mode and the first enforced block appears.',
      evidence: 'enforce_mode',
    },
  ],
};

export const PILOT_TEMPLATE: ChecklistTemplate = {
  id: 'pilot',
  label: 'Floor OS pilot runbook (first month, Day 30/60/90)',
  steps: [
    {
      key: '1.1',
      title: 'Tenant provisioned',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'platform_operator',
      action: 'Run provision-tenant with --pilot-mode true --template pilot.',
      acceptance: 'The Tenant Admin signs in and sees the PILOT badge.',
      evidence: 'tenant_signed_in',
    },
    {
      key: '1.2',
      title: 'API key generated',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'it',
      action: 'Generate a key labelled pilot-primary and store it in the tenant’s vault.',
      acceptance:
        'A contact-check with the key answers whether the contact is allowed, with its reasons, statutes, audit id and expiry time.',
      evidence: 'api_key_exists',
    },
    {
      key: '1.3',
      title: 'Sample portfolio uploaded',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'tenant_admin',
      action:
        'Upload 50–200 accounts, map the columns in the preview, confirm; then upload the previous dialer\'s contact history for them (the last 7 days at least), target "contact history".',
      acceptance:
        'The preview showed 25 rows with mapped, recommended and missing marks; the scan finished within 60 s; the intake report shows total, blocked and blocks by statute, and no accounts contacted in the last 7 days without history.',
      evidence: 'import_completed',
    },
    {
      key: '1.4',
      title: 'Personas chosen',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'tenant_admin',
      action: 'Pick the personas for week 1 (the starter set by default) and name the people.',
      acceptance: 'The people are invited with the right personas.',
    },
    {
      key: '1.5',
      title: 'Integration inventory',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'it',
      action: 'Name the dialer (five9, twilio, convoso or generic), the CRM and the payment processor.',
      acceptance: 'The inventory is signed off.',
      evidence: 'inventory_signed_off',
    },
    {
      key: '1.6',
      title: 'SSO (optional)',
      phase: 'Day 1',
      dayOffset: 1,
      owner: 'it',
      action: 'Wire SAML or OIDC if the agency requires it.',
      acceptance:
        'A user signs in through the IdP — or the step is skipped as "deferred: password sign-in for the pilot".',
      evidence: 'sso_sign_in',
    },
    {
      key: 'W1.1',
      title: 'Compliance officer trained',
      phase: 'Week 1',
      dayOffset: 3,
      owner: 'compliance_officer',
      action: 'An hour on AuditTrail, ComplianceCoverage, WeeklyReview and disputing a block.',
      acceptance: 'The officer pulls an audit row and cites its statute unaided.',
    },
    {
      key: 'W1.2',
      title: 'Dialer wired to the gate and deep links',
      phase: 'Week 1',
      dayOffset: 4,
      owner: 'it',
      action:
        'The pre-dial hook calls contact-check; outcomes post to the vendor webhook with its secret; the vendor’s "Open in" deep link is configured.',
      acceptance:
        'A known-blocked test account is refused with the right statute; a clean one is allowed and its outcome arrives within 60 s; "Open in" asks the gate first.',
      evidence: 'gate_call_seen',
    },
    {
      key: 'W1.3',
      title: 'SMS, email and payment hooks',
      phase: 'Week 1',
      dayOffset: 5,
      owner: 'it',
      action: 'The same gate-then-act pattern for each channel in scope.',
      acceptance:
        'Per channel, one blocked and one allowed test with matching outcomes — or skipped as "not in pilot scope".',
    },
    {
      key: 'W1.4',
      title: 'First full scan',
      phase: 'Week 1',
      dayOffset: 6,
      owner: 'compliance_officer',
      action:
        'Import the full portfolio and the contact history of its last 7 days (the history file), and walk the intake report.',
      acceptance:
        'Each of the top five block reasons is marked enforce, data fix or discuss; at least one confirmed save is recorded.',
      evidence: 'import_completed',
    },
    {
      key: 'W1.5',
      title: 'Shadow run',
      phase: 'Week 1',
      dayOffset: 6,
      owner: 'compliance_officer',
      action: 'Confirm the tenant is in shadow and live traffic flows.',
      acceptance: 'The shadow banner shows and shadow decisions cover at least 24 h (72 h recommended).',
      evidence: 'gate_call_seen',
    },
    {
      key: 'W1.6',
      title: 'Gap report signed, enforcement on (go/no-go)',
      phase: 'Week 1',
      dayOffset: 7,
      owner: 'compliance_officer',
      action: 'Generate the gap report over the shadow window, sign it, switch to enforce.',
      acceptance:
        'Signed report on file; the health check passed in the last 24 h; the first enforced block appears within 2 h.',
      evidence: 'gap_report_signed',
      goNoGo: true,
    },
    {
      key: 'M1.1',
      title: 'Weekly compliance reviews',
      phase: 'Month 1',
      dayOffset: 29,
      owner: 'compliance_director',
      action:
        'A 30-minute review of coverage, top block reasons, rule changes and regulatory news on days 8, 15, 22 and 29.',
      acceptance: 'Four reviews held, minutes kept, actions closed the next week.',
    },
    {
      key: 'M1.2',
      title: 'Usage readout',
      phase: 'Month 1',
      dayOffset: 30,
      owner: 'platform_operator',
      action:
        'Weekly snapshots: gate calls and block rate per channel and statute, active users per cluster, drilldowns, webhook success, gate latency p95.',
      acceptance: 'The Day 30 one-page readout with trend arrows and a recommendation.',
      evidence: 'usage_readout',
    },
    {
      key: 'M1.3',
      title: 'Day 30 decision',
      phase: 'Month 1',
      dayOffset: 30,
      owner: 'executive',
      action: 'Walk the readout with the buyer.',
      acceptance: 'Decision recorded: continue, expand or pause (with an exit interview).',
      evidence: 'milestone_decision',
      milestone: 30,
    },
    {
      key: 'M1.4',
      title: 'Day 60 expansion checkpoint',
      phase: 'Month 1',
      dayOffset: 60,
      owner: 'platform_operator',
      action: 'Decide which deferred surfaces come next.',
      acceptance: 'Roadmap dated; extra scope signed if any.',
      evidence: 'milestone_decision',
      milestone: 60,
    },
    {
      key: 'M1.5',
      title: 'Day 90 steady state',
      phase: 'Month 1',
      dayOffset: 90,
      owner: 'platform_operator',
      action: 'Hand over to the regular support cadence.',
      acceptance: 'Hand-off signed; monthly check-in and quarterly review scheduled.',
      evidence: 'milestone_decision',
      milestone: 90,
    },
  ],
};

export const TEMPLATES = { default: DEFAULT_TEMPLATE, pilot: PILOT_TEMPLATE } as const;
export type TemplateId = keyof typeof TEMPLATES;
