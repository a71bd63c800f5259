import { RULES } from '@floor-os/rules';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { middayZone } from '../../api/test/support/gate';
import { Http } from '../../api/test/support/http';
import { AdminChangesService } from '../../api/src/admin-changes/admin-changes.service';
import { DEMO_TENANT, seedDemo } from '../../api/src/cli/seed-demo';

const PASSWORD = 'demo-password';
const OFFICER = 'compliance_officer@acme-collections.demo';
const IT = 'it@acme-collections.demo';
const AGENT = 'agent@acme-collections.demo';
const CLEAN = 'ACC-CLEAN';
const BANKRUPT = 'ACC-BANKRUPT';
const CHECKS_PER_ACCOUNT = 2;
const BANKRUPTCY_STATUTE = RULES.find((rule) => rule.id === 'BANKRUPTCY')!.statute;

/** `YYYY-MM-DDTHH:mm` in this machine's zone (the browser runs here too): what a datetime-local input takes. */
function localMinute(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * SPEC A1–A4, G9, V3 in the panel: the audit trail, its drill-down and disputes, and AccountDetail with the
 * gate door — built bundle, real API, Debian's Chromium. Everything is arranged through the real API.
 */
describe('audit trail, disputes and accounts in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let context: BrowserContext;
  /** Decisions of this suite are newer than this (the list is filtered from here; rows other suites left in the same minutes are told apart by account). */
  let since: Date;
  const note = `Bankruptcy was dismissed last month: the flag is stale (${Date.now().toString(36)})`;
  let disputedAuditId = '';

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    await seedDemo(t.db, t.app.get(AdminChangesService), PASSWORD);
    http = new Http(t.baseUrl);
    since = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);

    // IT issues the dialer's key; the dialer uploads two accounts and asks the gate before each call.
    const itCookie = await http.login(IT, PASSWORD);
    const created = await http.post('/api/v1/api-keys', { label: 'browser-dialer' }, { cookie: itCookie });
    expect(created.status, created.text).toBe(201);
    const apiKey = created.body.secret as string;
    const timezone = middayZone();
    const bulk = await http.post(
      '/api/v1/accounts/bulk',
      [
        {
          account_id: CLEAN,
          phone_number: '+12125550123',
          phone_type: 'landline',
          state: 'NY',
          zip: '14201',
          timezone,
        },
        {
          account_id: BANKRUPT,
          phone_number: '+12125550187',
          phone_type: 'landline',
          state: 'NY',
          zip: '14201',
          timezone,
          bankruptcy_flag: true,
          bankruptcy_status: 'open',
        },
      ],
      { apiKey },
    );
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.rejected, bulk.text).toBe(0);
    for (const accountId of [CLEAN, BANKRUPT]) {
      for (let i = 0; i < CHECKS_PER_ACCOUNT; i++) {
        const answer = await http.post(
          '/api/v1/compliance/contact-check',
          { tenant_id: DEMO_TENANT, account_id: accountId, channel: 'voice' },
          { apiKey },
        );
        expect(answer.status, answer.text).toBe(200);
        // The demo tenant is in shadow: both are allowed; only the bankrupt account would block.
        expect(answer.body).toMatchObject({ allowed: true, mode: 'shadow', would_block: accountId === BANKRUPT });
      }
    }

    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page, email: string) => signInAs(page, t.baseUrl, email);

  /** Picks an option of a react-admin SelectInput by its label. */
  /**
   * Picks an option of a select. A form that is still receiving its record re-renders the select and closes
   * its open menu under the click, so the pick is tried again until the select shows the option.
   */
  async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
    const select = page.getByRole('combobox', { name: label });
    await expect
      .poll(
        async () => {
          if ((await select.textContent())?.trim() === option) return option;
          await select.click();
          await page
            .getByRole('option', { name: option, exact: true })
            .click({ timeout: 2_000 })
            .catch(() => page.keyboard.press('Escape'));
          return (await select.textContent())?.trim();
        },
        { timeout: 20_000, intervals: [250] },
      )
      .toBe(option);
  }

  it('should let the Compliance Officer filter would_block decisions, drill into one and dispute it to IT', async () => {
    await step('audit-trail-officer', async (page) => {
      await signIn(page, OFFICER);
      const banner = page.locator('[data-testid="shadow-banner"]');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(
        /Shadow mode: the gate decides and logs every contact but never blocks/,
      );

      // The catalogue's "Audit trail" item lands on the decisions list.
      await page.locator('[data-sidebar-item="audit_trail"]').click();
      await page.waitForURL(/#\/decisions/);
      await page.locator('[data-testid="decision-account"]').first().waitFor();
      expect(await page.getByRole('link', { name: /create/i }).count()).toBe(0);

      // This suite's rows: another browser suite of the run may have asked the gate about the demo tenant's
      // own accounts a minute earlier, inside the same time window.
      const ownAccounts = async () =>
        (await page.locator('[data-testid="decision-account"]').allTextContents()).filter(
          (account) => account === CLEAN || account === BANKRUPT,
        );
      await page.locator('input[name="created_at_gte"]').fill(localMinute(since));
      await expect.poll(ownAccounts).toHaveLength(2 * CHECKS_PER_ACCOUNT);
      await choose(page, 'Outcome', 'Would block');
      await expect.poll(ownAccounts).toEqual(Array(CHECKS_PER_ACCOUNT).fill(BANKRUPT));
      expect(
        new Set(
          await page
            .locator('tbody [data-outcome]')
            .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-outcome'))),
        ),
      ).toEqual(new Set(['would_block']));
      await page.screenshot({ path: join(SHOTS, 'audit-trail-would-block-list.png'), fullPage: true });

      // The drill-down: outcome, the rule that fired with its statute, the facts it read.
      await page.locator('[data-testid="decision-account"]', { hasText: BANKRUPT }).first().click();
      await page.waitForURL(/#\/decisions\/ccs_[^/]+\/show/);
      disputedAuditId = decodeURIComponent(/#\/decisions\/([^/]+)\/show/.exec(page.url())![1]);
      await expect
        .poll(() => page.locator('[data-testid="decision-outcome"]').getAttribute('data-outcome'))
        .toBe('would_block');
      expect(await page.locator('[data-testid="decision-outcome"]').textContent()).toBe('Would block');
      expect(await page.locator('[data-testid="decision-name"]').textContent()).toMatch(new RegExp(`^${BANKRUPT} · `));
      expect(await page.locator('[data-testid="decision-audit-id"]').textContent()).toBe(disputedAuditId);
      expect(await page.locator('[data-testid="decision-mode"]').textContent()).toBe('Shadow');
      const finding = page.locator('[data-testid="finding-row"][data-rule-id="BANKRUPTCY"]');
      await finding.waitFor();
      expect(await finding.locator('[data-testid="finding-statute"]').textContent()).toBe(BANKRUPTCY_STATUTE);
      expect(
        await page.locator('[data-testid="decision-facts"] [data-fact="bankruptcy_flag"]').textContent(),
      ).toContain('yes');
      await page.locator('[data-testid="candidate-zones"]').waitFor();
      expect(await page.locator('[data-testid="annotation-row"]').count()).toBe(0);

      // Dispute it: a data-quality note routed to IT.
      const form = page.locator('[data-testid="annotation-form"]');
      await form.locator('textarea[name="note"]').fill(note);
      await choose(page, 'Category', 'Data quality');
      await form.locator('input[name="route_to_it"]').check();
      await form.getByRole('button', { name: 'File annotation' }).click();
      const row = page.locator('[data-testid="annotation-row"]');
      await expect.poll(() => row.count()).toBe(1);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(note);
      expect(text).toContain('Data quality');
      expect(text).toContain('IT');
      expect(text).toContain('open');
      expect(text).toContain(OFFICER);

      // The account behind it, opened by account id; the officer reads it but has no gate door (no deep_links.open).
      await page.locator('[data-testid="decision-header"]').getByRole('link', { name: BANKRUPT }).click();
      await page.locator('[data-testid="account-facts"]').waitFor();
      expect(await page.locator('[data-testid="account-id"]').textContent()).toBe(BANKRUPT);
      await page.locator('[data-testid="recent-decisions"] [data-testid="recent-decision-row"]').first().waitFor();
      expect(await page.locator('[data-testid="gate-check-voice"]').count()).toBe(0);
    });
  });

  it('should let IT open the dispute and resolve it with a resolution note', async () => {
    expect(disputedAuditId).toMatch(/^ccs_/);
    await step('disputes-it-resolves', async (page) => {
      await signIn(page, IT);
      await page.locator('[data-testid="shadow-banner"]').waitFor();
      await page.locator('[data-sidebar-item="disputes"]').click();
      await page.waitForURL(/#\/disputes/);
      const row = page.locator('tbody tr', { hasText: note });
      await row.waitFor();
      expect(await row.locator('[data-audit-id]').getAttribute('data-audit-id')).toBe(disputedAuditId);
      expect(await row.textContent()).toContain(BANKRUPT);
      await row.click();
      await page.waitForURL(/#\/disputes\/[^/]+$/);

      await choose(page, 'Status', 'Resolved');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Say how the dispute was resolved').waitFor();
      await page
        .locator('textarea[name="resolution"]')
        .fill('Bankruptcy status corrected to dismissed in the CRM; re-imported.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/disputes(\?.*)?$/);
      await page.locator('textarea[name="resolution"]').waitFor({ state: 'detached' });

      // Open disputes are the default view; the resolved one is under "resolved".
      await choose(page, 'Status', 'Resolved');
      const resolved = page.locator('tbody tr', { hasText: note });
      await resolved.waitFor();
      expect(await resolved.locator('[data-status]').getAttribute('data-status')).toBe('resolved');
    });

    const officer = await http.login(OFFICER, PASSWORD);
    const decision = await http.get(`/api/v1/decisions/${disputedAuditId}`, { cookie: officer });
    expect(decision.body.annotations).toMatchObject([
      { note, status: 'resolved', routed_to: 'it', resolution: expect.stringContaining('dismissed') },
    ]);
  });

  it('should show the agent AccountDetail and ask the gate before contact', async () => {
    await step('account-detail-agent', async (page) => {
      await signIn(page, AGENT);
      await page.locator('[data-sidebar-item="accounts"]').click();
      await page.waitForURL(/#\/accounts/);
      const bankruptRow = page.locator('tbody tr', { hasText: BANKRUPT });
      await bankruptRow.waitFor();
      expect(await bankruptRow.locator('[data-flag="bankruptcy_flag"]').count()).toBe(1);
      await bankruptRow.click();

      const facts = page.locator('[data-testid="account-facts"]');
      await facts.waitFor();
      expect(await facts.locator('[data-fact="bankruptcy_flag"]').textContent()).toContain('yes');
      expect(await facts.locator('[data-fact-source="bankruptcy_flag"]').textContent()).toBe('api');
      const recent = page.locator('[data-testid="recent-decisions"] [data-testid="recent-decision-row"]');
      await expect.poll(() => recent.count()).toBeGreaterThanOrEqual(CHECKS_PER_ACCOUNT);
      await page.locator('[data-testid="contact-history"]').waitFor();

      // Shadow: allowed, with the would-block reasons and the audit id.
      await page.locator('[data-testid="gate-check-voice"]').click();
      const answer = page.locator('[data-testid="gate-answer"]');
      await answer.waitFor();
      expect(await answer.getAttribute('data-allowed')).toBe('true');
      expect(await answer.getAttribute('data-would-block')).toBe('true');
      expect(await answer.locator('[data-testid="gate-reason"][data-rule-id="BANKRUPTCY"]').count()).toBe(1);
      expect(await answer.locator('[data-testid="gate-audit-id"]').textContent()).toMatch(/^ccs_/);
      await expect.poll(() => recent.count()).toBeGreaterThanOrEqual(CHECKS_PER_ACCOUNT + 1);
    });
  });
});
