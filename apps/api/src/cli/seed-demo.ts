import { PERSONA_IDS, PersonaId, PLATFORM_OPERATOR, RoleId } from '@floor-os/personas';
import { DataSource } from 'typeorm';
import type { GateService } from '../gate/gate.service';
import { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { hashPassword } from '../auth/passwords';
import { ensureSeedTenant } from '../tenants/tenant-seeding';
import { ensureSeedUser, seedUserId, setSeedTeam } from '../users/user-seeding';
import { createSmokeTestAccount } from '../accounts/smoke-test';
import { startChecklist } from '../onboarding/onboarding.service';
import { COURSE_CHECKPOINTS, COURSE_TASKS } from '@floor-os/onboarding';

export const DEMO_TENANT = 'acme-collections';
export const OPERATOR_EMAIL = 'operator@floor-os.demo';
/** A second, autonomous operator: the demo operator's mentor in the operator course (SPEC O7). */
export const MENTOR_EMAIL = 'mentor@floor-os.demo';

export interface DemoLogin {
  role: RoleId;
  email: string;
}

/** The demo's sign-ins: one user per persona of `acme-collections`, and the platform operator. */
export function demoLogins(): DemoLogin[] {
  return [
    ...PERSONA_IDS.map((persona) => ({ role: persona as RoleId, email: `${persona}@${DEMO_TENANT}.demo` })),
    { role: PLATFORM_OPERATOR, email: OPERATOR_EMAIL },
  ];
}

const ACTOR: Actor = { type: 'cli', id: null, label: 'seed-demo' };

/** The demo's people, by persona: names as people have them, not placeholders. */
const DEMO_NAMES: Record<RoleId, string> = {
  compliance_director: 'Dana Whitfield',
  compliance_officer: 'Priya Raman',
  executive: 'Marcus Bell',
  manager: 'Lena Ortiz',
  agent: 'Sam Carter',
  it: 'Ivan Petrov',
  tenant_admin: 'Grace Kim',
  hr: 'Helen Brooks',
  platform_operator: 'Alex Moreno',
};

/**
 * Seeds the demo (SPEC "The demo seed"): tenant `acme-collections` in pilot mode and shadow with all eight
 * personas on, an active user per persona, the platform operator, and a second, non-pilot tenant for
 * the operator's switcher. Idempotent: existing rows are brought back to the seed's state, passwords reset
 * to `password`.
 */
export async function seedDemo(db: DataSource, audit: AdminChangesService, password: string): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (manager) => {
    const upsertTenant = (slug: string, legalName: string, pilotMode: boolean, personas: PersonaId[]) =>
      ensureSeedTenant(manager, audit, ACTOR, { slug, legalName, pilotMode, activePersonas: personas });
    const acme = await upsertTenant(DEMO_TENANT, 'Acme Collections LLC', true, [...PERSONA_IDS]);
    await upsertTenant('northwind-recovery', 'Northwind Recovery Inc.', false, [
      'compliance_officer',
      'manager',
      'agent',
      'it',
      'tenant_admin',
    ]);

    for (const login of demoLogins()) {
      await ensureSeedUser(manager, audit, ACTOR, {
        tenantId: login.role === PLATFORM_OPERATOR ? null : acme.id,
        email: login.email,
        name: DEMO_NAMES[login.role],
        personas: [login.role],
        passwordHash,
      });
    }
    // The demo agent belongs to the demo manager's team and has a dialer agent code.
    const managerId = await seedUserId(manager, `manager@${DEMO_TENANT}.demo`);
    await setSeedTeam(manager, `agent@${DEMO_TENANT}.demo`, { managerId, agentCode: 'AG-1001' });

    // A small portfolio: mostly clean accounts, and one of each common block, so the audit trail has stories.
    await createSmokeTestAccount(manager, acme.id);
    await manager.query(
      `INSERT INTO account (tenant_id, account_id, phone_number, phone_type, state, zip, email, autodial_consent, balance,
          bankruptcy_flag, bankruptcy_status, attorney_represented, dispute_open, cease_requested_at, deceased, fact_sources)
       SELECT $1, 'ACME-' || lpad(g::text, 4, '0'),
              '+1' || (ARRAY['212','312','415','713','305','206','617','404'])[1 + g % 8] || '555' || lpad((g % 10000)::text, 4, '0'),
              CASE WHEN g % 3 = 0 THEN 'mobile' ELSE 'landline' END,
              (ARRAY['NY','IL','CA','TX','FL','WA','MA','GA'])[1 + g % 8],
              (ARRAY['10001','60601','94103','77002','33101','98101','02108','30301'])[1 + g % 8],
              'consumer' || g || '@example.com', g % 4 <> 0, (g * 37 % 5000) + 125.50,
              g % 17 = 0, CASE WHEN g % 17 = 0 THEN 'open' END, g % 19 = 0, g % 23 = 0,
              CASE WHEN g % 29 = 0 THEN now() - interval '20 days' END, g = 31, '{}'::jsonb
         FROM generate_series(1, 60) g
       ON CONFLICT (tenant_id, account_id) DO NOTHING`,
      [acme.id],
    );

    // Today's queue for the demo agent (priority 1–3), the rest unassigned for the manager to hand out.
    const agentUserId = await seedUserId(manager, `agent@${DEMO_TENANT}.demo`);
    await manager.query(
      `UPDATE account SET assigned_agent_id = $2, queue_priority = 3 - (substring(account_id from 6)::int % 3),
              -- Handed out over the last days, each at its own time.
              assigned_at = now() - make_interval(days => substring(account_id from 6)::int % 4, mins => 30 + (substring(account_id from 6)::int * 37) % 600)
        WHERE tenant_id = $1 AND account_id ~ '^ACME-00(0[1-9]|1[0-9]|20)$' AND assigned_agent_id IS NULL`,
      [acme.id, agentUserId],
    );
    // Quick Access deep links (no webhook secrets: IT sets those), and the inventory worksheet to sign off.
    const links = [
      [
        'five9',
        {
          enabled: true,
          label: 'Five9',
          category: 'voice',
          url_template: 'https://app.five9.com/agent/index.html?lead={{phone_e164}}&acct={{account_id}}',
          sort_order: 1,
        },
      ],
      [
        'sms',
        {
          enabled: true,
          label: 'SMS',
          category: 'sms',
          url_template: 'https://sms.example.com/compose?to={{phone_e164}}&ref={{account_id}}',
          sort_order: 2,
        },
      ],
      [
        'crm',
        {
          enabled: true,
          label: 'CRM',
          category: 'other',
          url_template: 'https://crm.example.com/{{tenant_slug}}/accounts/{{account_id}}',
          sort_order: 3,
        },
      ],
    ] as const;
    for (const [vendor, link] of links) {
      await manager.query(
        `INSERT INTO vendor_card (tenant_id, vendor, enabled, deep_link) VALUES ($1, $2, false, $3) ON CONFLICT (tenant_id, vendor) DO NOTHING`,
        [acme.id, vendor, link],
      );
    }
    await manager.query(
      `INSERT INTO integration_inventory (tenant_id, dialer, crm, payment_processor) VALUES ($1, 'five9', 'Salesforce', 'Repay') ON CONFLICT DO NOTHING`,
      [acme.id],
    );
    // The demo tenant is a pilot: its onboarding follows the pilot runbook (kept if already started).
    await startChecklist(manager, acme.id, 'pilot');

    // Onboardings at different stages, so the CSM's board and the retrospective have real shapes
    // (SPEC O3, O5): one blocked on its import, one overdue, several completed across past quarters.
    const DAY = 86_400_000;
    const onboarding = async (
      slug: string,
      name: string,
      template: 'default' | 'pilot',
      startedDaysAgo: number,
      shape: (at: (d: number) => Date, tenantId: string) => Promise<void>,
    ) => {
      const tenant = await upsertTenant(slug, name, template === 'pilot', [
        'compliance_officer',
        'manager',
        'agent',
        'it',
        'tenant_admin',
      ]);
      const [existing] = await manager.query('SELECT 1 FROM onboarding_checklist WHERE tenant_id = $1', [tenant.id]);
      if (existing) return;
      const startedAt = new Date(Date.now() - startedDaysAgo * DAY);
      await startChecklist(manager, tenant.id, template, startedAt);
      await shape((d) => new Date(startedAt.getTime() + d * DAY), tenant.id);
    };
    const finish = (tenantId: string, key: string, started: Date, done: Date, heldDays = 0) =>
      manager.query(
        `UPDATE onboarding_step s SET status = 'done', started_at = $3, completed_at = $4, held_ms = $5 FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1 AND s.key = $2`,
        [tenantId, key, started, done, heldDays * DAY],
      );
    const DEFAULT_KEYS = [
      'contract',
      'kickoff',
      'configure',
      'import_data',
      'train_admins',
      'dry_run',
      'go_no_go',
      'go_live',
    ];
    await onboarding('harbor-recovery', 'Harbor Recovery Group', 'default', 9, async (at, id) => {
      for (const [i, key] of DEFAULT_KEYS.slice(0, 3).entries()) await finish(id, key, at(i * 2), at(i * 2 + 1));
      await manager.query(
        `UPDATE onboarding_step s SET status = 'blocked', started_at = $2, blocked_since = $3, blocking_reason = 'Placement file rejected: 40 % of phone numbers invalid; waiting for a corrected export'
           FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1 AND s.key = 'import_data'`,
        [id, at(7), at(8)],
      );
    });
    await onboarding('summit-credit', 'Summit Credit Services', 'default', 35, async (at, id) => {
      for (const [i, key] of DEFAULT_KEYS.slice(0, 5).entries()) await finish(id, key, at(i * 3), at(i * 3 + 2));
      await manager.query(
        `UPDATE onboarding_step s SET status = 'in_progress', started_at = $2 FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1 AND s.key = 'dry_run'`,
        [id, at(16)],
      );
    });
    // Completed onboardings: [slug, name, started days ago, days the import took, import days on hold, go-live day].
    const completed: [string, string, number, number, number, number][] = [
      ['lakeside-collections', 'Lakeside Collections LLC', 300, 9, 3, 26],
      ['prairie-receivables', 'Prairie Receivables Inc.', 240, 14, 0, 31],
      ['granite-recovery', 'Granite Recovery Partners', 200, 6, 0, 23],
      ['coastal-recovery', 'Coastal Recovery Co.', 130, 18, 5, 38],
      ['redwood-accounts', 'Redwood Accounts Management', 95, 11, 2, 29],
    ];
    for (const [slug, name, ago, importDays, held, goLive] of completed) {
      await onboarding(slug, name, 'default', ago, async (at, id) => {
        const plan: Record<string, [number, number]> = {
          contract: [0, 1],
          kickoff: [1, 4],
          configure: [4, 8],
          import_data: [8, 8 + importDays],
          train_admins: [8 + importDays, 10 + importDays],
          dry_run: [10 + importDays, goLive - 3],
          go_no_go: [goLive - 3, goLive - 1],
          go_live: [goLive - 1, goLive],
        };
        for (const key of DEFAULT_KEYS)
          await finish(id, key, at(plan[key]![0]), at(plan[key]![1]), key === 'import_data' ? held : 0);
        await manager.query('UPDATE onboarding_checklist SET completed_at = $2 WHERE tenant_id = $1', [id, at(goLive)]);
      });
    }

    // The operator course (SPEC O7): the demo operator is in week 2, mentored by an autonomous colleague
    // who signed C1. Progress already recorded is kept.
    const mentor = await ensureSeedUser(manager, audit, ACTOR, {
      tenantId: null,
      email: MENTOR_EMAIL,
      name: 'Morgan Mentor',
      personas: [PLATFORM_OPERATOR],
      passwordHash,
    });
    await manager.query(
      `INSERT INTO operator_profile (user_id, autonomous, autonomous_since) VALUES ($1, true, now() - interval '200 days') ON CONFLICT (user_id) DO NOTHING`,
      [mentor.id],
    );
    const trainee = { id: await seedUserId(manager, OPERATOR_EMAIL) };
    const [{ count }] = await manager.query(
      'SELECT count(*)::int AS count FROM operator_course_progress WHERE user_id = $1',
      [trainee.id],
    );
    if (count === 0) {
      const ticked = COURSE_TASKS.slice(0, 7);
      for (const [index, task] of ticked.entries()) {
        await manager.query(
          `INSERT INTO operator_course_progress (user_id, item_slug, done_at, updated_by_id) VALUES ($1, $2, now() - make_interval(days => $3), $1)`,
          [trainee.id, task.slug, 10 - index],
        );
      }
      await manager.query(
        `INSERT INTO operator_course_progress (user_id, item_slug, signed_off_by_id, signed_off_at, note, updated_by_id) VALUES ($1, $2, $3, now() - interval '3 days', $4, $3)`,
        [
          trainee.id,
          COURSE_CHECKPOINTS[0].slug,
          mentor.id,
          'Provisioned the sandbox and explained tenant isolation without prompts.',
        ],
      );
    }
  });
  return demoLogins();
}

