import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../api/src/tenants/tenant.entity';
import { User } from '../../api/src/users/user.entity';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';

/**
 * HR offboarding in the panel (SPEC R5, decided detail 28), as HR walks it: the built bundle served by the
 * real API, in Debian's Chromium, on a tenant of its own. A leaver who owns two API keys and has accounts in
 * the queue; HR opens the case, revokes one key, hands the other over, reassigns the accounts and signs off.
 */
describe('HR offboarding in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let context: BrowserContext;
  let tenant: Tenant;
  let hr: User;
  let leaver: User;
  let taker: User;
  let keeper: User;
  let oldKey: { id: string; secret: string };
  let mainKey: { id: string; secret: string };

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    http = new Http(t.baseUrl);
    context = await launchChromium();
    tenant = await makeTenant(t.db, { legalName: 'Offboarding Panel Collections LLC' });
    hr = await makeUser(t.db, tenant, ['hr'], { name: 'Harper Ross' });
    await makeUser(t.db, tenant, ['tenant_admin'], { name: 'Avery Admin' });
    const manager = await makeUser(t.db, tenant, ['manager'], { name: 'Morgan Lee' });
    leaver = await makeUser(t.db, tenant, ['agent', 'it'], { name: 'Lee Leaving', managerId: manager.id });
    taker = await makeUser(t.db, tenant, ['agent'], { name: 'Tara Taker', managerId: manager.id });
    // An agent on no team: not offered when the leaver's accounts go to an agent of the team.
    await makeUser(t.db, tenant, ['agent'], { name: 'Otto Outside' });
    keeper = await makeUser(t.db, tenant, ['it'], { name: 'Kim Keeper' });

    // The leaver issued the dialer's two keys; one uploads two accounts, which go to the leaver's queue.
    const leaverCookie = await http.login(leaver.email, PASSWORD);
    const old = await http.post('/api/v1/api-keys', { label: 'dialer-old' }, { cookie: leaverCookie });
    const main = await http.post('/api/v1/api-keys', { label: 'dialer-main' }, { cookie: leaverCookie });
    expect([old.status, main.status], old.text + main.text).toEqual([201, 201]);
    oldKey = { id: old.body.id, secret: old.body.secret };
    mainKey = { id: main.body.id, secret: main.body.secret };
    const bulk = await http.post(
      '/api/v1/accounts/bulk',
      [
        { account_id: 'OFF-PANEL-1', phone_number: '+12125550171', state: 'NY' },
        { account_id: 'OFF-PANEL-2', phone_number: '+12125550172', state: 'NY' },
      ],
      { apiKey: mainKey.secret },
    );
    expect(bulk.status, bulk.text).toBe(200);
    await t.db.query(
      `UPDATE account SET assigned_agent_id = $2, assigned_at = now() WHERE tenant_id = $1 AND account_id LIKE 'OFF-PANEL-%'`,
      [tenant.id, leaver.id],
    );
    // A dispute the leaver raised and nobody resolved yet: listed for hand-over, never in the way.
    await t.db.query(
      `INSERT INTO decision_annotation (tenant_id, audit_id, category, note, routed_to, status, created_by_id, created_by_email)
       VALUES ($1, 'ccs_OFFBOARDINGPANEL01', 'data-quality', 'Phone number belongs to a neighbour', 'it', 'open', $2, $3)`,
      [tenant.id, leaver.id, leaver.email],
    );
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const notification = (page: Page, text: string) => page.getByText(text).first().waitFor();
  const keyRow = (page: Page, label: string) => page.locator(`[data-testid="case-key"][data-key-label="${label}"]`);
  const stepState = (page: Page, id: string) =>
    page.locator(`[data-testid="case-step-${id}"]`).getAttribute('data-state');

  /** Types into a picker (an autocomplete over the users list) and chooses the person by name. */
  async function pick(
    page: Page,
    scope: ReturnType<Page['locator']> | Page,
    label: string,
    search: string,
    name: string,
  ): Promise<void> {
    const input = scope.getByRole('combobox', { name: label });
    await input.click();
    await input.fill(search);
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    await expect.poll(() => input.inputValue()).toContain(name);
  }

  it('should let HR open a case, revoke one key, hand the other over, reassign the accounts and sign off', async () => {
    let caseId = '';
    await step('offboarding-hr-walks-a-case', async (page) => {
      await signInAs(page, t.baseUrl, hr.email, PASSWORD);

      // Start offboarding from the sidebar: the user is picked by name, never by id.
      await page.locator('[data-sidebar-item="offboarding"]').click();
      await page.waitForURL(/#\/offboarding/);
      await page.getByRole('link', { name: 'Start offboarding' }).first().click();
      await page.waitForURL(/#\/offboarding\/create/);
      await pick(page, page, 'User', 'Lee', 'Lee Leaving');
      await page.getByRole('textbox', { name: 'Reason' }).fill('Resigned: moving to another company');
      await page.locator('input[name="last_day"]').fill('2026-12-31');
      await shot(page, 'offboarding-start-form');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/offboarding\/[0-9a-f-]{36}\/show/);
      caseId = /#\/offboarding\/([0-9a-f-]{36})\/show/.exec(page.url())![1];
      await notification(page, 'Offboarding started for Lee Leaving');

      // The case page: access gone at once; two keys, two accounts and a dispute still open; sign-off held back.
      await page.locator('[data-testid="case-page"]').waitFor();
      expect(await page.locator('[data-testid="case-status"]').textContent()).toBe('Open');
      expect(await page.locator('[data-testid="case-user"]').first().textContent()).toBe('Lee Leaving');
      expect(await stepState(page, 'access')).toBe('done');
      expect(await page.locator('[data-testid="case-step-access-summary"]').textContent()).toContain(
        'Sign-in refused and every session ended',
      );
      await expect.poll(() => page.locator('[data-testid="case-step-access"]').textContent()).toContain('Offboarding');
      expect(await page.locator('[data-testid="case-key"]').count()).toBe(2);
      expect(await page.locator('[data-testid="case-account"]').allTextContents()).toEqual([
        expect.stringContaining('OFF-PANEL-1'),
        expect.stringContaining('OFF-PANEL-2'),
      ]);
      expect(await page.locator('[data-testid="case-dispute"]').textContent()).toContain('Data quality');
      expect(await page.locator('[data-testid="case-step-close-summary"]').textContent()).toContain(
        '2 API keys and 2 accounts',
      );
      expect(await page.locator('[data-testid="case-sign-off"]').isDisabled()).toBe(true);
      await expect.poll(() => page.locator('[data-testid="case-summary"]').textContent()).toContain('Harper Ross');
      await shot(page, 'offboarding-case-open');

      // The users list shows who is offboarding, in words, with the way to their case.
      await page.locator('[data-sidebar-item="users"]').click();
      await page.waitForURL(/#\/users/);
      const row = page.locator('tbody tr', { hasText: 'Lee Leaving' });
      await row.waitFor();
      const chip = row.locator('[data-testid="user-offboarding-case"]');
      await chip.waitFor();
      expect(await chip.textContent()).toBe('Offboarding');

      // HR's home: the open case beside the users by status.
      await page.locator('[data-sidebar-item="home"]').click();
      await page.locator('[data-card="users_by_status"]').waitFor();
      await expect.poll(() => page.locator('[data-testid="open-cases-count"]').textContent()).toBe('1');
      expect(await page.locator('[data-testid="open-case"]').textContent()).toContain('Lee Leaving');
      await expect.poll(() => page.locator('[data-testid="users-status-offboarding"]').textContent()).toBe('1');
      await shot(page, 'offboarding-hr-home');

      // Back to the case from the users list's chip.
      await page.locator('[data-sidebar-item="users"]').click();
      await page
        .locator('tbody tr', { hasText: 'Lee Leaving' })
        .locator('[data-testid="user-offboarding-case"]')
        .click();
      await page.waitForURL(new RegExp(`#/offboarding/${caseId}/show`));
      await page.locator('[data-testid="case-page"]').waitFor();

      // Revoke the old key, after confirming.
      await keyRow(page, 'dialer-old').locator('[data-testid="case-key-revoke"]').click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText('Revoke "dialer-old"?').waitFor();
      await confirm.getByRole('button', { name: 'Revoke' }).click();
      await notification(page, 'API key "dialer-old" revoked');
      await expect.poll(() => keyRow(page, 'dialer-old').count()).toBe(0);

      // Hand the other over to a colleague, picked by name.
      await keyRow(page, 'dialer-main').locator('[data-testid="case-key-hand-over"]').click();
      const handOver = page.locator('[data-testid="hand-over-dialog"]');
      await handOver.waitFor();
      await pick(page, handOver, 'New owner', 'Kim', 'Kim Keeper');
      await handOver.locator('[data-testid="hand-over-dialog-confirm"]').click();
      await notification(page, 'API key "dialer-main" handed over to Kim Keeper');
      await expect.poll(() => stepState(page, 'keys')).toBe('done');

      // Reassign the accounts to an agent of the leaver's team (the agent on no team is not offered).
      await page.locator('[data-testid="accounts-reassign"]').click();
      const reassign = page.locator('[data-testid="reassign-dialog"]');
      await reassign.waitFor();
      expect(await reassign.textContent()).toContain("the active agents of Morgan Lee's team");
      const agentInput = reassign.getByRole('combobox', { name: 'Agent' });
      await agentInput.click();
      await page.getByRole('option', { name: /^Tara Taker/ }).waitFor();
      expect(await page.getByRole('option').allTextContents()).not.toContainEqual(
        expect.stringContaining('Otto Outside'),
      );
      await pick(page, reassign, 'Agent', 'Tara', 'Tara Taker');
      await reassign.locator('[data-testid="reassign-dialog-confirm"]').click();
      await notification(page, '2 accounts reassigned to Tara Taker');
      await expect.poll(() => stepState(page, 'accounts')).toBe('done');

      // Nothing left: sign off with a note.
      await expect.poll(() => page.locator('[data-testid="case-sign-off"]').isEnabled()).toBe(true);
      expect(await page.locator('[data-testid="case-dispute"]').count()).toBe(1);
      await page.locator('[data-testid="case-sign-off"]').click();
      await page.locator('[data-testid="sign-off-note"]').fill('Keys and accounts handed over; dispute passed to IT.');
      await page.locator('[data-testid="sign-off-confirm"]').click();
      await notification(page, 'Case signed off: Lee Leaving is disabled');

      const closed = page.locator('[data-testid="case-closed"]');
      await closed.waitFor();
      expect(await closed.getAttribute('data-status')).toBe('signed_off');
      await expect.poll(() => closed.textContent()).toContain('Case closed: signed off');
      await expect.poll(() => closed.textContent()).toContain('Harper Ross');
      expect(await closed.textContent()).toContain('Lee Leaving is disabled');
      expect(await page.locator('[data-testid="case-status"]').textContent()).toBe('Signed off');
      await expect.poll(() => page.locator('[data-testid="case-step-access"]').textContent()).toContain('Disabled');
      expect(await page.locator('[data-testid="case-sign-off"]').count()).toBe(0);
      await shot(page, 'offboarding-case-signed-off');

      // People read names and words on these pages, never an id or a field name.
      const body = (await page.textContent('body')) ?? '';
      for (const id of [caseId, leaver.id, hr.id, oldKey.id, mainKey.id, tenant.id]) expect(body).not.toContain(id);
      expect(body).not.toMatch(/signed_off|previous_status|user_id|opened_by|api_keys/);

      // The cases list: the closed case is found under its status, in words.
      await page.getByRole('link', { name: 'All cases' }).click();
      await page.waitForURL(/#\/offboarding(\?.*)?$/);
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'Signed off', exact: true }).click();
      const caseRow = page.locator('tbody tr', { hasText: 'Lee Leaving' });
      await caseRow.waitFor();
      expect(await caseRow.textContent()).toContain('Signed off');
      expect(await caseRow.textContent()).toContain('Harper Ross');
      await shot(page, 'offboarding-cases-list');
    });

    // The same through the API: the case is closed, the user disabled, the keys and accounts where HR put them.
    const hrCookie = await http.login(hr.email, PASSWORD);
    const detail = await http.get(`/api/v1/offboarding/${caseId}`, { cookie: hrCookie });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'signed_off',
      user_id: leaver.id,
      reason: 'Resigned: moving to another company',
      last_day: '2026-12-31',
      closed_by_id: hr.id,
      note: 'Keys and accounts handed over; dispute passed to IT.',
      api_keys: [],
      accounts_total: 0,
    });
    const user = await http.get(`/api/v1/users/${leaver.id}`, { cookie: hrCookie });
    expect(user.body.status).toBe('disabled');
    expect((await http.post('/api/v1/auth/login', { email: leaver.email, password: PASSWORD })).status).toBe(401);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: oldKey.secret })).status).toBe(401);
    expect((await http.get('/api/v1/auth/whoami', { apiKey: mainKey.secret })).status).toBe(200);
    const [owned] = await t.db.query('SELECT owner_id FROM api_key WHERE id = $1', [mainKey.id]);
    expect(owned.owner_id).toBe(keeper.id);
    const queue = await http.get('/api/v1/my-queue', { cookie: await http.login(taker.email, PASSWORD) });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.map((item: { account_id: string }) => item.account_id).sort()).toEqual([
      'OFF-PANEL-1',
      'OFF-PANEL-2',
    ]);
    const steps = await t.db.query(
      `SELECT after->>'step' AS step FROM admin_audit_log WHERE entity_type = 'offboarding_case' AND entity_id = $1 ORDER BY id`,
      [caseId],
    );
    expect(steps.map((row: { step: string }) => row.step)).toEqual([
      'open',
      'api_key_revoked',
      'api_key_handed_over',
      'accounts_reassigned',
      'signed_off',
    ]);
  });

  it("should start a case from a user's page, show the API's refusal in words, and give the access back on cancel", async () => {
    const otto = (await t.db.getRepository(User).findOneByOrFail({ tenantId: tenant.id, name: 'Otto Outside' }))!;
    await step('offboarding-hr-cancels-a-case', async (page) => {
      await signInAs(page, t.baseUrl, hr.email, PASSWORD);

      // HR may not offboard themselves: the API's message is shown as it is.
      await page.goto(`${t.baseUrl}/#/offboarding/create`);
      await pick(page, page, 'User', 'Harper', 'Harper Ross');
      await page.getByRole('textbox', { name: 'Reason' }).fill('Testing');
      await page.getByRole('button', { name: 'Save' }).click();
      await notification(page, 'You cannot open an offboarding case for yourself');
      expect(page.url()).toMatch(/#\/offboarding\/create/);

      // From the users list to Otto's page, where "Start offboarding" opens the form with Otto chosen.
      await page.locator('[data-sidebar-item="users"]').click();
      await page.locator('tbody tr', { hasText: 'Otto Outside' }).click();
      await page.waitForURL(/#\/users\/[0-9a-f-]{36}\/show/);
      await page.getByRole('link', { name: 'Start offboarding' }).waitFor();
      await shot(page, 'offboarding-user-page');
      await page.getByRole('link', { name: 'Start offboarding' }).click();
      await page.waitForURL(/#\/offboarding\/create/);
      await expect.poll(() => page.getByRole('combobox', { name: 'User' }).inputValue()).toContain('Otto Outside');
      await page.getByRole('textbox', { name: 'Reason' }).fill('Contract not renewed');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/offboarding\/[0-9a-f-]{36}\/show/);
      await page.locator('[data-testid="case-page"]').waitFor();
      expect(await page.locator('[data-testid="case-step-close-summary"]').textContent()).toContain(
        'Nothing is left with Otto Outside',
      );

      // Cancel, after confirming: Otto is active again.
      await page.locator('[data-testid="case-cancel"]').click();
      await page.getByRole('dialog').getByText('Cancel this case?').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel the case' }).click();
      await notification(page, 'Case cancelled: Otto Outside is active again');
      const closed = page.locator('[data-testid="case-closed"]');
      await closed.waitFor();
      expect(await closed.getAttribute('data-status')).toBe('cancelled');
      expect(await page.locator('[data-testid="case-status"]').textContent()).toBe('Cancelled');
      await expect.poll(() => page.locator('[data-testid="case-step-access"]').textContent()).toContain('Active');
    });

    expect((await t.db.getRepository(User).findOneByOrFail({ id: otto.id })).status).toBe('active');
    expect((await t.db.getRepository(User).findOneByOrFail({ id: hr.id })).status).toBe('active');
    expect((await http.post('/api/v1/auth/login', { email: otto.email, password: PASSWORD })).status).toBe(200);
  });
});
