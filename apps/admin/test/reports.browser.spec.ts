import { dashboardCardsFor, PERSONA_IDS, type PersonaId } from '@floor-os/personas';
import { describeRule, lastFinishedWeek, weekBounds } from '@floor-os/reports';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../api/src/tenants/tenant.entity';
import { User } from '../../api/src/users/user.entity';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD } from '../../api/test/support/factories';
import { makeCleanAccount } from '../../api/test/support/gate';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';

const INSERT = `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id, next_allowed_at, phone_number)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $2::timestamptz + interval '5 minutes', 4, 'api', $12, $13, $14)`;
let sequence = 0;

/**
 * The reports in the panel as people use them (SPEC P1–P5): the built bundle served by the real API, in
 * Debian's Chromium, on a tenant whose decisions the test writes (so every number is known).
 */
describe('reports and dashboards in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;
  let tenant: Tenant;
  const users = new Map<PersonaId, User>();

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page, persona: PersonaId) => signInAs(page, t.baseUrl, users.get(persona)!.email, PASSWORD);

  /** `count` decision rows as the gate writes them; `rule` makes them block (enforce) or would-block (shadow). */
  const decide = async (
    at: Date,
    count: number,
    f: {
      channel?: string;
      outcome?: 'allowed' | 'would_block' | 'blocked';
      rule?: string;
      agent?: string | null;
      account?: string;
      next?: Date | null;
    },
  ) => {
    const outcome = f.outcome ?? 'allowed';
    const rules = outcome === 'allowed' ? [] : [f.rule ?? 'REG_F_7IN7'];
    const findings = rules.map((rule_id) => ({
      rule_id,
      severity: 'block',
      statute: describeRule(rule_id).statute,
      message: describeRule(rule_id).title,
    }));
    for (let i = 0; i < count; i++) {
      const audit =
        `ccs_${at.getTime().toString(36).padStart(10, '0')}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 8)}`
          .toUpperCase()
          .replace('CCS_', 'ccs_');
      await t.db.query(INSERT, [
        audit,
        at,
        tenant.id,
        f.account ?? 'RPT-0',
        f.channel ?? 'voice',
        outcome !== 'blocked',
        outcome === 'would_block',
        outcome === 'blocked' ? 'enforce' : 'shadow',
        rules,
        findings.map((finding) => finding.statute),
        JSON.stringify(findings),
        f.agent ?? null,
        f.next ?? null,
        '+12125550142',
      ]);
    }
  };

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    context = await launchChromium();
    tenant = await makeTenant(t.db, { legalName: 'Report Panel Collections LLC' });
    // Started three weeks ago, so the usage readout has finished weeks to chart.
    await t.db.query(`UPDATE tenant SET created_at = now() - interval '21 days' WHERE id = $1`, [tenant.id]);
    for (const persona of PERSONA_IDS)
      users.set(persona, await makeUser(t.db, tenant, [persona], { name: `Pat ${persona.replace(/_/g, ' ')}` }));
    const agent = users.get('agent')!;
    await t.db.query(`UPDATE app_user SET manager_id = $1, agent_code = 'AG-7' WHERE id = $2`, [
      users.get('manager')!.id,
      agent.id,
    ]);
    await makeUser(t.db, tenant, ['agent'], { status: 'disabled' });

    // Ten minutes ago (inside every rolling window): the agent's 3 allowed and 2 would-block voice calls
    // (7-in-7), a would-block text to an account whose id starts with "=" and a blocked text (cease), 2 emails.
    const recent = new Date(Date.now() - 10 * 60_000);
    await decide(recent, 3, { agent: 'AG-7', account: 'RPT-1' });
    await decide(recent, 2, { agent: 'AG-7', outcome: 'would_block', account: 'RPT-2' });
    await decide(recent, 1, { channel: 'sms', outcome: 'would_block', rule: 'CEASE', account: '=SUM(1,2)' });
    await decide(recent, 1, { channel: 'sms', outcome: 'blocked', rule: 'CEASE', account: 'RPT-3' });
    await decide(recent, 2, { channel: 'email', account: 'RPT-4' });
    // The agent's queue: two accounts, one waiting until tomorrow (a seventh voice call, on no team).
    await makeCleanAccount(t.db, tenant, { accountId: 'RPT-Q1', assignedAgentId: agent.id } as never);
    await makeCleanAccount(t.db, tenant, { accountId: 'RPT-Q2', assignedAgentId: agent.id } as never);
    await decide(new Date(Date.now() - 60_000), 1, { account: 'RPT-Q2', next: new Date(Date.now() + 86_400_000) });
    // The last finished week (tenant time): 4 allowed emails on its Monday, the week the Director reviews.
    const lastWeek = weekBounds(lastFinishedWeek(Date.now(), 'America/New_York'), 'America/New_York');
    await decide(new Date(lastWeek.from + 30 * 60_000), 4, { channel: 'email', account: 'RPT-5' });
    // An open dispute, a drill-down, and four webhook deliveries of which one failed.
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
    await context?.close();
    await t?.close();
  });

  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
  /** A drawn recharts chart (its surface; legend icons are surfaces too, outside the wrapper's own svg). */
  const chart = (page: Page, testId: string) =>
    page.locator(`[data-testid="${testId}"] .recharts-wrapper > svg.recharts-surface`).first();

  /** What each persona's home must show: a few of its numbers, from the rows written above. */
  const HOME_NUMBERS: Record<PersonaId, (page: Page) => Promise<void>> = {
    compliance_director: async (page) => {
      await expect.poll(() => text(page, '[data-testid="coverage-card-voice-calls"]')).toBe('6');
      await expect.poll(() => text(page, '[data-card="coverage_by_channel"]')).toContain('Shadow mode');
      await expect.poll(() => text(page, '[data-testid="latest_weekly_review-value"]')).toBe('None yet');
    },
    compliance_officer: async (page) => {
      await expect.poll(() => text(page, '[data-testid="decisions_to_review-value"]')).toBe('4');
      await expect.poll(() => text(page, '[data-testid="to-review-blocked"]')).toBe('1');
      await expect.poll(() => text(page, '[data-testid="open_disputes-value"]')).toBe('1');
      await expect.poll(() => text(page, '[data-testid="drilldowns_this_week-value"]')).toBe('1');
    },
    executive: async (page) => {
      const voice = page.locator('[data-card="weekly_kpis"] [data-testid="kpi-voice-calls"]');
      await expect.poll(() => voice.textContent()).toBe('6');
      await expect
        .poll(() => text(page, '[data-card="ops_coverage"] [data-team="Pat manager"]'))
        .toMatch(/^Pat manager52/);
    },
    manager: async (page) => {
      await expect.poll(() => text(page, '[data-testid="team-queue-assigned"]')).toBe('2');
      await expect.poll(() => text(page, '[data-card="team_queue"] [data-agent="Pat agent"]')).toBe('Pat agent252');
    },
    agent: async (page) => {
      await expect.poll(() => text(page, '[data-testid="my_queue-value"]')).toBe('2 accounts');
      await expect.poll(() => text(page, '[data-testid="my-queue-now"]')).toBe('1');
      await expect.poll(() => text(page, '[data-testid="my-queue-waiting"]')).toBe('1');
      await expect.poll(() => text(page, '[data-card="my_queue"]')).toContain('RPT-Q2');
    },
    it: async (page) => {
      await expect.poll(() => text(page, '[data-testid="failed_deliveries-value"]')).toBe('1');
      await expect.poll(() => text(page, '[data-testid="webhook_trend-value"]')).toBe('75 %');
      await expect.poll(() => text(page, '[data-card="failed_deliveries"]')).toContain('Five9');
    },
    tenant_admin: async (page) => {
      await expect.poll(() => text(page, '[data-testid="users-cluster-compliance"]')).toBe('2');
      await expect.poll(() => text(page, '[data-testid="users-cluster-operations"]')).toBe('3');
      await expect.poll(() => text(page, '[data-testid="users-cluster-support"]')).toBe('3');
    },
    hr: async (page) => {
      await expect.poll(() => text(page, '[data-testid="users-status-active"]')).toBe('8');
      await expect.poll(() => text(page, '[data-testid="users-status-disabled"]')).toBe('1');
    },
  };

  it.each(PERSONA_IDS)("should show %s's home as its cards with the tenant's numbers and a chart", async (persona) => {
    await step(`reports-home-${persona}`, async (page) => {
      await signIn(page, persona);
      const cards = dashboardCardsFor([persona], { pilotMode: true, tenantSelected: true });
      for (const card of cards) await page.locator(`[data-card="${card}"]`).waitFor();
      expect(
        await page.locator('[data-card]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-card'))),
      ).toEqual(cards);
      await HOME_NUMBERS[persona](page);
      await page.locator('[data-card] .recharts-wrapper > svg.recharts-surface').first().waitFor();
      const body = (await page.textContent('body')) ?? '';
      expect(body).not.toMatch(/not available|SPEC [A-Z]\d/i);
      expect(body).not.toContain(tenant.id);
    });
  });

  it('should let the officer read, download as CSV and PDF, and sign the gap report', async () => {
    await step('reports-gap-report', async (page) => {
      await signIn(page, 'compliance_officer');
      await page.goto(`${t.baseUrl}/#/gap-report`);
      await expect.poll(() => text(page, '[data-testid="gap-would-block"]')).toBe('3');
      const group = (rule: string) => page.locator(`[data-testid="gap-group"][data-rule="${rule}"]`);
      await expect
        .poll(() => group('REG_F_7IN7').locator('[data-testid="gap-group-count"]').textContent())
        .toBe('2 would have blocked');
      await expect
        .poll(() => group('CEASE').locator('[data-testid="gap-group-count"]').textContent())
        .toBe('1 would have blocked');
      expect(await group('REG_F_7IN7').textContent()).toContain(describeRule('REG_F_7IN7').title);
      expect(await group('REG_F_7IN7').textContent()).toContain('RPT-2');
      await chart(page, 'gap-chart').waitFor();

      const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="gap-csv"]').click()]);
      const csvText = readFileSync((await csv.path())!, 'utf8');
      const lines = csvText.trim().split(/\r?\n/);
      expect(lines).toHaveLength(1 + 3);
      expect(csvText).toContain("'=SUM(1,2)");
      expect(csvText).not.toMatch(/(^|,)"?=SUM/m);

      const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="gap-pdf"]').click()]);
      expect(
        readFileSync((await pdf.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      await page.locator('[data-testid="gap-sign"]').click();
      await page.locator('[data-testid="sign-off-note"]').fill('Reviewed with the floor: ready for enforce.');
      await page.locator('[data-testid="sign-off-confirm"]').click();
      const sha = (await page.locator('[data-testid="signed-sha256"]').textContent({ timeout: 20_000 }))!.trim();
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      const [signed] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="signed-pdf"]').click(),
      ]);
      expect(
        createHash('sha256')
          .update(readFileSync((await signed.path())!))
          .digest('hex'),
      ).toBe(sha);
      await page.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => text(page, '[data-testid="sign-off-list"] [data-testid="sign-off-sha256"]')).toBe(sha);
      expect(await page.locator('[data-testid="sign-off-list"]').textContent()).toContain('Pat compliance officer');
    });
  });

  it('should let the Director generate last week, open its review and add an action item', async () => {
    await step('reports-weekly-review', async (page) => {
      await signIn(page, 'compliance_director');
      await page.goto(`${t.baseUrl}/#/weekly-review`);
      await page.locator('[data-testid="weekly-generate"]').click();
      await page.locator('[data-testid="review-sha256"]').waitFor({ timeout: 30_000 });
      await chart(page, 'review-calls-chart').waitFor();
      await expect.poll(() => text(page, '[data-testid="review-calls"]')).toContain('Emails4');

      await page.locator('[data-testid="action-title"]').fill('Confirm the dialer sends every SMS through the gate');
      await page.locator('[data-testid="action-owner"]').click();
      await page.getByRole('option', { name: 'Pat compliance director' }).click();
      await page.locator('[data-testid="action-due"]').fill('2030-01-15');
      await page.locator('[data-testid="action-add"]').click();
      const row = page.locator('[data-testid="action-row"]').first();
      await expect.poll(() => row.textContent()).toContain('Confirm the dialer sends every SMS through the gate');
      expect(await row.textContent()).toContain('Pat compliance director');
      expect(await row.textContent()).toContain('2030');
      await page.screenshot({ path: join(SHOTS, 'reports-weekly-review-page.png'), fullPage: true });

      await page.goto(`${t.baseUrl}/#/weekly-review`);
      await expect.poll(() => page.locator('[data-testid="weekly-row"]').count()).toBe(1);
    });
  });

  it('should show the Director compliance coverage per channel with its colours explained', async () => {
    await step('reports-coverage', async (page) => {
      await signIn(page, 'compliance_director');
      await page.goto(`${t.baseUrl}/#/compliance-coverage`);
      await expect.poll(() => text(page, '[data-testid="coverage-voice-gate-calls"]')).toBe('6');
      expect(await text(page, '[data-testid="coverage-voice-would-block"]')).toBe('2');
      await chart(page, 'coverage-trend-voice').waitFor();
      const legend = (await text(page, '[data-testid="coverage-legend"]')) ?? '';
      for (const words of ['Contact despite a block', 'Shadow mode', 'No traffic', 'All clear'])
        expect(legend).toContain(words);
      await page.locator('[data-window="720"]').click();
      await expect.poll(() => text(page, '[data-testid="coverage-email-gate-calls"]')).toBe('6');
    });
  });

  it('should show the Executive Ops coverage per channel and per team', async () => {
    await step('reports-ops-coverage', async (page) => {
      await signIn(page, 'executive');
      await page.goto(`${t.baseUrl}/#/ops-coverage`);
      await expect
        .poll(() => text(page, '[data-testid="ops-teams"] [data-team="Pat manager"]'))
        .toMatch(/^Pat manager52/);
      await chart(page, 'ops-channels-chart').waitFor();
    });
  });

  it("should let a platform operator read the tenant's usage readout after switching to it", async () => {
    const operator = await makeUser(t.db, null, ['platform_operator'], { name: 'Olive Operator' });
    await step('reports-operator-usage-readout', async (page) => {
      await signInAs(page, t.baseUrl, operator.email, PASSWORD);
      await page.locator('[data-testid="tenant-switcher"]').click();
      await page.getByRole('option', { name: /Report Panel Collections LLC/ }).click();
      await page.locator('[data-sidebar-item="usage_readout"]').click();
      await chart(page, 'usage-gate-calls-chart').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="milestone-form"]').waitFor();
    });
  });

  it('should show the Tenant Admin the usage readout and let them set the time zone', async () => {
    await step('reports-usage-readout', async (page) => {
      await signIn(page, 'tenant_admin');
      await page.goto(`${t.baseUrl}/#/usage-readout`);
      await page.locator('[data-testid="usage-recommendation"]').waitFor();
      await chart(page, 'usage-gate-calls-chart').waitFor();
      await page.locator('[data-testid="trend-gate_calls"]').waitFor();
      await page.locator('[data-testid="milestone-note"]').fill('Keep going: the floor uses it daily.');
      await page.locator('[data-testid="milestone-record"]').click();
      await expect
        .poll(() => text(page, '[data-testid="milestone-decision"]'))
        .toMatch(/^Day 30Continue.*Keep going: the floor uses it daily\./);
    });
    await step('reports-tenant-timezone', async (page) => {
      await signIn(page, 'tenant_admin');
      await page.goto(`${t.baseUrl}/#/tenant-settings`);
      await page.locator('[data-testid="timezone-select"]').click();
      await page.getByRole('option', { name: 'Central (Chicago)', exact: true }).click();
      await page.locator('[data-testid="report-settings-save"]').click();
      await expect
        .poll(async () => (await t.db.query(`SELECT timezone FROM tenant WHERE id = $1`, [tenant.id]))[0].timezone)
        .toBe('America/Chicago');
    });
  });
});
