import { randomUUID } from 'node:crypto';
import { DASHBOARD_CARDS, dashboardCardsFor, PERSONA_IDS, type PersonaId } from '@floor-os/personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { makeCleanAccount } from './support/gate';
import { Http } from './support/http';

const INSERT = `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id, next_allowed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '{}', '{}', '[]'::jsonb, $2::timestamptz + interval '5 minutes', 4, 'api', $9, $10)`;
let sequence = 0;

/** The answer's key of each card (the tenant mode card is `tenant`; IT's webhook health card reads its own route). */
const FIELD: Partial<Record<keyof typeof DASHBOARD_CARDS, string | null>> = {
  tenant_mode: 'tenant',
  webhook_health: null,
};

describe("every persona's home numbers (SPEC P5)", () => {
  let t: TestApp;
  let http: Http;
  let tenant: Tenant;
  const users = new Map<PersonaId, User>();
  const cookies = new Map<PersonaId, string>();

  const decide = async (
    at: Date,
    count: number,
    f: {
      channel?: string;
      outcome?: 'allowed' | 'would_block' | 'blocked';
      agent?: string | null;
      account?: string;
      next?: Date | null;
    },
  ) => {
    const outcome = f.outcome ?? 'allowed';
    for (let i = 0; i < count; i++) {
      const audit =
        `ccs_${at.getTime().toString(36).padStart(10, '0')}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 8)}`
          .toUpperCase()
          .replace('CCS_', 'ccs_');
      await t.db.query(INSERT, [
        audit,
        at,
        tenant.id,
        f.account ?? 'DASH-0',
        f.channel ?? 'voice',
        outcome !== 'blocked',
        outcome === 'would_block',
        outcome === 'blocked' ? 'enforce' : 'shadow',
        f.agent ?? null,
        f.next ?? null,
      ]);
    }
  };

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    tenant = await makeTenant(t.db);
    for (const persona of PERSONA_IDS)
      users.set(persona, await makeUser(t.db, tenant, [persona], { name: `Pat ${persona}` }));
    const manager = users.get('manager')!;
    const agent = users.get('agent')!;
    await t.db.query(`UPDATE app_user SET manager_id = $1, agent_code = 'AG-7' WHERE id = $2`, [manager.id, agent.id]);
    await makeUser(t.db, tenant, ['agent'], { status: 'disabled' });
    for (const persona of PERSONA_IDS) cookies.set(persona, await http.login(users.get(persona)!.email, PASSWORD));

    // Two hours ago: 3 allowed and 2 would-block voice calls by the agent (by agent code), 1 blocked SMS without one.
    const at = new Date(Date.now() - 2 * 3_600_000);
    await decide(at, 3, { agent: 'AG-7' });
    await decide(at, 2, { agent: 'AG-7', outcome: 'would_block' });
    await decide(at, 1, { channel: 'sms', outcome: 'blocked' });
    // The agent's queue: two accounts, one waiting until tomorrow.
    const later = new Date(Date.now() + 86_400_000);
    await makeCleanAccount(t.db, tenant, { accountId: 'DASH-1', assignedAgentId: agent.id } as never);
    await makeCleanAccount(t.db, tenant, { accountId: 'DASH-2', assignedAgentId: agent.id } as never);
    await makeCleanAccount(t.db, tenant, { accountId: 'DASH-3' });
    await decide(new Date(Date.now() - 60_000), 1, { account: 'DASH-2', next: later });
    await t.db.query(
      `INSERT INTO decision_annotation (tenant_id, audit_id, category, note, created_by_email) VALUES ($1, 'ccs_X', 'disagree', 'n', 'x@example.test')`,
      [tenant.id],
    );
    await t.db.query(`INSERT INTO audit_drilldown (tenant_id, user_id, audit_id, at) VALUES ($1, $2, 'ccs_X', now())`, [
      tenant.id,
      users.get('compliance_officer')!.id,
    ]);
    for (const status of ['processed', 'processed', 'processed', 'failed']) {
      await t.db.query(
        `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, headers, received_at, status, last_error) VALUES ($1, 'five9', $2, '{}', '{}', now(), $3, $4)`,
        [tenant.id, randomUUID(), status, status === 'failed' ? 'unknown disposition: XYZ' : null],
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(PERSONA_IDS)("should answer %s exactly its home's cards", async (persona) => {
    const view = (await http.get('/api/v1/dashboard', { cookie: cookies.get(persona)! })).body;
    const expected = dashboardCardsFor([persona], { pilotMode: true, tenantSelected: true })
      .map((card) => (Object.hasOwn(FIELD, card) ? FIELD[card] : card))
      .filter((field): field is string => field !== null);
    expect(Object.keys(view).sort()).toEqual([...expected].sort());
  });

  it('should give each persona the right numbers on the fixed data', async () => {
    const view = async (persona: PersonaId) =>
      (await http.get('/api/v1/dashboard', { cookie: cookies.get(persona)! })).body;
    const director = await view('compliance_director');
    expect(director.coverage_by_channel.channels.find((c: { channel: string }) => c.channel === 'voice')).toMatchObject(
      { gate_calls: 6, would_block: 2, blocked: 0 },
    );
    expect(director.would_block_trend).toHaveLength(14);
    expect(director.would_block_trend.reduce((n: number, d: { would_block: number }) => n + d.would_block, 0)).toBe(2);
    expect(director.latest_weekly_review).toBeNull();

    const officer = await view('compliance_officer');
    expect(officer.decisions_to_review).toMatchObject({ blocked: 1, would_block: 2 });
    expect(officer.open_disputes).toMatchObject({ open: 1 });
    expect(officer.drilldowns_this_week).toMatchObject({ drilldowns: 1, users: 1 });

    const exec = await view('executive');
    expect(exec.ops_coverage.channels.find((c: { channel: string }) => c.channel === 'voice')).toEqual({
      channel: 'voice',
      calls: 6,
      blocks: 2,
      contact_rate: 0,
    });
    expect(exec.ops_coverage.teams).toEqual([
      { team: 'Pat manager', calls: 5, blocks: 2, contact_rate: 0 },
      { team: 'No team', calls: 2, blocks: 1, contact_rate: 0 },
    ]);
    expect(exec.weekly_kpis.channels).toHaveLength(4);

    const manager = await view('manager');
    expect(manager.team_queue).toEqual({
      assigned: 2,
      unassigned: 1,
      agents: [{ name: 'Pat agent', queue: 2, attempts: 5, blocks: 2 }],
    });
    expect(JSON.stringify(manager.team_queue)).not.toContain(users.get('agent')!.id);

    const agent = await view('agent');
    expect(agent.my_queue).toMatchObject({
      total: 2,
      contactable_now: 1,
      waiting: 1,
      next_allowed: [{ account_id: 'DASH-2' }],
    });

    const it = await view('it');
    expect(it.failed_deliveries).toMatchObject({
      last_7_days: 1,
      latest: [{ vendor: 'five9', reason: 'unknown disposition' }],
    });
    expect(it.webhook_trend.at(-1)).toMatchObject({ processed: 3, failed: 1, success_rate: 0.75 });

    const admin = await view('tenant_admin');
    // Eight personas, one user each (the disabled agent not counted); each persona's user signed in.
    expect(admin.users_by_cluster).toEqual({ compliance: 2, operations: 3, support: 3 });
    expect(admin.active_users).toEqual({ total: 8, by_cluster: { compliance: 2, operations: 3, support: 3 } });
    expect(admin.usage.gate_calls + admin.usage.previous_week).toBe(7);

    const hr = await view('hr');
    expect(hr.users_by_status).toEqual({ active: 8, disabled: 1 });
  });

  it("should never count another tenant's numbers", async () => {
    const other = await makeTenant(t.db);
    const cookie = await http.login((await makeUser(t.db, other, ['compliance_officer'])).email, PASSWORD);
    const view = (await http.get('/api/v1/dashboard', { cookie })).body;
    expect(view.decisions_to_review).toMatchObject({ blocked: 0, would_block: 0 });
    expect(view.open_disputes.open).toBe(0);
    expect((await http.get('/api/v1/dashboard', { cookie, query: { tenant_id: tenant.id } })).status).toBe(403);
  });
});
