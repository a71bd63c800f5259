import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { makeCleanAccount } from '../../api/test/support/gate';
import { Http } from '../../api/test/support/http';
import { WebhookDelivery } from '../../api/src/webhooks/webhook-delivery.entity';
import type { Tenant } from '../../api/src/tenants/tenant.entity';
import type { User } from '../../api/src/users/user.entity';

const RUN = Date.now().toString(36).toUpperCase();
const BLOCKED = `ACC-BLOCKED-${RUN}`;
const CLEAN = `ACC-CLEAN-${RUN}`;
const CLEAN_PHONE = '+12125550142';
const FIVE9_TEMPLATE = 'https://dialer.example/agent?lead={{phone_e164}}&acct={{account_id}}';
const CRM_TEMPLATE = 'https://crm.example/accounts/{{account_id}}?agent={{agent_id}}';
const CRM_SECRET = 'crm-webhook-secret-0123456789';

/** What the page passed to `window.open`, recorded instead of opening anything. */
type OpenCall = [string | undefined, string | undefined, string | undefined];

declare global {
  interface Window {
    __openCalls?: OpenCall[];
  }
}

/**
 * SPEC V1–V4, W5 and the queues in the panel: IT configures vendor cards (a `javascript:` template is refused
 * on the field), an Agent's "Open in" asks the gate first and opens the rendered URL only on allow, and a
 * Manager's assignment lands in the agent's queue. Built bundle, real API, Debian's Chromium; a fresh
 * tenant in enforce mode, arranged through the real API and the test factories.
 */
