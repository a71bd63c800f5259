import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import { createSmokeTestAccount } from '../../api/src/accounts/smoke-test';
import { startChecklist } from '../../api/src/onboarding/onboarding.service';
import type { Tenant } from '../../api/src/tenants/tenant.entity';
import type { User } from '../../api/src/users/user.entity';
import type {
  HealthCheckRun,
  OnboardingBoardRow as BoardRow,
  OnboardingChecklistView as Checklist,
  OnboardingRetrospective as Retrospective,
} from '@floor-os/contracts';

const RUN = Date.now().toString(36).toUpperCase();
const REASON = 'Waiting for the signed data-processing agreement';
const GO_NO_GO_REFUSAL = 'Go/no-go needs a passing tenant health check in the last 24 hours';

/**
 * SPEC O1–O5 in the panel: the platform operator's board lists three onboardings of this run, filters down
 * to the blocked one, saves that filter, opens the tenant's checklist, clears the blocking reason (the step
 * flips to in_progress, as the API then says), is refused go/no-go without a health check, runs the check
 * (three probes pass) and then marks go/no-go done; the retrospective shows a completed onboarding by
 * quarter and by month. Built bundle, real API, Debian's Chromium; the onboardings are arranged through the
 * real API, the test factories and (for completed ones) the database.
 */
