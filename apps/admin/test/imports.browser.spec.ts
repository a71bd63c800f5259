import type { INestApplicationContext } from '@nestjs/common';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp, testConfig } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import { startWorker } from '../../api/src/worker';
import type { User } from '../../api/src/users/user.entity';
import type { ImportView } from '@floor-os/contracts';

const RUN = Date.now().toString(36).toUpperCase();
const ROWS = 200;
const FILENAME = `placement-${RUN}.csv`;
const FLOW_BUDGET_MS = 60_000;

// Rows the file gets wrong on purpose (1-based data rows), and the ones in bankruptcy.
const BAD_PHONE = new Set([17, 58, 133]);
const BAD_STATE = new Set([41, 150]);
const NO_ACCOUNT_ID = new Set([77, 190]);
const REJECTED = BAD_PHONE.size + BAD_STATE.size + NO_ACCOUNT_ID.size;
const isBankrupt = (row: number) => row % 20 === 0;
// No consent on file: not a block at intake (the gate weighs consent at contact time), so these rows stay unblocked.
const lacksConsent = (row: number) => row % 25 === 0;
const STATES = ['NY', 'CA', 'TX', 'FL', 'IL'];

const DATA_ROWS = Array.from({ length: ROWS }, (_, index) => index + 1);
const VALID_ROWS = DATA_ROWS.filter((row) => !BAD_PHONE.has(row) && !BAD_STATE.has(row) && !NO_ACCOUNT_ID.has(row));
// The automatic stay (11 U.S.C. § 362) blocks every bankrupt account.
const BLOCKED = VALID_ROWS.filter(isBankrupt).length;

const accountIdOf = (row: number) => `IMP-${RUN}-${String(row).padStart(4, '0')}`;

/**
 * A placement file as agencies send them: none of the headers is a canonical field name; `Acct Ref` and
 * `Contact Phone` match no alias either, so the wizard cannot suggest them and they are dragged by hand.
 * Names are quoted and hold commas (one a doubled quote).
 */