describe('vendors, deep links and queues in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let context: BrowserContext;
  let tenant: Tenant;
  let itUser: User;
  let manager: User;
  let agent: User;
  let itCookie = '';

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    http = new Http(t.baseUrl);
    tenant = await makeTenant(t.db, {
      slug: unique('deeplinks').toLowerCase(),
      legalName: 'Deep Link Collections LLC',
      enforcementMode: 'enforce',
    });
    itUser = await makeUser(t.db, tenant, ['it'], { name: 'Ivy IT' });
    manager = await makeUser(t.db, tenant, ['manager'], { name: 'Morgan Manager' });
    agent = await makeUser(t.db, tenant, ['agent'], {
      name: 'Avery Agent',
      managerId: manager.id,
      agentCode: `AG-${RUN}`,
    });
    // Both inside calling hours; the consumer of the first asked us to stop (FDCPA §1692c(c)).
    await makeCleanAccount(t.db, tenant, { accountId: BLOCKED, ceaseRequestedAt: new Date() });
    await makeCleanAccount(t.db, tenant, { accountId: CLEAN, phoneNumber: CLEAN_PHONE });
    itCookie = await http.login(itUser.email, PASSWORD);
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page, user: User) => signInAs(page, t.baseUrl, user.email, PASSWORD);

  async function vendorCard(vendor: string): Promise<Record<string, unknown>> {
    const list = await http.get('/api/v1/vendors', { cookie: itCookie });
    expect(list.status, list.text).toBe(200);
    return (list.body as { vendor: string }[]).find((card) => card.vendor === vendor) as Record<string, unknown>;
  }

  async function openVendors(page: Page): Promise<void> {
    await signIn(page, itUser);
    await page.locator('[data-sidebar-item="vendors"]').click();
    await page.waitForURL(/#\/vendors/);
    await page.locator('[data-testid="vendor-card-five9"]').waitFor();
  }

  /** Records `window.open` calls in the page instead of opening a tab. */
  async function recordWindowOpen(page: Page): Promise<void> {
    await page.addInitScript(() => {
      window.__openCalls = [];
      window.open = ((url?: string | URL, target?: string, features?: string) => {
        window.__openCalls!.push([url === undefined ? undefined : String(url), target, features]);
        return null;
      }) as typeof window.open;
    });
  }
  const openCalls = (page: Page) => page.evaluate(() => window.__openCalls ?? []);

  async function openAccount(page: Page, accountId: string): Promise<void> {
    await page.goto(`${t.baseUrl}/#/accounts/${encodeURIComponent(accountId)}/show`);
    await page.locator('[data-testid="account-facts"]').waitFor();
    expect(await page.locator('[data-testid="account-id"]').textContent()).toBe(accountId);
  }

  it('should show the error for a javascript: template on the field and save nothing', async () => {
    await step('vendors-javascript-template', async (page) => {
      await openVendors(page);
      expect(await page.locator('[data-testid^="vendor-card-"]').count()).toBe(8);
      await page.locator('[data-testid="deeplink-label-five9"]').fill('Five9');
      await page.locator('[data-testid="deeplink-template-five9"]').fill('javascript:alert(document.cookie)');
      const error = page.locator('[data-testid="deeplink-error-five9"]');
      await expect.poll(() => error.textContent()).toBe('url_template must be an http:// or https:// URL');
      await page.locator('[data-testid="vendor-save-five9"]').click();
      await page.getByText('Fix the fields marked in red before saving').waitFor();
      expect(await error.textContent()).toBe('url_template must be an http:// or https:// URL');
    });

    expect((await vendorCard('five9')).deep_link).toBeNull();
  });

  it("should show the server's field error under the field it names", async () => {
    await step('vendors-server-field-error', async (page) => {
      await openVendors(page);
      // No input the panel lets through is refused by the API (both run templateProblems), so the 400 is
      // the API's documented shape, answered in its place for this one request.
      await page.route('**/api/v1/vendors/generic', (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                status_code: 400,
                error: 'Bad Request',
                message: 'Validation failed',
                code: 'VALIDATION_FAILED',
                fields: {
                  'deep_link.url_template': [
                    'variables may appear in the path, query or fragment, not in the scheme or host',
                  ],
                },
                correlation_id: 'test',
              }),
            })
          : route.continue(),
      );
      await page.locator('[data-testid="deeplink-label-generic"]').fill('Dialer');
      await page.locator('[data-testid="deeplink-template-generic"]').fill('https://dialer.example/{{account_id}}');
      expect(await page.locator('[data-testid="deeplink-error-generic"]').count()).toBe(0);
      await page.locator('[data-testid="vendor-save-generic"]').click();
      const error = page.locator('[data-testid="deeplink-error-generic"]');
      await expect
        .poll(() => error.textContent())
        .toBe('variables may appear in the path, query or fragment, not in the scheme or host');
      // Editing the template clears the server's message.
      await page.locator('[data-testid="deeplink-template-generic"]').fill('https://dialer.example/a/{{account_id}}');
      await expect.poll(() => error.count()).toBe(0);
    });

    expect((await vendorCard('generic')).deep_link).toBeNull();
  });

  it('should save a secret write-only and a deep link, and keep the integration inventory with its sign-off', async () => {
    await step('vendors-save-and-inventory', async (page) => {
      await openVendors(page);
      const card = page.locator('[data-testid="vendor-card-crm"]');
      await page.locator('[data-testid="vendor-enabled-crm"]').check();
      await page.locator('[data-testid="vendor-secret-crm"]').fill(CRM_SECRET);
      await page.locator('[data-testid="deeplink-label-crm"]').fill('CRM');
      await page.locator('[data-testid="deeplink-category-crm"]').selectOption('other');
      await page.locator('[data-testid="deeplink-sort-crm"]').fill('10');
      await page.locator('[data-testid="deeplink-template-crm"]').fill(CRM_TEMPLATE);
      await page.locator('[data-testid="vendor-save-crm"]').click();
      await card.getByText(/Secret set at/).waitFor();
      expect(await page.locator('[data-testid="vendor-secret-crm"]').inputValue()).toBe('');
      expect(await card.textContent()).not.toContain(CRM_SECRET);
      expect(await page.locator('[data-testid="vendor-status-crm"]').textContent()).toContain('secret set');

      // The dialer's card shows where it posts and how it signs.
      expect(await page.locator('[data-testid="vendor-webhook-url-five9"]').textContent()).toContain(
        `/api/v1/webhooks/five9/${tenant.slug}`,
      );
      expect(await page.locator('[data-testid="vendor-signing-generic"]').textContent()).toContain('X-Floor-Signature');

      // Integration inventory: name the dialer, save, sign off; a later change clears the sign-off.
      const inventory = page.locator('[data-testid="integration-inventory"]');
      await inventory.locator('[data-testid="inventory-not-signed-off"]').waitFor();
      await page.locator('[data-testid="inventory-dialer"]').selectOption('five9');
      await page.locator('[data-testid="inventory-crm"]').fill('Salesforce');
      await page.locator('[data-testid="inventory-save"]').click();
      await page.getByText('Integration inventory saved').waitFor();
      await page.locator('[data-testid="inventory-sign-off"]').click();
      const signedOff = inventory.locator('[data-testid="inventory-signed-off"]');
      await signedOff.waitFor();
      expect(await signedOff.textContent()).toContain('Signed off by Ivy IT');
      await page.locator('[data-testid="inventory-payment-processor"]').fill('Stripe');
      await page.locator('[data-testid="inventory-save"]').click();
      await inventory.locator('[data-testid="inventory-not-signed-off"]').waitFor();
    });

    const crm = await vendorCard('crm');
    expect(crm).toMatchObject({
      enabled: true,
      has_secret: true,
      deep_link: {
        enabled: true,
        label: 'CRM',
        category: 'other',
        requires_gate: false,
        url_template: CRM_TEMPLATE,
        sort_order: 10,
      },
    });
    expect(JSON.stringify(crm)).not.toContain(CRM_SECRET);
    const inventory = await http.get('/api/v1/integration-inventory', { cookie: itCookie });
    expect(inventory.body, inventory.text).toMatchObject({
      dialer: 'five9',
      crm: 'Salesforce',
      payment_processor: 'Stripe',
      signed_off_by: null,
      signed_off_at: null,
    });
  });

  describe('"Open in" on AccountDetail (enforce mode)', () => {
    beforeAll(async () => {
      // The gated voice link, set up through the API.
      const five9 = await http.put(
        '/api/v1/vendors/five9',
        {
          enabled: true,
          deep_link: { enabled: true, label: 'Five9', category: 'voice', url_template: FIVE9_TEMPLATE, sort_order: 0 },
        },
        { cookie: itCookie },
      );
      expect(five9.status, five9.text).toBe(200);
      expect(five9.body.deep_link).toMatchObject({ requires_gate: true });
    });

    it('should show the reasons and statutes and open nothing when the gate blocks', async () => {
      await step('open-in-blocked', async (page) => {
        await recordWindowOpen(page);
        await signIn(page, agent);
        await openAccount(page, BLOCKED);
        const buttons = page.locator('[data-testid^="open-in-"][data-requires-gate]');
        await buttons.first().waitFor();
        // Sort order: the Five9 link (0) before the CRM link (10).
        expect(await buttons.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))).toEqual([
          'open-in-five9',
          'open-in-crm',
        ]);
        expect(await page.locator('[data-testid="open-in-five9"]').textContent()).toBe('Open in Five9');
        const pagesBefore = context.pages().length;

        await page.locator('[data-testid="open-in-five9"]').click();
        const dialog = page.locator('[data-testid="open-in-blocked"]');
        await dialog.waitFor();
        const rules = await dialog
          .locator('[data-testid="gate-reason"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule-id')));
        expect(rules).toContain('CEASE');
        const statutes = await dialog.locator('[data-testid="open-in-statutes"]').textContent();
        expect(statutes).toContain('1692c(c)');
        const auditId = await dialog.locator('[data-testid="open-in-audit-id"]').textContent();
        expect(auditId).toMatch(/\S+/);

        expect(await openCalls(page)).toEqual([]);
        expect(context.pages().length).toBe(pagesBefore);

        // The refusal is the gate's logged decision for this account.
        const officer = await makeUser(t.db, tenant, ['compliance_officer']);
        const decision = await http.get(`/api/v1/decisions/${auditId}`, {
          cookie: await http.login(officer.email, PASSWORD),
        });
        expect(decision.status, decision.text).toBe(200);
        expect(decision.body).toMatchObject({ account_id: BLOCKED, allowed: false });
      });
    });

    it('should open the rendered URL, values URL-encoded, when the gate allows', async () => {
      await step('open-in-allowed', async (page) => {
        await recordWindowOpen(page);
        await signIn(page, agent);
        await openAccount(page, CLEAN);
        await page.locator('[data-testid="open-in-five9"]').click();
        await expect.poll(() => openCalls(page)).toHaveLength(1);
        const expected = `https://dialer.example/agent?lead=${encodeURIComponent(CLEAN_PHONE)}&acct=${encodeURIComponent(CLEAN)}`;
        expect(expected).toContain('lead=%2B1212');
        expect(await openCalls(page)).toEqual([[expected, '_blank', 'noopener,noreferrer']]);
        expect(await page.locator('[data-testid="open-in-blocked"]').count()).toBe(0);
        expect(await page.locator('[data-testid="open-in-warning"]').count()).toBe(0);
      });
    });

    it('should open an ungated link (category other) without asking the gate', async () => {
      await step('open-in-ungated', async (page) => {
        await recordWindowOpen(page);
        await signIn(page, agent);
        await openAccount(page, BLOCKED);
        await page.locator('[data-testid="open-in-crm"]').click();
        await expect.poll(() => openCalls(page)).toHaveLength(1);
        const [[url]] = await openCalls(page);
        expect(url).toBe(`https://crm.example/accounts/${BLOCKED}?agent=${encodeURIComponent(`AG-${RUN}`)}`);
      });
    });
  });

  it("should let the manager assign accounts from the team queue and show them in the agent's queue", async () => {
    await step('team-queue-assign', async (page) => {
      await signIn(page, manager);
      await page.locator('[data-sidebar-item="team_queue"]').click();
      await page.waitForURL(/#\/team-queue/);
      await page.locator('[data-testid="team-queue"]').waitFor();
      await page.locator(`[data-testid="team-agent-${agent.id}"]`).waitFor();
      expect(await page.locator(`[data-testid="team-agent-${agent.id}"]`).getAttribute('data-assigned-count')).toBe(
        '0',
      );
      await page.locator('[data-testid="team-filter"]').selectOption('unassigned');
      for (const accountId of [BLOCKED, CLEAN]) {
        const row = page.locator(`[data-testid="team-row-${accountId}"]`);
        await row.waitFor();
        expect(await row.locator('[data-testid="queue-agent"]').textContent()).toBe('unassigned');
        await row.locator('input[type="checkbox"]').check();
      }
      // "Assign to" is the list's bulk action; it assigns nothing until the manager picks an agent (no default).
      await page.locator('[data-testid="assign-open"]').click();
      expect(await page.locator('[data-testid="assign-agent"]').inputValue()).toBe('');
      expect(await page.locator('[data-testid="assign-submit"]').isDisabled()).toBe(true);
      await page.locator('[data-testid="assign-agent"]').selectOption(agent.id);
      await page.locator('[data-testid="assign-priority"]').fill('70');
      await page.locator('[data-testid="assign-submit"]').click();
      await page.getByText('2 accounts assigned to Avery Agent').waitFor();
      await expect
        .poll(() => page.locator(`[data-testid="team-agent-${agent.id}"]`).getAttribute('data-assigned-count'))
        .toBe('2');
      // The unassigned view no longer holds them; the agent's view does.
      await expect.poll(() => page.locator(`[data-testid="team-row-${CLEAN}"]`).count()).toBe(0);
      await page.locator('[data-testid="team-filter"]').selectOption(agent.id);
      await page.locator(`[data-testid="team-row-${CLEAN}"]`).waitFor();
      expect(await page.locator(`[data-testid="team-row-${CLEAN}"] [data-testid="queue-agent"]`).textContent()).toBe(
        'Avery Agent',
      );

      // The team queue is a paged list: at one account a page, "next page" shows the other one.
      await page.goto(`${t.baseUrl}/#/team-queue?filter=${encodeURIComponent('{}')}&perPage=1&page=1`);
      const rows = page.locator('[data-testid="team-queue"] [data-testid^="team-row-"]');
      await expect.poll(() => rows.count()).toBe(1);
      const first = await rows.first().getAttribute('data-testid');
      await page.getByRole('button', { name: 'Go to next page' }).click();
      await expect.poll(() => rows.first().getAttribute('data-testid')).not.toBe(first);
      expect(await rows.count()).toBe(1);
      expect([first, await rows.first().getAttribute('data-testid')].sort()).toEqual(
        [`team-row-${BLOCKED}`, `team-row-${CLEAN}`].sort(),
      );
    });

    const agentCookie = await http.login(agent.email, PASSWORD);
    const mine = await http.get('/api/v1/my-queue', { cookie: agentCookie });
    expect(mine.status, mine.text).toBe(200);
    const serverOrder = (mine.body as { account_id: string }[]).map((row) => row.account_id);
    expect(serverOrder.sort()).toEqual([BLOCKED, CLEAN].sort());

    await step('my-queue', async (page) => {
      await signIn(page, agent);
      await page.locator('[data-sidebar-item="my_queue"]').click();
      await page.waitForURL(/#\/my-queue/);
      const rows = page.locator('[data-testid="my-queue"] [data-testid^="queue-row-"]');
      await expect.poll(() => rows.count()).toBe(2);
      const again = await http.get('/api/v1/my-queue', { cookie: agentCookie });
      expect(await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))).toEqual(
        (again.body as { account_id: string }[]).map((row) => `queue-row-${row.account_id}`),
      );
      const blocked = page.locator(`[data-testid="queue-row-${BLOCKED}"]`);
      expect(await blocked.locator('[data-testid="queue-priority"]').textContent()).toBe('70');
      // The earlier "Open in Five9" was refused: its decision is the row's latest one.
      expect(await blocked.locator('[data-testid="queue-decision"]').getAttribute('data-outcome')).toBe('blocked');
      expect(await blocked.textContent()).toContain('•••• 0123');
      // A cease has no reopening time of its own: the queue says so rather than "now".
      expect(await blocked.locator('[data-testid="queue-next-allowed"]').textContent()).toBe('not while blocked');
      // The account id opens AccountDetail.
      await blocked.locator('[data-testid="queue-account-link"]').click();
      await page.waitForURL(new RegExp(`#/accounts/${BLOCKED}/show`));
      await page.locator('[data-testid="account-facts"]').waitFor();
    });
  });

  it('should show webhook health to IT, with a failed delivery replayed from the list', async () => {
    const repo = t.db.getRepository(WebhookDelivery);
    const failed = await repo.save(
      repo.create({
        tenantId: tenant.id,
        vendor: 'generic',
        eventId: `evt-failed-${RUN}`,
        rawBody: '{}',
        headers: {},
        outcome: null,
        status: 'failed',
        attempts: 5,
        lastError: 'disposition must be one of answered, busy, no_answer',
      }),
    );

    await step('webhook-health', async (page) => {
      await signIn(page, itUser);
      // IT's dashboard card reads the last 24 hours and links to the page.
      const card = page.locator('[data-card="webhook_health"]');
      await card.locator('[data-testid="webhook-success-rate"]').waitFor();
      await card.getByRole('link', { name: 'Open webhook health' }).click();
      await page.waitForURL(/#\/webhook-health/);
      await page.locator('[data-testid="webhook-health"] [data-testid="health-received"]').waitFor();
      // Decided detail 19: whether the queue worker is alive shows beside the queue depth.
      await page.locator('[data-testid="webhook-health"] [data-testid="worker-heartbeat"]').waitFor();

      const row = page.locator(`[data-testid="delivery-row-${failed.id}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('failed');
      expect(await row.textContent()).toContain('disposition must be one of');
      await page.locator('[data-testid="delivery-status-filter"]').selectOption('failed');
      await page.locator(`[data-testid="replay-${failed.id}"]`).click();
      await page.getByText(`Delivery evt-failed-${RUN} queued again`).waitFor();
      // Filtered on failed, the replayed delivery (now pending) leaves the list.
      await expect.poll(() => row.count()).toBe(0);
      await page.locator('[data-testid="delivery-status-filter"]').selectOption('pending');
      await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
      expect(await page.locator(`[data-testid="replay-${failed.id}"]`).count()).toBe(0);
    });

    const list = await http.get('/api/v1/webhook-deliveries', {
      cookie: itCookie,
      query: { filter: JSON.stringify({ event_id: `evt-failed-${RUN}` }) },
    });
    expect(list.body, list.text).toMatchObject([{ id: failed.id, status: 'pending', attempts: 0 }]);
  });

  // Last: it switches the tenant to shadow mode.
  it('should open in shadow mode and warn with the reasons when enforce mode would block', async () => {
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const switched = await http.put(
      '/api/v1/compliance/enforcement',
      { mode: 'shadow' },
      { cookie: await http.login(admin.email, PASSWORD) },
    );
    expect(switched.status, switched.text).toBe(200);

    await step('open-in-shadow-would-block', async (page) => {
      await recordWindowOpen(page);
      await signIn(page, agent);
      await openAccount(page, BLOCKED);
      await page.locator('[data-testid="open-in-five9"]').click();
      const warning = page.locator('[data-testid="open-in-warning"]');
      await warning.waitFor();
      expect(
        await warning
          .locator('[data-testid="gate-reason"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule-id'))),
      ).toContain('CEASE');
      // Shadow never blocks: the link opened all the same.
      const phone = encodeURIComponent('+12125550123');
      expect(await openCalls(page)).toEqual([
        [`https://dialer.example/agent?lead=${phone}&acct=${BLOCKED}`, '_blank', 'noopener,noreferrer'],
      ]);
      expect(await page.locator('[data-testid="open-in-blocked"]').count()).toBe(0);
    });
  });
});