describe('the onboarding workbench in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let context: BrowserContext;
  let operator: User;
  let operatorCookie = '';
  // Legal names sort as blocked < pilot < starting: the order the "Tenant" header gives.
  let blocked: Tenant;
  let pilot: Tenant;
  let starting: Tenant;
  // No checklist yet: its page offers to start one.
  let fresh: Tenant;

  const start = async (tenant: Tenant, template: 'default' | 'pilot') => {
    const started = await http.post(`/sys/onboarding/${tenant.slug}`, { template }, { cookie: operatorCookie });
    expect(started.status, started.text).toBe(201);
  };
  const patch = async (tenant: Tenant, step: string, body: Record<string, unknown>) => {
    const patched = await http.request('PATCH', `/sys/onboarding/${tenant.slug}/steps/${step}`, {
      cookie: operatorCookie,
      body,
    });
    expect(patched.status, patched.text).toBe(200);
  };

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist'), GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
    operator = await makeUser(t.db, null, ['platform_operator'], { name: 'Olive Operator' });
    operatorCookie = await http.login(operator.email, PASSWORD);

    // Ready for a passing health check: an active Tenant Admin and the smoke-test account.
    blocked = await makeTenant(t.db, {
      slug: unique('onb-blocked').toLowerCase(),
      legalName: `Onboarding ${RUN} Alpha Collections`,
    });
    await makeUser(t.db, blocked, ['tenant_admin'], { name: 'Ada Admin' });
    await t.db.transaction((manager) => createSmokeTestAccount(manager, blocked.id));
    await start(blocked, 'default');
    await patch(blocked, 'contract', { status: 'done' });
    await patch(blocked, 'kickoff', { blocking_reason: REASON });

    pilot = await makeTenant(t.db, {
      slug: unique('onb-pilot').toLowerCase(),
      legalName: `Onboarding ${RUN} Bravo Recovery`,
    });
    await start(pilot, 'pilot');
    await patch(pilot, '1.1', { status: 'in_progress', assignee_id: operator.id });

    starting = await makeTenant(t.db, {
      slug: unique('onb-start').toLowerCase(),
      legalName: `Onboarding ${RUN} Charlie Credit`,
    });
    await start(starting, 'default');

    fresh = await makeTenant(t.db, {
      slug: unique('onb-fresh').toLowerCase(),
      legalName: `Onboarding ${RUN} Delta Debt`,
    });

    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page) => signInAs(page, t.baseUrl, operator.email, PASSWORD);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const rowIds = (page: Page) =>
    page
      .locator('[data-testid="onboarding-board"] [data-testid^="onboarding-row-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('onboarding-row-'.length)));
  const rowOf = (page: Page, tenant: Tenant) => page.locator(`[data-testid="onboarding-row-${tenant.slug}"]`);
  const stepCard = (page: Page, key: string) => page.locator(`[data-testid="step-${key}"]`);
  const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? '';

  async function checklist(tenant: Tenant): Promise<Checklist> {
    const answer = await http.get<Checklist>(`/sys/onboarding/${tenant.slug}`, { cookie: operatorCookie });
    expect(answer.status, answer.text).toBe(200);
    return answer.body;
  }
  const stepOf = async (tenant: Tenant, key: string) => (await checklist(tenant)).steps.find((s) => s.key === key)!;

  async function openChecklist(page: Page, tenant: Tenant): Promise<void> {
    await signIn(page);
    await page.goto(`${t.baseUrl}/#/onboarding/${tenant.slug}`);
    await page.locator('[data-testid="checklist"]').waitFor();
    expect(await textOf(page.locator('[data-testid="checklist-tenant"]'))).toBe(tenant.legalName);
  }

  it('should open the board from the home screen, sort it, filter to the blocked onboarding, save that filter and open the tenant', async () => {
    const list = await http.get<BoardRow[]>('/sys/onboarding', {
      cookie: operatorCookie,
      query: { filter: JSON.stringify({ q: RUN.toLowerCase(), blocked: true }) },
    });
    expect(list.status, list.text).toBe(200);
    expect(list.body.map((row) => row.id)).toEqual([blocked.slug]);

    await step('onboarding-board', async (page) => {
      await signIn(page);
      // The operator's home is the board: the dashboard names it, the sidebar has it.
      expect(await textOf(page.locator('[data-testid="home-screen"]'))).toBe('Onboarding dashboard');
      await page.locator('[data-testid="home-screen"] a').click();
      await page.waitForURL(/#\/onboarding(\?.*)?$/);
      const board = page.locator('[data-testid="onboarding-board"]');
      await board.waitFor();
      expect(await page.locator('[data-sidebar-item="onboarding"]').count()).toBe(1);
      expect(await page.locator('[data-testid="preset-active"]').getAttribute('data-active')).toBe('true');

      // Search this run's tenants; the three rows with their current steps.
      await page.locator('[data-testid="filter-search"]').fill(RUN);
      await expect
        .poll(() => rowIds(page).then((ids) => ids.sort()))
        .toEqual([blocked.slug, pilot.slug, starting.slug].sort());
      const blockedRow = rowOf(page, blocked);
      expect(await blockedRow.getAttribute('data-blocked')).toBe('true');
      expect(await blockedRow.locator('[data-testid="row-blocked"]').count()).toBe(1);
      expect(await textOf(blockedRow.locator('[data-testid="row-blocking-reason"]'))).toBe(REASON);
      expect(await blockedRow.locator('[data-testid="row-step-status"]').getAttribute('data-status')).toBe('blocked');
      expect(await textOf(blockedRow)).toContain('Kickoff held');
      expect(await rowOf(page, pilot).locator('[data-testid="row-step-status"]').getAttribute('data-status')).toBe(
        'in_progress',
      );
      expect(await textOf(rowOf(page, pilot).locator('[data-testid="row-assignee"]'))).toBe('you');
      expect(await rowOf(page, starting).locator('[data-testid="row-blocked"]').count()).toBe(0);

      // The column headers sort on the server.
      // Each click waits for the state it produces (the header's sort and the rows), never for the click
      // alone: a second click on a header that has not yet rendered the first computes the same order again.
      const sortTenant = page.locator('[data-testid="sort-tenant"]');
      await sortTenant.click();
      await expect.poll(() => sortTenant.getAttribute('data-sort')).toBe('ASC');
      await expect.poll(() => rowIds(page)).toEqual([blocked.slug, pilot.slug, starting.slug]);
      await sortTenant.click();
      await expect.poll(() => sortTenant.getAttribute('data-sort')).toBe('DESC');
      await expect.poll(() => rowIds(page)).toEqual([starting.slug, pilot.slug, blocked.slug]);

      // Blocked only: one row remains.
      // The filter lives in the address: the box shows checked once the router has moved (a transition).
      const blockedOnly = page.locator('[data-testid="filter-blocked"]');
      await blockedOnly.click();
      await expect.poll(() => blockedOnly.isChecked()).toBe(true);
      await expect.poll(() => rowIds(page)).toEqual([blocked.slug]);
      expect(await textOf(page.locator('[data-testid="board-total"]'))).toBe('1 onboarding');
      await shot(page, 'onboarding-board-blocked');

      // Saved under a name in this browser, and one click away after another preset.
      await page.locator('[data-testid="save-filter"]').click();
      await page.locator('[data-testid="saved-filter-name"]').fill('Run blocked');
      await page.locator('[data-testid="save-filter-confirm"]').click();
      const saved = page.locator('[data-testid="saved-filter-run-blocked"]');
      await expect.poll(() => saved.getAttribute('data-active')).toBe('true');
      await page.locator('[data-testid="preset-active"]').click();
      await expect.poll(() => rowIds(page).then((ids) => ids.length)).toBeGreaterThanOrEqual(3);
      expect(await page.locator('[data-testid="filter-search"]').inputValue()).toBe('');
      await saved.click();
      await expect.poll(() => rowIds(page)).toEqual([blocked.slug]);

      // The "Blocked" preset: every blocked onboarding, whoever's run it is.
      await page.locator('[data-testid="preset-blocked"]').click();
      await expect.poll(() => page.locator('[data-testid="preset-blocked"]').getAttribute('data-active')).toBe('true');
      await expect.poll(() => rowIds(page)).toContain(blocked.slug);
      const flags = await page
        .locator('[data-testid^="onboarding-row-"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-blocked')));
      expect(new Set(flags)).toEqual(new Set(['true']));

      await rowOf(page, blocked).click();
      await page.waitForURL(new RegExp(`#/onboarding/${blocked.slug}$`));
      await page.locator('[data-testid="checklist"]').waitFor();
      expect(await stepCard(page, 'kickoff').getAttribute('data-status')).toBe('blocked');
    });
  });

  it('should block a step by saving a reason and unblock the blocked step with "Clear": it flips to in_progress and the API agrees', async () => {
    await step('onboarding-unblock', async (page) => {
      await openChecklist(page, blocked);
      expect(await textOf(page.locator('[data-testid="checklist-template"]'))).toBe('Standard onboarding (8 steps)');
      expect(await page.locator('[data-testid="checklist-state"]').getAttribute('data-state')).toBe('active');
      expect(
        await page
          .locator('[data-testid="checklist-phase"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-phase'))),
      ).toEqual(['Start', 'Set-up', 'Readiness', 'Go-live']);
      const kickoff = stepCard(page, 'kickoff');
      expect(await kickoff.getAttribute('data-status')).toBe('blocked');
      expect(await page.locator('[data-testid="step-reason-kickoff"]').inputValue()).toBe(REASON);
      expect(await textOf(page.locator('[data-testid="step-acceptance-kickoff"]'))).toContain(
        'Owners and dates agreed',
      );

      // A blocked step cannot be done while its reason stands: the API's 409 shows on the step.
      await page.locator('[data-testid="step-status-kickoff"]').selectOption('done');
      const refusal = page.locator('[data-testid="step-error-kickoff"]');
      await refusal.waitFor();
      expect(await textOf(refusal)).toContain(`A step with a blocking reason (${REASON}) cannot be done`);
      expect(await kickoff.getAttribute('data-status')).toBe('blocked');

      await page.locator('[data-testid="step-clear-reason-kickoff"]').click();
      await expect.poll(() => kickoff.getAttribute('data-status')).toBe('in_progress');
      expect(await page.locator('[data-testid="step-status-kickoff"]').inputValue()).toBe('in_progress');
      expect(await page.locator('[data-testid="step-reason-kickoff"]').inputValue()).toBe('');
      expect(await page.locator('[data-testid="step-error-kickoff"]').count()).toBe(0);

      // Saving a reason on another step blocks it; clearing it unblocks it (in_progress).
      await page.locator('[data-testid="step-reason-configure"]').fill('Vendor sandbox credentials pending');
      await page.locator('[data-testid="step-save-reason-configure"]').click();
      await expect.poll(() => stepCard(page, 'configure').getAttribute('data-status')).toBe('blocked');
      await page.locator('[data-testid="step-clear-reason-configure"]').click();
      await expect.poll(() => stepCard(page, 'configure').getAttribute('data-status')).toBe('in_progress');
    });

    expect(await stepOf(blocked, 'kickoff')).toMatchObject({ status: 'in_progress', blocking_reason: null });
    expect(await stepOf(blocked, 'configure')).toMatchObject({ status: 'in_progress', blocking_reason: null });
    const board = await http.get<BoardRow[]>('/sys/onboarding', {
      cookie: operatorCookie,
      query: { filter: JSON.stringify({ q: RUN.toLowerCase(), blocked: true }) },
    });
    expect(board.body).toEqual([]);
  });

  it('should refuse go/no-go without a passing health check, run the check (three probes) and then accept go/no-go', async () => {
    await step('onboarding-health-check', async (page) => {
      await openChecklist(page, blocked);
      await page.locator('[data-testid="health-none"]').waitFor();
      // The step links to the evidence the product checks; none is seen yet.
      const evidence = page.locator('[data-testid="step-evidence-check-go_no_go"]');
      expect(await evidence.getAttribute('data-seen')).toBe('false');
      expect(await textOf(evidence)).toContain('A tenant health check passed in the last 24 hours');

      await page.locator('[data-testid="step-status-go_no_go"]').selectOption('done');
      const refusal = page.locator('[data-testid="step-error-go_no_go"]');
      await refusal.waitFor();
      expect(await textOf(refusal)).toContain(GO_NO_GO_REFUSAL);
      expect(await stepCard(page, 'go_no_go').getAttribute('data-status')).toBe('todo');

      await page.locator('[data-testid="run-health-check"]').click();
      const aggregate = page.locator('[data-testid="health-aggregate"]');
      await aggregate.waitFor({ timeout: 30_000 });
      expect(await aggregate.getAttribute('data-status')).toBe('pass');
      const results = await page
        .locator('[data-testid="health-latest"] [data-testid^="health-result-"]')
        .evaluateAll((nodes) =>
          nodes.map(
            (node) =>
              `${node.getAttribute('data-testid')!.slice('health-result-'.length)}:${node.getAttribute('data-status')}`,
          ),
        );
      expect(results).toEqual(['sample_login:pass', 'sample_transaction:pass', 'sample_report:pass']);
      expect(await textOf(page.locator('[data-testid="health-result-sample_login"]'))).toContain('Sample login');
      expect(
        await textOf(page.locator('[data-testid="health-result-sample_transaction"] [data-testid="health-detail"]')),
      ).toMatch(/audit row ccs_/);
      expect(await textOf(page.locator('[data-testid="health-go-no-go"]'))).toContain(
        'Go/no-go may be marked done until',
      );
      await expect.poll(() => evidence.getAttribute('data-seen')).toBe('true');
      await shot(page, 'onboarding-health-passed');

      await page.locator('[data-testid="step-status-go_no_go"]').selectOption('done');
      await expect.poll(() => stepCard(page, 'go_no_go').getAttribute('data-status')).toBe('done');
      expect(await page.locator('[data-testid="step-error-go_no_go"]').count()).toBe(0);
    });

    const history = await http.get<HealthCheckRun[]>(`/sys/onboarding/${blocked.slug}/health-checks`, {
      cookie: operatorCookie,
    });
    expect(history.body.map((run) => run.status)).toEqual(['pass']);
    expect(await stepOf(blocked, 'go_no_go')).toMatchObject({ status: 'done' });
  });

  it('should start a pilot checklist for a tenant without one, then assign a step to me, note evidence and move its due date', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await step('onboarding-start-and-edit', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/onboarding/${fresh.slug}`);
      const card = page.locator('[data-testid="start-checklist"]');
      await card.waitFor();
      expect(await textOf(card)).toContain('The tenant has no onboarding checklist');
      await page.locator('[data-testid="start-template"]').selectOption('pilot');
      await page.locator('[data-testid="start-checklist-submit"]').click();
      await page.locator('[data-testid="checklist"]').waitFor();
      expect(await page.locator('[data-testid^="step-status-chip-"]').count()).toBe(17);
      expect(
        await page
          .locator('[data-testid="checklist-phase"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-phase'))),
      ).toEqual(['Day 1', 'Week 1', 'Month 1']);
      expect(await stepCard(page, '1.1').getAttribute('data-current')).toBe('true');

      await page.locator('[data-testid="step-assign-me-1.1"]').click();
      await expect.poll(() => textOf(page.locator('[data-testid="step-assignee-1.1"]'))).toBe('you');

      await page.locator('[data-testid="step-evidence-1.1"]').fill('Provisioned with --template pilot; ticket OPS-42');
      await page.locator('[data-testid="step-save-evidence-1.1"]').click();
      await expect.poll(() => page.locator('[data-testid="step-save-evidence-1.1"]').isDisabled()).toBe(true);

      // A due date in the past: the step is overdue, in red.
      await page.locator('[data-testid="step-due-1.1"]').fill(yesterday);
      await page.locator('[data-testid="step-save-due-1.1"]').click();
      const due = page.locator('[data-testid="step-due-date-1.1"] [data-overdue]');
      await expect.poll(() => due.getAttribute('data-overdue')).toBe('true');
      expect(await textOf(due)).toContain('overdue');
    });

    expect(await checklist(fresh)).toMatchObject({ template: 'pilot', state: 'active', current_step: '1.1' });
    expect(await stepOf(fresh, '1.1')).toMatchObject({
      assignee_id: operator.id,
      evidence: 'Provisioned with --template pilot; ticket OPS-42',
      due_date: yesterday,
      overdue: true,
    });
    const board = await http.get<BoardRow[]>('/sys/onboarding', {
      cookie: operatorCookie,
      query: { filter: JSON.stringify({ q: fresh.slug, overdue: true, assignee_id: operator.id }) },
    });
    expect(board.body.map((row) => row.id)).toEqual([fresh.slug]);
  });

  it('should open the retrospective from the board: a completed onboarding of 2023-Q3 with its slipping step, then by month', async () => {
    // One onboarding completed in 2023-Q3 (no other test completes one then): started July 3rd, every step done
    // a day later, except the import (done on day 30, 20 days late) and go-live (day 40, in August).
    const day = 86_400_000;
    const done = await makeTenant(t.db, {
      slug: unique('onb-done').toLowerCase(),
      legalName: `Onboarding ${RUN} Echo Finance`,
    });
    const startedAt = new Date('2023-07-03T00:00:00Z');
    const at = (d: number) => new Date(startedAt.getTime() + d * day);
    await t.db.transaction((manager) => startChecklist(manager, done.id, 'default', startedAt));
    const stepsOf = 'FROM onboarding_checklist c WHERE c.id = s.checklist_id AND c.tenant_id = $1';
    await t.db.query(`UPDATE onboarding_step s SET status = 'done', started_at = $2, completed_at = $3 ${stepsOf}`, [
      done.id,
      at(0),
      at(1),
    ]);
    await t.db.query(
      `UPDATE onboarding_step s SET started_at = $2, completed_at = $3 ${stepsOf} AND s.key = 'import_data'`,
      [done.id, at(2), at(30)],
    );
    await t.db.query(
      `UPDATE onboarding_step s SET started_at = $2, completed_at = $3 ${stepsOf} AND s.key = 'go_live'`,
      [done.id, at(39), at(40)],
    );
    await t.db.query(`UPDATE onboarding_checklist SET completed_at = $2 WHERE tenant_id = $1`, [done.id, at(40)]);

    const api = await http.get<Retrospective>('/sys/onboarding/retrospective', {
      cookie: operatorCookie,
      query: { group_by: 'quarter' },
    });
    expect(api.status, api.text).toBe(200);
    const q3 = api.body.periods.find((p) => p.period === '2023-Q3')!;
    expect(q3.count).toBeGreaterThanOrEqual(1);
    expect(q3.slipping_step).not.toBeNull();

    await step('onboarding-retrospective', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/onboarding`);
      await page.locator('[data-testid="onboarding-board"]').waitFor();
      await page.locator('[data-testid="open-retrospective"]').click();
      await page.waitForURL(/#\/onboarding\/retrospective$/);
      const retro = page.locator('[data-testid="retrospective"]');
      await retro.waitFor();
      await page.locator('[data-testid="retro-chart"]').waitFor();
      // The checklist page did not claim the address.
      expect(await page.locator('[data-testid="checklist"], [data-testid="start-checklist"]').count()).toBe(0);

      const quarter = page.locator('[data-testid="retro-row-2023-Q3"]');
      await quarter.waitFor();
      expect(Number(await textOf(quarter.locator('[data-testid="retro-count"]')))).toBeGreaterThanOrEqual(1);
      const slipping = quarter.locator('[data-testid="retro-slipping"]');
      expect(await slipping.getAttribute('data-step')).toBe(q3.slipping_step!.key);
      expect(await textOf(slipping)).toContain(q3.slipping_step!.title);
      expect(await textOf(slipping)).toContain('days late');
      await shot(page, 'onboarding-retrospective-quarter');

      await page.locator('[data-testid="retro-group-month"]').click();
      await expect.poll(() => retro.getAttribute('data-group-by')).toBe('month');
      const month = page.locator('[data-testid="retro-row-2023-08"]');
      await month.waitFor();
      expect(Number(await textOf(month.locator('[data-testid="retro-count"]')))).toBeGreaterThanOrEqual(1);
      expect(await page.locator('[data-testid="retro-row-2023-Q3"]').count()).toBe(0);
    });
  });
});