function placementCsv(): string {
  const lines = ['Acct Ref,Contact Phone,ST,Balance Due,Bankrupt?,TCPA Consent,Customer Name'];
  for (let row = 1; row <= ROWS; row++) {
    const accountId = NO_ACCOUNT_ID.has(row) ? '' : accountIdOf(row);
    const phone = BAD_PHONE.has(row)
      ? '555-1234'
      : `(212) 4${String(row % 100).padStart(2, '0')}-${String(row).padStart(4, '0')}`;
    const state = BAD_STATE.has(row) ? 'ZZ' : STATES[row % STATES.length];
    const balance = (row * 13.37).toFixed(2);
    const name = row % 50 === 0 ? `"O""Brien, Pat ${row}"` : `"Doe, Jane ${row}"`;
    lines.push(
      [accountId, phone, state, balance, isBankrupt(row) ? 'Y' : 'N', lacksConsent(row) ? 'N' : 'Y', name].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * SPEC I1–I5 in the panel: IT of a fresh tenant drops a 200-row CSV on the wizard, sees the 25-row preview,
 * drags the unsuggested columns onto their fields, confirms, watches the job, applies at the review stop and
 * reads the intake report — all within a minute. Built bundle, real API and queue worker, Debian's Chromium.
 */
describe('the import wizard in Chromium', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let http: Http;
  let context: BrowserContext;
  let itUser: User;
  let itCookie = '';
  let adminCookie = '';
  let importId = '';
  let flowStartedAt = 0;
  let flowMs = 0;

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    // The import job runs on the queue: without a worker it would stay `queued`.
    worker = await startWorker(testConfig());
    http = new Http(t.baseUrl);
    const tenant = await makeTenant(t.db, {
      slug: unique('imports').toLowerCase(),
      legalName: 'Import Collections LLC',
    });
    itUser = await makeUser(t.db, tenant, ['it'], { name: 'Ivy IT' });
    // IT writes accounts but does not read them; the Tenant Admin checks what landed.
    const admin = await makeUser(t.db, tenant, ['tenant_admin'], { name: 'Ada Admin' });
    itCookie = await http.login(itUser.email, PASSWORD);
    adminCookie = await http.login(admin.email, PASSWORD);
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await worker?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const signIn = (page: Page) => signInAs(page, t.baseUrl, itUser.email, PASSWORD);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const target = (page: Page, field: string) => page.locator(`[data-testid="map-target-${field}"]`);
  const statusOf = (page: Page, field: string) => target(page, field).getAttribute('data-status');
  const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? '';

  async function importView(): Promise<ImportView> {
    const view = await http.get<ImportView>(`/api/v1/imports/${importId}`, { cookie: itCookie });
    expect(view.status, view.text).toBe(200);
    return view.body;
  }

  /** Accounts of this run, counted by the list's `Content-Range` total. */
  async function importedAccounts(prefix = `IMP-${RUN}`): Promise<number> {
    const list = await http.get('/api/v1/accounts', {
      cookie: adminCookie,
      query: { filter: JSON.stringify({ q: prefix }), range: '[0,0]' },
    });
    expect(list.status, list.text).toBe(200);
    return Number(list.headers.get('content-range')?.split('/').pop());
  }

  it('should upload, preview and map a CSV by dragging headers, then confirm and show the progress', async () => {
    expect(await importedAccounts()).toBe(0);

    await step('imports-upload-and-map', async (page) => {
      flowStartedAt = Date.now();
      await signIn(page);
      await page.locator('[data-sidebar-item="imports"]').click();
      await page.waitForURL(/#\/imports$/);
      await page.locator('[data-testid="import-history"] [data-testid="imports-empty"]').waitFor();
      await page.locator('[data-testid="import-new"]').click();
      await page.waitForURL(/#\/imports\/new$/);

      // The file goes in through the drop zone's file input; the format follows the extension.
      await page.locator('[data-testid="import-dropzone"]').waitFor();
      await page
        .locator('[data-testid="import-file"]')
        .setInputFiles({ name: FILENAME, mimeType: 'text/csv', buffer: Buffer.from(placementCsv()) });
      expect(await textOf(page.locator('[data-testid="import-file-name"]'))).toContain(FILENAME);
      expect(await page.locator('[data-testid="import-format"]').inputValue()).toBe('csv');
      expect(await page.locator('[data-testid="import-target"]').inputValue()).toBe('accounts');
      await page.locator('[data-testid="import-upload"]').click();

      // The import's own address, so a reload resumes it.
      await page.waitForURL(/#\/imports\/[0-9a-f-]{36}$/);
      importId = page.url().split('/').pop()!;

      // Preview: the first 25 records, the source headers as columns, quoted commas kept.
      const preview = page.locator('[data-testid="import-preview"]');
      await preview.waitFor();
      expect(await preview.locator('[data-testid^="preview-row-"]').count()).toBe(25);
      const headers = await preview
        .locator('[data-preview-header]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-preview-header')));
      expect(headers).toEqual([
        'Acct Ref',
        'Contact Phone',
        'ST',
        'Balance Due',
        'Bankrupt?',
        'TCPA Consent',
        'Customer Name',
      ]);
      expect(await textOf(preview)).toContain('Doe, Jane 1');

      // Suggested from aliases: ST, Balance Due, Bankrupt?, TCPA Consent. Not the account id or the phone: red, confirm off.
      const confirm = page.locator('[data-testid="import-confirm"]');
      await expect.poll(() => statusOf(page, 'state')).toBe('mapped');
      expect(await statusOf(page, 'balance')).toBe('mapped');
      expect(await statusOf(page, 'bankruptcy_flag')).toBe('mapped');
      expect(await statusOf(page, 'autodial_consent')).toBe('mapped');
      expect(await statusOf(page, 'last_contact_at')).toBe('recommended-missing');
      expect(await statusOf(page, 'zip')).toBe('optional');
      expect(await statusOf(page, 'account_id')).toBe('required-missing');
      expect(await statusOf(page, 'phone_number')).toBe('required-missing');
      expect(await confirm.isDisabled()).toBe(true);

      // Drag the headers onto their fields: red turns green; confirm waits for the last required one.
      await page.locator('[data-testid="map-source-Acct Ref"]').dragTo(target(page, 'account_id'));
      await expect.poll(() => statusOf(page, 'account_id')).toBe('mapped');
      expect(await target(page, 'account_id').getAttribute('data-mapped-to')).toBe('Acct Ref');
      expect(await confirm.isDisabled()).toBe(true);
      await page.locator('[data-testid="map-source-Contact Phone"]').dragTo(target(page, 'phone_number'));
      await expect.poll(() => statusOf(page, 'phone_number')).toBe('mapped');
      await expect.poll(() => confirm.isEnabled()).toBe(true);

      // Clearing a required field turns it red again and turns confirm off; dragging it back restores both.
      await page.locator('[data-testid="map-clear-state"]').click();
      expect(await statusOf(page, 'state')).toBe('required-missing');
      expect(await confirm.isDisabled()).toBe(true);
      await page.locator('[data-testid="map-source-ST"]').dragTo(target(page, 'state'));
      await expect.poll(() => statusOf(page, 'state')).toBe('mapped');
      await expect.poll(() => confirm.isEnabled()).toBe(true);

      // Saved on its own; the preview rows are checked with it: row 17's phone fails.
      await expect
        .poll(() => page.locator('[data-testid="mapping-save-state"]').getAttribute('data-state'), { timeout: 10_000 })
        .toBe('saved');
      const checks = page.locator('[data-testid="preview-checks"]');
      await expect.poll(() => checks.getAttribute('data-failing'), { timeout: 10_000 }).toBe('1');
      expect(await checks.getAttribute('data-checked')).toBe('25');
      expect(await textOf(checks.locator('[data-testid^="preview-check-"]'))).toContain('phone_number');
      await shot(page, 'imports-mapping');

      const saved = await importView();
      expect(saved).toMatchObject({
        status: 'mapped',
        mapping: {
          account_id: 'Acct Ref',
          phone_number: 'Contact Phone',
          state: 'ST',
          balance: 'Balance Due',
          bankruptcy_flag: 'Bankrupt?',
          autodial_consent: 'TCPA Consent',
        },
      });

      // Confirm starts the job; the wizard follows it with a live bar and a cancel button.
      await confirm.click();
      await page.locator('[data-testid="import-progress"]').waitFor({ timeout: 5_000 });
      await page.locator('[data-testid="import-cancel"]').waitFor();
      await shot(page, 'imports-progress');
    });
  });

  it('should resume at the review stop, apply, and report the counts the API and the accounts hold', async () => {
    expect(importId).toMatch(/^[0-9a-f-]{36}$/);
    const report: Record<string, string> = {};

    await step('imports-review-apply-report', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/imports/${importId}`);

      // The review stop: every row checked and staged, nothing written yet.
      const apply = page.locator('[data-testid="import-apply"]');
      await apply.waitFor({ timeout: 30_000 });
      expect(await textOf(page.locator('[data-testid="summary-total"]'))).toBe(String(ROWS));
      expect(await textOf(page.locator('[data-testid="summary-valid"]'))).toBe(String(ROWS - REJECTED));
      expect(await textOf(page.locator('[data-testid="summary-rejected"]'))).toBe(String(REJECTED));
      expect(await textOf(page.locator('[data-testid="summary-blocked"]'))).toBe(String(BLOCKED));
      expect(await importedAccounts()).toBe(0);
      await shot(page, 'imports-review');

      await apply.click();
      await page.locator('[data-testid="import-progress"]').waitFor({ timeout: 5_000 });

      const shown = page.locator('[data-testid="import-report"]');
      await shown.waitFor({ timeout: 30_000 });
      flowMs = Date.now() - flowStartedAt;
      for (const id of ['total', 'valid', 'rejected', 'blocked', 'duplicates', 'inserted', 'updated', 'unchanged']) {
        report[id] = await textOf(page.locator(`[data-testid="report-${id}"]`));
      }
      // A bar per statute: here the automatic stay, for the bankrupt accounts.
      const chart = page.locator('[data-testid="blocks-chart"]');
      expect(await chart.getAttribute('data-statutes')).toBe('1');
      await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBe(1);
      expect(await textOf(chart)).toContain('362');
      expect(await page.locator('[data-testid="rejected-download"]').getAttribute('href')).toBe(
        `/api/v1/imports/${importId}/rejected.csv`,
      );
    });

    expect(flowMs).toBeGreaterThan(0);
    expect(flowMs).toBeLessThan(FLOW_BUDGET_MS);

    const view = await importView();
    expect(view.status).toBe('completed');
    expect(view.counts).toEqual({
      total_rows: ROWS,
      valid_rows: ROWS - REJECTED,
      rejected_rows: REJECTED,
      blocked_rows: BLOCKED,
      duplicate_rows: 0,
      inserted: ROWS - REJECTED,
      updated: 0,
      unchanged: 0,
    });
    const blocks = Object.entries(view.blocks_by_statute);
    expect(blocks).toHaveLength(1);
    expect(blocks[0][0]).toContain('362');
    expect(blocks[0][1]).toBe(BLOCKED);
    // The panel shows exactly the API's numbers.
    expect(report).toEqual({
      total: String(view.counts.total_rows),
      valid: String(view.counts.valid_rows),
      rejected: String(view.counts.rejected_rows),
      blocked: String(view.counts.blocked_rows),
      duplicates: String(view.counts.duplicate_rows),
      inserted: String(view.counts.inserted),
      updated: String(view.counts.updated),
      unchanged: String(view.counts.unchanged),
    });
    // And the accounts are there: the valid rows, no more.
    expect(await importedAccounts()).toBe(view.counts.inserted);

    const rejected = await http.get(`/api/v1/imports/${importId}/rejected.csv`, { cookie: itCookie });
    expect(rejected.status).toBe(200);
    expect(rejected.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = rejected.text.trim().split(/\r?\n/);
    expect(header).toBe('line,account_id,field,reason');
    const rejectedLines = new Set(lines.map((line) => line.split(',')[0]));
    expect(rejectedLines.size).toBe(REJECTED);
  });

  it('should list the import in the history and open its report from there', async () => {
    const view = await importView();
    // The contract says "user name or key label"; a session's label may be the email.
    expect([itUser.name, itUser.email]).toContain(view.created_by);

    await step('imports-history', async (page) => {
      await signIn(page);
      await page.locator('[data-sidebar-item="imports"]').click();
      const row = page.locator(`[data-testid="import-row-${importId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('completed');
      const text = await textOf(row);
      expect(text).toContain(FILENAME);
      expect(text).toContain(view.created_by);
      expect(text).toContain(`${ROWS - REJECTED} / ${REJECTED} / ${BLOCKED}`);
      // The history is a list with a status filter (statuses in words) and an export.
      const status = page.locator('[data-testid="import-status-filter"]');
      expect(await status.locator('option[value="validated"]').textContent()).toBe('waiting for review');
      await status.selectOption('failed');
      await expect.poll(() => row.count()).toBe(0);
      await status.selectOption('completed');
      await row.waitFor();
      expect(await page.getByRole('button', { name: 'Export' }).isEnabled()).toBe(true);
      await row.click();
      await page.waitForURL(new RegExp(`#/imports/${importId}$`));
      await page.locator('[data-testid="import-report"]').waitFor();
      expect(await textOf(page.locator('[data-testid="report-total"]'))).toBe(String(ROWS));
    });
  });

  it('should label which counts are rows and which are accounts, and name warning kinds in words', async () => {
    // Arranged over the API: a file with a repeated account, a new account without a phone and a credit balance.
    const prefix = `CNT-${RUN}`;
    const csv = [
      'account_id,phone,state,balance',
      `${prefix}-1,(212) 555-0141,NY,10`,
      `${prefix}-2,,NY,20`,
      `${prefix}-3,(212) 555-0143,NY,-35.50`,
      `${prefix}-1,(212) 555-0144,NY,12`,
    ].join('\n');
    const uploaded = await http.upload(
      '/api/v1/imports',
      { name: 'counts.csv', content: csv },
      { target: 'accounts' },
      { cookie: itCookie },
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const id: string = uploaded.body.id;
    await http.put(
      `/api/v1/imports/${id}/mapping`,
      { mapping: { account_id: 'account_id', phone_number: 'phone', state: 'state', balance: 'balance' } },
      { cookie: itCookie },
    );
    expect((await http.post(`/api/v1/imports/${id}/confirm`, {}, { cookie: itCookie })).status).toBe(202);
    await expect
      .poll(async () => (await http.get(`/api/v1/imports/${id}`, { cookie: itCookie })).body.status, {
        timeout: 30_000,
      })
      .toBe('completed');

    await step('imports-report-counts', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/imports/${id}`);
      const shown = page.locator('[data-testid="import-report"]');
      await shown.waitFor({ timeout: 30_000 });
      const text = await textOf(shown);
      for (const label of [
        'Rows in the file',
        'Valid rows',
        'Rejected rows',
        'Rows repeating an account',
        'Accounts in the file',
        'Accounts added',
        'Credit balance (a negative balance)',
      ])
        expect(text).toContain(label);
      expect(await textOf(page.locator('[data-testid="report-rows-sentence"]'))).toBe(
        '4 rows = 3 valid + 1 rejected. Blocked rows and repeated rows are among the valid ones.',
      );
      expect(await textOf(page.locator('[data-testid="report-records-sentence"]'))).toBe(
        '2 accounts = 3 valid rows − 1 repeating an account (the last valid row of each account is applied). 2 added + 0 updated + 0 unchanged = 2 accounts.',
      );
      expect(text).not.toContain('credit_balance');
      await shot(page, 'imports-report-counts');
    });
  });

  it("should import the previous dialer's contact history through the same wizard, and warn about recent contacts without any", async () => {
    // Three accounts of the tenant: one whose history the file brings, two contacted yesterday with none.
    const tenantId = itUser.tenantId!;
    const ids = [`HIS-${RUN}-1`, `HIS-${RUN}-2`, `HIS-${RUN}-3`];
    for (const [index, id] of ids.entries()) {
      await t.db.query(
        `INSERT INTO account (tenant_id, account_id, phone_number, state, last_contact_at, fact_sources) VALUES ($1, $2, $3, 'NY', now() - interval '1 day', '{}')`,
        [tenantId, id, `+1212555${String(7000 + index)}`],
      );
    }
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const csv = [
      'account_id,channel,occurred_at,disposition,call_id',
      `${ids[0]},voice,${hoursAgo(30)},No Answer,c-${RUN}-1`,
      `${ids[0]},voice,${hoursAgo(20)},Left Message,c-${RUN}-2`,
      `${ids[0]},sms,${hoursAgo(10)},STOP,c-${RUN}-3`,
    ].join('\n');

    await step('imports-contact-history', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/imports/new`);
      await page.locator('[data-testid="import-dropzone"]').waitFor();
      await page.locator('[data-testid="import-target"]').selectOption('contact_history');
      expect(await textOf(page.locator('[data-testid="import-target"] option:checked'))).toBe(
        "Contact history (the previous dialer's log)",
      );
      await page
        .locator('[data-testid="import-file"]')
        .setInputFiles({ name: `dialer-log-${RUN}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('[data-testid="import-upload"]').click();
      await page.waitForURL(/#\/imports\/[0-9a-f-]{36}$/);
      // Every field of a history row is suggested from the headers (call_id is the event id's alias).
      for (const field of ['account_id', 'channel', 'occurred_at', 'disposition', 'event_id'])
        await expect.poll(() => statusOf(page, field)).toBe('mapped');
      await expect
        .poll(() => page.locator('[data-testid="mapping-save-state"]').getAttribute('data-state'), { timeout: 10_000 })
        .toBe('saved');
      const checks = page.locator('[data-testid="preview-checks"]');
      await expect.poll(() => checks.getAttribute('data-checked'), { timeout: 10_000 }).toBe('3');
      expect(await checks.getAttribute('data-failing')).toBe('0');
      await page.locator('[data-testid="import-confirm"]').click();
      await page.locator('[data-testid="import-apply"]').click({ timeout: 30_000 });

      const shown = page.locator('[data-testid="import-report"]');
      await shown.waitFor({ timeout: 30_000 });
      expect(await textOf(page.locator('[data-testid="report-history-file"]'))).toBe(
        'This file brought contacts for 1 account; 1 account got an opt-out from it.',
      );
      expect(await textOf(page.locator('[data-testid="report-history-accounts"]'))).toBe(
        '1 account carries imported contact history: the gate counts those contacts toward its caps.',
      );
      const warning = await textOf(page.locator('[data-testid="report-history-warning"]'));
      expect(warning).toContain('2 accounts were contacted in the last 7 days');
      expect(warning).toContain(ids[1]);
      expect(warning).toContain(ids[2]);
      // Contacts are not scanned by the rules: no chart of blocks for them.
      expect(await page.locator('[data-testid="blocks-chart"]').count()).toBe(0);
      expect(await textOf(shown)).toContain('Contacts added');
    });

    const ledger = await t.db.query(
      `SELECT channel, outcome, source FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 ORDER BY at`,
      [tenantId, ids[0]],
    );
    expect(ledger).toEqual([
      { channel: 'voice', outcome: 'no_answer', source: 'import' },
      { channel: 'voice', outcome: 'voicemail', source: 'import' },
      { channel: 'sms', outcome: 'opt_out', source: 'import' },
    ]);
  });

  it('should cancel at the review stop and say that nothing was applied', async () => {
    // Arranged over the API: a small file, mapped and confirmed for review.
    const prefix = `CXL-${RUN}`;
    const csv = ['account_id,phone,state', ...[1, 2, 3].map((row) => `${prefix}-${row},(212) 555-010${row},NY`)].join(
      '\n',
    );
    const uploaded = await http.upload(
      '/api/v1/imports',
      { name: 'cancel-me.csv', content: csv },
      { target: 'accounts' },
      { cookie: itCookie },
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const id: string = uploaded.body.id;
    const mapped = await http.put(
      `/api/v1/imports/${id}/mapping`,
      { mapping: { account_id: 'account_id', phone_number: 'phone', state: 'state' } },
      { cookie: itCookie },
    );
    expect(mapped.status, mapped.text).toBe(200);
    const confirmed = await http.post(`/api/v1/imports/${id}/confirm`, { review: true }, { cookie: itCookie });
    expect(confirmed.status, confirmed.text).toBe(202);

    await step('imports-cancelled', async (page) => {
      await signIn(page);
      await page.goto(`${t.baseUrl}/#/imports/${id}`);
      await page.locator('[data-testid="import-apply"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="import-cancel"]').click();
      const cancelled = page.locator('[data-testid="import-cancelled"]');
      await cancelled.waitFor();
      expect(await textOf(cancelled)).toContain('nothing was applied');
      expect(await page.locator('[data-testid="import-apply"]').count()).toBe(0);
    });

    const view = await http.get(`/api/v1/imports/${id}`, { cookie: itCookie });
    expect(view.body.status).toBe('cancelled');
    expect(await importedAccounts(prefix)).toBe(0);
  });
});