/**
 * The accounts the demo's first real checks are about, with the channel asked: the previous dialer's stories
 * (ACME-0002's six unanswered calls, ACME-0003's conversation two days ago) and a few flagged accounts.
 * A handful, as an agent's first minutes on the floor would be: the two weeks of traffic before them are
 * seed-report-history.ts's, each decision at its own time.
 */
const FIRST_CHECKS: [number, 'voice' | 'sms' | 'email'][] = [
  [2, 'voice'],
  [3, 'voice'],
  [5, 'sms'],
  [6, 'email'],
  [17, 'voice'],
  [31, 'voice'],
];

/**
 * Gate history for the demo: when the demo tenant has no decision yet, a few real contact checks through the
 * gate (voice, SMS, email) on its portfolio, so the newest decisions are the gate's own, with every fact.
 */
export async function seedGateHistory(db: DataSource, gate: GateService): Promise<number> {
  const [tenant] = await db.query('SELECT id FROM tenant WHERE slug = $1', [DEMO_TENANT]);
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1', [
    tenant.id,
  ]);
  if (n > 0) return 0;
  let done = 0;
  for (const [i, channel] of FIRST_CHECKS) {
    await gate.check({
      tenantId: tenant.id,
      accountId: `ACME-${String(i).padStart(4, '0')}`,
      channel,
      dialMode: channel === 'voice' ? 'automated' : 'manual',
      agentId: 'AG-1001',
      phoneNumber: null,
      source: 'api',
      principalId: 'seed-demo',
    });
    done++;
  }
  return done;
}
