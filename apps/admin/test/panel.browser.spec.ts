import {
  dashboardCardsFor,
  PLATFORM_OPERATOR,
  primaryRole,
  ROLE_IDS,
  ROLES,
  RoleId,
  sidebarFor,
} from '@floor-os/personas';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continueToPassword, launchChromium, ROOT, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { AdminChangesService } from '../../api/src/admin-changes/admin-changes.service';
import { demoLogins, seedDemo } from '../../api/src/cli/seed-demo';
import { offeredInPanel } from '../src/screens';
import { makeTenant, makeUser, PASSWORD as TEST_PASSWORD } from '../../api/test/support/factories';

const PASSWORD = 'demo-password';

/** The panel as people use it: the built bundle, served by the real API, in Debian's Chromium. */
describe('admin panel in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    await seedDemo(t.db, t.app.get(AdminChangesService), PASSWORD);
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page, email: string) => signInAs(page, t.baseUrl, email);

  async function sidebarIds(page: Page): Promise<string[]> {
    return page
      .locator('[data-sidebar-item]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-sidebar-item') ?? ''));
  }

  it.each(demoLogins().map((login) => [login.role, login.email] as [RoleId, string]))(
    'should sign %s in and show exactly the catalogue sidebar and the home dashboard',
    async (role, email) => {
      await step(`home-${role}`, async (page) => {
        await signIn(page, email);
        const isOperator = role === PLATFORM_OPERATOR;
        const view = { pilotMode: !isOperator, tenantSelected: !isOperator };
        await page.locator('[data-sidebar-item]').first().waitFor();
        expect(await sidebarIds(page)).toEqual(
          sidebarFor([role], view)
            .filter(offeredInPanel)
            .map((item) => item.id),
        );

        const dashboard = page.locator('[data-testid="dashboard"]');
        await expect.poll(() => dashboard.textContent()).toContain(ROLES[primaryRole([role])!].home.title);
        const cards = dashboardCardsFor([role], view);
        for (const card of cards) await page.locator(`[data-card="${card}"]`).waitFor();
        expect(
          await page.locator('[data-card]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-card'))),
        ).toEqual(cards);

        expect(await page.locator('[data-testid="pilot-badge"]').count()).toBe(isOperator ? 0 : 1);
        expect(await page.locator('[data-testid="tenant-switcher"]').count()).toBe(isOperator ? 1 : 0);
      });
    },
  );

  it('should show the real user counts on the Tenant Admin dashboard', async () => {
    await step('tenant-admin-dashboard-numbers', async (page) => {
      await signIn(page, 'tenant_admin@acme-collections.demo');
      const card = page.locator('[data-card="users_by_persona"]');
      await expect.poll(() => card.textContent()).toMatch(/tenant_admin|Tenant Admin/);
      await expect.poll(() => page.locator('[data-card="tenant_mode"]').textContent()).toMatch(/shadow/i);
    });
  });

  it('should let the operator switch into the demo tenant and then see its sidebar and PILOT badge', async () => {
    await step('operator-switched', async (page) => {
      await signIn(page, 'operator@floor-os.demo');
      const switcher = page.locator('[data-testid="tenant-switcher"]');
      await switcher.click();
      await page.getByRole('option', { name: /Acme Collections/ }).click();
      await page.locator('[data-testid="pilot-badge"]').waitFor({ timeout: 20_000 });
      await expect
        .poll(() => sidebarIds(page))
        .toEqual(
          sidebarFor([PLATFORM_OPERATOR], { pilotMode: true, tenantSelected: true })
            .filter(offeredInPanel)
            .map((i) => i.id),
        );
    });
  });

  it('should render the roles tour from the catalogue without signing in', async () => {
    await step('roles-tour', async (page) => {
      await page.goto(`${t.baseUrl}/#/demo/roles`);
      await page.locator('[data-persona]').first().waitFor();
      const personas = await page
        .locator('[data-persona]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-persona')));
      expect([...personas].sort()).toEqual([...ROLE_IDS].sort());
      const text = (await page.textContent('body')) ?? '';
      for (const id of ROLE_IDS) expect(text).toContain(ROLES[id].home.title);
    });
  });

  it('should show HR the users list read-only', async () => {
    await step('hr-users', async (page) => {
      await signIn(page, 'hr@acme-collections.demo');
      await page.goto(`${t.baseUrl}/#/users`);
      await page.getByText('agent@acme-collections.demo').waitFor();
      expect(await page.getByRole('link', { name: /create/i }).count()).toBe(0);
    });
  });

  it('should refuse a wrong password with a visible message', async () => {
    await step('login-refused', async (page) => {
      await continueToPassword(page, t.baseUrl, 'agent@acme-collections.demo');
      await page.locator('input[name="password"]').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Email or password is wrong').waitFor();
    });
  });

  it('should show a deferred surface outside pilot mode as one plain page about the expansion plan, and offer no screen that is not built', async () => {
    const tenant = await makeTenant(t.db, { pilotMode: false });
    const manager = await makeUser(t.db, tenant, ['manager']);
    const hr = await makeUser(t.db, tenant, ['hr']);
    await step('deferred-coaching', async (page) => {
      await signInAs(page, t.baseUrl, manager.email, TEST_PASSWORD);
      await page.locator('[data-sidebar-item="coaching"]').waitFor();
      await page.locator('[data-sidebar-item="coaching"]').click();
      const plan = page.locator('[data-testid="expansion-plan"]');
      await plan.waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Coaching belongs to Floor OS');
      expect(text).toContain('Day 60');
      expect(text).not.toMatch(/not available|SPEC|\bT3\b/);
    });
    await step('hr-sidebar-offers-built-screens', async (page) => {
      await signInAs(page, t.baseUrl, hr.email, TEST_PASSWORD);
      await page.locator('[data-sidebar-item]').first().waitFor();
      const ids = await sidebarIds(page);
      expect(ids).toContain('users');
      for (const id of ids)
        expect(offeredInPanel({ id } as Parameters<typeof offeredInPanel>[0]) || id === 'home', id).toBe(true);
    });
  });
});
