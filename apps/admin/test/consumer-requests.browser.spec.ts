import { readFileSync } from 'node:fs';
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
const IT = 'it@acme-collections.demo';
const AGENT = 'agent@acme-collections.demo';
const TENANT_ADMIN = 'tenant_admin@acme-collections.demo';
const RUN = Date.now().toString(36);
const ACCOUNT = `ACC-CONSUMER-${RUN}`.toUpperCase();
/** A second number the consumer names on the call ("don't call me at work"). */
const OTHER_NUMBER = '(212) 555-0161';
const OTHER_NUMBER_E164 = '+12125550161';
/** IT's hand-made entry, typed the way people type numbers. */
const CREATED_PHONE = '212-555-0163';
const CREATED_PHONE_E164 = '+12125550163';
const IMPORTED_PHONE_E164 = '+12125550164';
const IMPORTED_EMAIL = `optout-${RUN}@example.com`;

/**
 * SPEC decided detail 8 in the panel: the agent records what the consumer said on AccountDetail (effective
 * for the very next gate check), and IT keeps the tenant's suppression list. Built bundle, real API,
 * Debian's Chromium; arranged through the real API.
 */
describe('consumer requests and the suppression list in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let apiKey = '';
  let context: BrowserContext;

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    await seedDemo(t.db, t.app.get(AdminChangesService), PASSWORD);
    http = new Http(t.baseUrl);

    // IT issues the dialer's key; the dialer uploads one clean account, where it is mid-day now.
    const itCookie = await http.login(IT, PASSWORD);
    const created = await http.post('/api/v1/api-keys', { label: 'browser-consumer-requests' }, { cookie: itCookie });
    expect(created.status, created.text).toBe(201);
    apiKey = created.body.secret as string;
    const bulk = await http.post(
      '/api/v1/accounts/bulk',
      [
        {
          account_id: ACCOUNT,
          phone_number: '+12125550142',
          phone_type: 'landline',
          state: 'NY',
          zip: '14201',
          timezone: middayZone(),
        },
      ],
      { apiKey },
    );
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.rejected, bulk.text).toBe(0);

    // Clean before anything is recorded: the gate would not block a call.
    const before = await gateVoice();
    expect(before.body, before.text).toMatchObject({ allowed: true, mode: 'shadow', would_block: false });

    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page, email: string) => signInAs(page, t.baseUrl, email);

  /** The dialer asks the gate before a call, through the API. */
  function gateVoice() {
    return http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: DEMO_TENANT, account_id: ACCOUNT, channel: 'voice' },
      { apiKey },
    );
  }

  async function openAccount(page: Page): Promise<void> {
    await page.locator('[data-sidebar-item="accounts"]').click();
    await page.waitForURL(/#\/accounts/);
    await page.locator('input[name="q"]').fill(ACCOUNT);
    const row = page.locator('tbody tr', { hasText: ACCOUNT });
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await row.click();
    await page.locator('[data-testid="account-facts"]').waitFor();
    expect(await page.locator('[data-testid="account-id"]').textContent()).toBe(ACCOUNT);
  }

  /** Opens a request's confirm dialog, lets `fill` set its fields, adds the note and records it. */
  async function record(
    page: Page,
    kind: string,
    note: string,
    fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>,
  ): Promise<void> {
    await page.locator(`[data-testid="request-${kind}"]`).click();
    const dialog = page.locator(`[data-testid="consumer-request-dialog"][data-kind="${kind}"]`);
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.locator('[data-testid="consumer-request-note"]').fill(note);
    await page.locator('[data-testid="consumer-request-confirm"]').click();
    await dialog.waitFor({ state: 'detached' });
  }

  const fact = (page: Page, key: string) => page.locator(`[data-testid="account-facts"] [data-fact="${key}"]`);
  const factSource = (page: Page, key: string) =>
    page.locator(`[data-testid="account-facts"] [data-fact-source="${key}"]`);

  it('should let the agent record a cease that the very next gate check applies', async () => {
    await step('consumer-request-agent-cease', async (page) => {
      await signIn(page, AGENT);
      await openAccount(page);
      const card = page.locator('[data-testid="consumer-requests"]');
      await card.waitFor();
      expect(await card.textContent()).toContain('Record what the consumer said');
      expect(await fact(page, 'cease_requested_at').textContent()).toContain('—');
      expect(await page.locator('[data-flag="cease_requested_at"]').count()).toBe(0);

      await record(page, 'cease', 'Consumer said: stop calling me about this debt.');
      await page.getByText('Cease recorded').waitFor();
      await expect.poll(() => factSource(page, 'cease_requested_at').textContent()).toBe('agent');
      expect(await fact(page, 'cease_requested_at').textContent()).not.toContain('—');
      await page.locator('[data-flag="cease_requested_at"]').first().waitFor();

      // Effective at once: the dialer's next check (shadow tenant) would block, because of the cease.
      const answer = await gateVoice();
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body, answer.text).toMatchObject({ allowed: true, mode: 'shadow', would_block: true });
      expect((answer.body.reasons as { rule_id: string }[]).map((reason) => reason.rule_id)).toContain('CEASE');
    });
  });

  it('should let the agent record convenient hours, an attorney and a number not to call', async () => {
    await step('consumer-request-agent-more', async (page) => {
      await signIn(page, AGENT);
      await openAccount(page);

      await record(page, 'inconvenient_times', 'Only mornings, before lunch.', async (dialog) => {
        await dialog.locator('[data-testid="consumer-request-start-hour"]').selectOption('9');
        await dialog.locator('[data-testid="consumer-request-end-hour"]').selectOption('12.5');
        await page.screenshot({ path: join(SHOTS, 'consumer-request-hours-dialog.png') });
      });
      await expect.poll(() => fact(page, 'call_window').textContent()).toContain('09:00–12:30');
      expect(await factSource(page, 'call_window').textContent()).toBe('agent');

      await record(page, 'attorney', 'Represented since last week.', async (dialog) => {
        await dialog
          .locator('[data-testid="consumer-request-attorney-contact"]')
          .fill('Jane Roe, Roe & Partners, +1 212 555 0199');
      });
      await expect.poll(() => fact(page, 'attorney_contact').textContent()).toContain('Jane Roe');
      expect(await fact(page, 'attorney_represented').textContent()).toContain('yes');
      expect(await factSource(page, 'attorney_represented').textContent()).toBe('agent');

      await record(page, 'do_not_call_number', 'Do not call me at work.', async (dialog) => {
        await dialog.locator('[data-testid="consumer-request-phone"]').fill(OTHER_NUMBER);
      });
      await page.getByText('Number added to the suppression list').waitFor();
    });

    const officer = await http.login('compliance_officer@acme-collections.demo', PASSWORD);
    const account = await http.get(`/api/v1/accounts/${ACCOUNT}`, { cookie: officer });
    expect(account.body, account.text).toMatchObject({
      call_window: { start_hour: 9, end_hour: 12.5 },
      attorney_represented: true,
    });
  });

  it('should not offer the card to a persona without consumer_requests.record', async () => {
    await step('consumer-request-tenant-admin', async (page) => {
      await signIn(page, TENANT_ADMIN);
      await openAccount(page);
      await expect.poll(() => factSource(page, 'cease_requested_at').textContent()).toBe('agent');
      expect(await page.locator('[data-testid="consumer-requests"]').count()).toBe(0);
      expect(await page.locator('[data-sidebar-item="suppression"]').count()).toBe(0);
    });
  });

  it('should let IT keep the suppression list: add, import a CSV, export and remove', async () => {
    await step('suppression-it', async (page) => {
      await signIn(page, IT);
      await page.locator('[data-sidebar-item="suppression"]').click();
      await page.waitForURL(/#\/suppression/);
      expect(await page.locator('[data-testid="expansion-plan"]').count()).toBe(0);
      // The agent's "do not call this number" is already there.
      const agentRow = page.locator('tbody tr', { hasText: OTHER_NUMBER_E164 });
      await agentRow.waitFor();
      expect(await agentRow.textContent()).toContain(ACCOUNT);
      expect(await agentRow.locator('[data-kind]').getAttribute('data-kind')).toBe('phone');

      // Add one by hand: an invalid value is refused on the field, a valid one is normalised to E.164.
      await page.getByRole('link', { name: 'Create' }).click();
      await page.waitForURL(/#\/suppression\/create/);
      await page.locator('input[name="value"]').fill('12345');
      await page.locator('input[name="reason"]').fill('Consumer request by letter');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('value is not a valid phone number').waitFor();
      await page.locator('input[name="value"]').fill(CREATED_PHONE);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/suppression(\?.*)?$/);
      await page.locator('tbody tr', { hasText: CREATED_PHONE_E164 }).waitFor();

      // Import a two-line CSV: the phone is normalised to E.164, the email to lower case.
      const csv = `kind,value,reason\nphone,+1 212 555 0164,imported ${RUN}\nemail,${IMPORTED_EMAIL.toUpperCase()},imported ${RUN}\n`;
      await page
        .locator('[data-testid="suppression-import-file"]')
        .setInputFiles({ name: 'suppression.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('Import: 2 received, 2 added, 0 duplicates, 0 rejected').waitFor();
      await page.locator('tbody tr', { hasText: IMPORTED_PHONE_E164 }).waitFor();
      const emailRow = page.locator('tbody tr', { hasText: IMPORTED_EMAIL });
      await emailRow.waitFor();
      expect(await emailRow.locator('[data-kind]').getAttribute('data-kind')).toBe('email');

      await page.screenshot({ path: join(SHOTS, 'suppression-it-imported.png'), fullPage: true });

      // Export: the server's CSV, saved by the browser.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="suppression-export"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('suppression-list.csv');
      const exported = readFileSync((await download.path())!, 'utf8');
      expect(exported.split('\n')[0]).toBe('kind,value,reason');
      for (const value of [OTHER_NUMBER_E164, CREATED_PHONE_E164, IMPORTED_PHONE_E164, IMPORTED_EMAIL])
        expect(exported).toContain(value);

      // Remove the imported email, after confirming.
      await emailRow.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog').getByText(`Remove ${IMPORTED_EMAIL} from the suppression list?`).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await page.getByText(`${IMPORTED_EMAIL} removed from the suppression list`).waitFor();
      await expect.poll(() => page.locator('tbody tr', { hasText: IMPORTED_EMAIL }).count()).toBe(0);

      // Filter by kind: the three phones remain.
      await page.getByRole('combobox', { name: 'Kind' }).click();
      await page.getByRole('option', { name: 'phone', exact: true }).click();
      const kinds = () =>
        page.locator('tbody [data-kind]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
      await expect.poll(kinds).toEqual(['phone', 'phone', 'phone']);
      await page.locator('input[name="q"]').fill('0164');
      await expect
        .poll(() => page.locator('[data-testid="suppression-value"]').allTextContents())
        .toEqual([IMPORTED_PHONE_E164]);
    });

    const itCookie = await http.login(IT, PASSWORD);
    const list = await http.get('/api/v1/suppression', { cookie: itCookie, query: { range: '[0,99]' } });
    expect(list.status, list.text).toBe(200);
    const values = (list.body as { value: string }[]).map((entry) => entry.value);
    expect(values).toEqual(expect.arrayContaining([OTHER_NUMBER_E164, CREATED_PHONE_E164, IMPORTED_PHONE_E164]));
    expect(values).not.toContain(IMPORTED_EMAIL);
  });
});
