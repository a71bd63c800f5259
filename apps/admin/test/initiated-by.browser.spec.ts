import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { makeCleanAccount, zoneAtHour } from '../../api/test/support/gate';
import { Http } from '../../api/test/support/http';
import type { User } from '../../api/src/users/user.entity';

const RUN = Date.now().toString(36).toUpperCase();
const LATE = `ACC-LATE-${RUN}`;

declare global {
  interface Window {
    __opened?: string[];
  }
}

/**
 * SPEC G10 in the panel: on AccountDetail an agent says who started the contact — the consumer calling in at
 * 22:00 their time on an account with a cease request is let through with the gate's warnings, where the
 * collector's own call is refused — and the drill-down says it in words. Built bundle, real API, Chromium;
 * a fresh tenant in enforce mode.
 */
describe('who started the contact, in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let context: BrowserContext;
  let agent: User;
  let officer: User;
  let inboundAuditId = '';

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    http = new Http(t.baseUrl);
    const tenant = await makeTenant(t.db, {
      slug: unique('inbound').toLowerCase(),
      legalName: 'Inbound Collections LLC',
      enforcementMode: 'enforce',
    });
    agent = await makeUser(t.db, tenant, ['agent'], { name: 'Avery Agent', agentCode: `AG-${RUN}` });
    officer = await makeUser(t.db, tenant, ['compliance_officer'], { name: 'Olive Officer' });
    const it = await makeUser(t.db, tenant, ['it']);
    await makeCleanAccount(t.db, tenant, { accountId: LATE, timezone: zoneAtHour(22), ceaseRequestedAt: new Date() });
    const itCookie = await http.login(it.email, PASSWORD);
    const link = (label: string, category: string) => ({
      enabled: true,
      deep_link: {
        enabled: true,
        label,
        category,
        url_template: `https://${category}.example/?lead={{phone_e164}}`,
        sort_order: 0,
      },
    });
    expect((await http.put('/api/v1/vendors/five9', link('Five9', 'voice'), { cookie: itCookie })).status).toBe(200);
    expect((await http.put('/api/v1/vendors/sms', link('Texts', 'sms'), { cookie: itCookie })).status).toBe(200);
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const rulesIn = (page: Page, selector: string) =>
    page
      .locator(`${selector} [data-testid="gate-reason"]`)
      .evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute('data-rule-id')}:${node.getAttribute('data-severity')}`),
      );

  async function openAccount(page: Page): Promise<void> {
    await page.addInitScript(() => {
      window.__opened = [];
      window.open = ((url?: string | URL) => {
        window.__opened!.push(String(url));
        return null;
      }) as typeof window.open;
    });
    await signInAs(page, t.baseUrl, agent.email, PASSWORD);
    await page.goto(`${t.baseUrl}/#/accounts/${encodeURIComponent(LATE)}/show`);
    await page.locator('[data-testid="account-facts"]').waitFor();
  }

  it("should check an inbound call at 22:00 with the gate's warnings where the collector's call is refused", async () => {
    await step('initiated-by-gate-check', async (page) => {
      await openAccount(page);
      // One question for the whole action bar ("Open in" and "Check before contact").
      const choice = page.locator('[data-testid="initiated-by"]');
      await choice.getByText('Who started this contact?').waitFor();
      expect(await page.getByText('Who started this contact?').count()).toBe(1);
      expect(await choice.getAttribute('data-value')).toBe('collector');

      // The collector's call: refused (calling hours and the cease request).
      await page.locator('[data-testid="gate-check-voice"]').click();
      const dialog = page.locator('[role="dialog"]');
      await dialog.getByText('Voice contact not allowed').waitFor();
      expect(await rulesIn(page, '[role="dialog"]')).toEqual(['CEASE:block', 'CALL_HOURS:block']);
      await dialog.getByRole('button', { name: 'Understood' }).click();

      // The consumer called in: SMS and email wait for the collector, the call is let through with warnings.
      await choice.getByLabel('The consumer (inbound call or a payment they start)').check();
      expect(await choice.getAttribute('data-value')).toBe('consumer');
      expect(await page.locator('[data-testid="gate-check-sms"]').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid="gate-check-email"]').isDisabled()).toBe(true);
      await page.locator('[data-testid="initiated-by-hint"]').waitFor();
      await page.locator('[data-testid="gate-check-voice"]').click();
      const answer = page.locator('[data-testid="gate-answer"][data-allowed="true"]');
      await answer.getByText('Voice (inbound call): allowed').waitFor();
      expect(await rulesIn(page, '[data-testid="gate-answer"]')).toEqual(['CEASE:warn', 'CALL_HOURS:warn']);
      expect(await answer.textContent()).toContain('the consumer called in and chose the time');
      inboundAuditId = (await answer.locator('[data-testid="gate-audit-id"]').textContent()) ?? '';
      expect(inboundAuditId).toMatch(/^ccs_/);
    });
  });

  it('should open a voice link for an inbound call, and offer no text link when the consumer started the contact', async () => {
    await step('initiated-by-open-in', async (page) => {
      await openAccount(page);
      const choice = page.locator('[data-testid="initiated-by"]');
      await choice.waitFor();
      await choice.getByLabel('The consumer (inbound call or a payment they start)').check();
      expect(await page.locator('[data-testid="open-in-sms"]').isDisabled()).toBe(true);
      await page.locator('[data-testid="open-in-five9"]').click();
      const notes = page.locator('[data-testid="open-in-notes"]');
      await notes.waitFor();
      expect(await rulesIn(page, '[data-testid="open-in-notes"]')).toEqual(['CEASE:warn', 'CALL_HOURS:warn']);
      expect(await page.evaluate(() => window.__opened)).toEqual([
        `https://voice.example/?lead=${encodeURIComponent('+12125550123')}`,
      ]);
    });
  });

  it('should say who started the contact in the drill-down', async () => {
    await step('initiated-by-drilldown', async (page) => {
      await signInAs(page, t.baseUrl, officer.email, PASSWORD);
      await page.goto(`${t.baseUrl}/#/decisions/${encodeURIComponent(inboundAuditId)}/show`);
      const who = page.locator('[data-testid="decision-initiated-by"]');
      await who.waitFor();
      expect(await who.textContent()).toBe('Started by the consumer (inbound call)');
      expect(await page.locator('[data-testid="outcome-row"]').textContent()).toContain('no (the consumer called in)');
      expect(await page.locator('[data-testid="finding-row"][data-rule-id="CALL_HOURS"]').textContent()).toContain(
        'warn',
      );
    });
  });
});
