import type { INestApplicationContext } from '@nestjs/common';
import { PLATFORM_OPERATOR, RoleId } from '@floor-os/personas';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, ROOT, SHOTS, signIn, step as runStep } from './support/browser';
import { startApp, TestApp, testConfig } from '../../api/test/support/app';
import { makeUser } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import { AdminChangesService } from '../../api/src/admin-changes/admin-changes.service';
import {
  DEMO_TENANT,
  demoLogins,
  MENTOR_EMAIL,
  OPERATOR_EMAIL,
  seedDemo,
  seedGateHistory,
} from '../../api/src/cli/seed-demo';
import { seedContactHistory } from '../../api/src/cli/seed-contact-history';
import { seedReportHistory } from '../../api/src/cli/seed-report-history';
import { GateService } from '../../api/src/gate/gate.service';
import { ImportRunner } from '../../api/src/imports/import-runner';
import { ImportsService } from '../../api/src/imports/imports.service';
import { FoldService } from '../../api/src/reports/fold.service';
import { WeeklyReviewService } from '../../api/src/reports/weekly-review.service';
import { Tenant } from '../../api/src/tenants/tenant.entity';
import { startWorker } from '../../api/src/worker';
import { DECISION_RULE_IDS as RULE_IDS } from '@floor-os/contracts';

/** The window people use the panel in. */
const VIEWPORT = { width: 1280, height: 800 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A word joined by underscores (`would_block`, `tenant_admin`): a key of the code, not a word of a sentence. */
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
/** Internal keys that use hyphens or dots, which the pattern above cannot tell from prose. */
const KNOWN_KEYS =
  /\b(?:data-quality|[a-z]+\.(?:read|write|manage|open|switch|sign|resolve|record|assign|annotate|minutes))\b/g;
/**
 * An upper-case code (`CONTACT_DESPITE_BLOCK`, `LOW_MATCH`). The gate's rule ids are the one code people are
 * shown on purpose: they are the rule catalogue's names, cited beside each rule's text and statute.
 */
const CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const RULE_CODES: ReadonlySet<string> = new Set(RULE_IDS);
/** A page that refused or failed instead of showing what the sidebar offered. */
const REFUSED =
  /Access denied|You don't have the right permissions|Page not found|Something went wrong|could not load/i;

/** A page the walk opens: its sidebar item (or what it is) and the hash path. */
interface Stop {
  name: string;
  path: string;
}

/**
 * Every persona's pages as people see them: the demo's data, the built bundle served by the real API with a
 * queue worker, in Debian's Chromium at 1280 × 800. Each persona (the platform operator across tenants and
 * inside one, and the course's mentor too) signs in and opens every sidebar item and one detail page of each
 * list it has; on every page: no horizontal scroll, no UUID-shaped text, no internal key or code shown as a
 * word, no refusal, no failing call, console error or page error. The screenshots stay under
 * test-results/browser as `walk-<persona>-<page>.png`, the findings of a failed walk beside them.
 */
describe('every persona’s pages in Chromium', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let context: BrowserContext;
  const details = new Map<string, Stop>();

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    // The demo as `npm run demo` seeds it: personas and portfolio, the previous dialer's log (applied here,
    // before the worker starts, as the demo does), a round of live checks, then two weeks of traffic with
    // disputes and a stored weekly review.
    await seedDemo(t.db, t.app.get(AdminChangesService), DEMO_PASSWORD);
    await seedContactHistory(t.db, t.app.get(ImportsService), t.app.get(ImportRunner));
    worker = await startWorker(testConfig());
    await seedGateHistory(t.db, t.app.get(GateService));
    await seedReportHistory(t.db, t.app.get(FoldService), t.app.get(WeeklyReviewService));

    // An offboarding case: HR opens one for an agent of the demo manager's team who leaves with three
    // accounts still in the queue.
    const http = new Http(t.baseUrl);
    const acme = await t.db.getRepository(Tenant).findOneByOrFail({ slug: DEMO_TENANT });
    const [manager] = await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [`manager@${DEMO_TENANT}.demo`]);
    const [open] = await t.db.query(`SELECT id FROM offboarding_case WHERE tenant_id = $1 LIMIT 1`, [acme.id]);
    if (!open) {
      const leaver = await makeUser(t.db, acme, ['agent'], {
        name: 'Jordan Ellis',
        email: `jordan.ellis@${DEMO_TENANT}.demo`,
        managerId: manager.id,
        agentCode: 'AG-3003',
      });
      await t.db.query(
        `UPDATE account SET assigned_agent_id = $2, assigned_at = now() - interval '2 days' WHERE tenant_id = $1 AND account_id IN ('ACME-0041', 'ACME-0042', 'ACME-0043')`,
        [acme.id, leaver.id],
      );
      const hr = await http.login(`hr@${DEMO_TENANT}.demo`, DEMO_PASSWORD);
      const lastDay = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const opened = await http.post(
        '/api/v1/offboarding',
        { user_id: leaver.id, reason: 'Moving to another agency at the end of the month', last_day: lastDay },
        { cookie: hr },
      );
      expect(opened.status, opened.text).toBe(201);
    }

    // One detail page per list: the rows people open most (a would-block decision that was disputed, its account).
    const one = async (sql: string, params: unknown[] = [acme.id]) => {
      const [row] = await t.db.query(sql, params);
      expect(row, sql).toBeTruthy();
      return String(row.id);
    };
    const disputed = await t.db.query(
      `SELECT a.id, a.audit_id, e.account_id FROM decision_annotation a JOIN compliance_event_log e ON e.audit_id = a.audit_id
        WHERE a.tenant_id = $1 AND e.would_block ORDER BY a.created_at DESC LIMIT 1`,
      [acme.id],
    );
    expect(disputed).toHaveLength(1);
    details.set('audit_trail', {
      name: 'decision',
      path: `/decisions/${encodeURIComponent(disputed[0].audit_id)}/show`,
    });
    details.set('disputes', { name: 'dispute', path: `/disputes/${disputed[0].id}/show` });
    details.set('accounts', { name: 'account', path: `/accounts/${encodeURIComponent(disputed[0].account_id)}/show` });
    details.set('imports', {
      name: 'import',
      path: `/imports/${await one(`SELECT id FROM import_job WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1`)}`,
    });
    details.set('offboarding', {
      name: 'offboarding-case',
      path: `/offboarding/${await one(`SELECT id FROM offboarding_case WHERE tenant_id = $1 LIMIT 1`)}/show`,
    });
    details.set('weekly_review', {
      name: 'weekly-review',
      path: `/weekly-review/${await one(`SELECT id FROM report_snapshot WHERE tenant_id = $1 AND kind = 'weekly_review' ORDER BY week_start DESC LIMIT 1`)}`,
    });
    details.set('users', {
      name: 'user',
      path: `/users/${await one(`SELECT id FROM app_user WHERE email = $1`, [`agent@${DEMO_TENANT}.demo`])}/show`,
    });
    details.set('tenants', { name: 'tenant', path: `/tenants/${acme.id}/show` });
    details.set('onboarding', { name: 'checklist', path: `/onboarding/${acme.id}` });
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await worker?.close();
    await t?.close();
  });

  /** Console errors (a failing call shows as one) and uncaught page errors, from the page's first request. */
  function watch(page: Page): { errors: string[]; settle: () => Promise<void> } {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400)
        errors.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
    let inFlight = 0;
    let quietSince = Date.now();
    page.on('request', () => {
      inFlight++;
      quietSince = Date.now();
    });
    const finished = () => {
      inFlight = Math.max(0, inFlight - 1);
      quietSince = Date.now();
    };
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);
    /**
     * Waits until the page has its data: no request under way for half a second, no spinner or skeleton, and
     * the same text twice in a row (a screen fetched as a chunk of its own renders after its request ends).
     */
    const settle = async () => {
      const started = Date.now();
      let last = '';
      while (Date.now() < started + 20_000) {
        await page.waitForTimeout(200);
        const spinning = await page
          .locator(
            '.MuiCircularProgress-root:visible, .MuiSkeleton-root:visible, .MuiLinearProgress-indeterminate:visible',
          )
          .count();
        const text = await page.evaluate(() => document.body.innerText);
        if (
          inFlight === 0 &&
          Date.now() - quietSince > 500 &&
          spinning === 0 &&
          text === last &&
          Date.now() - started > 800
        )
          return;
        last = text;
      }
    };
    return { errors, settle };
  }

  /** What is wrong with the page as shown now, each finding prefixed by where. */
  async function inspect(page: Page, where: string): Promise<string[]> {
    const seen = await page.evaluate(() => {
      const width = window.innerWidth;
      const describe = (node: Element) =>
        `${node.tagName.toLowerCase()}${node.getAttribute('data-testid') ? `[data-testid=${node.getAttribute('data-testid')}]` : ''}.${String(node.className).split(' ').slice(0, 2).join('.')}`;
      // The outermost elements that reach past the window's right edge: where a horizontal scroll comes from.
      const wide = [...document.querySelectorAll('body *')]
        .filter(
          (node) =>
            node.getBoundingClientRect().right > width + 1 &&
            !(node.parentElement && node.parentElement.getBoundingClientRect().right > width + 1),
        )
        .slice(0, 3)
        .map(describe);
      return { scrollWidth: document.scrollingElement!.scrollWidth, width, text: document.body.innerText, wide };
    });
    const problems: string[] = [];
    if (seen.scrollWidth > seen.width)
      problems.push(`scrolls sideways: ${seen.scrollWidth} px in ${seen.width} px (${seen.wide.join(', ')})`);
    const uuid = seen.text.match(UUID);
    if (uuid) problems.push(`shows an id: ${around(seen.text, uuid.index!)}`);
    const refused = seen.text.match(REFUSED);
    if (refused) problems.push(`refuses or fails: ${around(seen.text, refused.index!)}`);
    // Email addresses and web addresses hold underscores of their own; a deep link template's {{placeholders}} are the tenant's to edit.
    const prose = seen.text
      .replace(/\S+@\S+/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\{\{[^}]*\}\}/g, ' ');
    for (const match of new Set([...prose.matchAll(SNAKE_CASE), ...prose.matchAll(KNOWN_KEYS)].map((m) => m[0]))) {
      problems.push(`shows a key: ${match} (${around(prose, prose.indexOf(match))})`);
    }
    for (const code of new Set([...prose.matchAll(CODE)].map((m) => m[0]))) {
      if (!RULE_CODES.has(code)) problems.push(`shows a code: ${code} (${around(prose, prose.indexOf(code))})`);
    }
    return problems.map((problem) => `${where}: ${problem}`);
  }

  function around(text: string, index: number): string {
    return JSON.stringify(text.slice(Math.max(0, index - 40), index + 60).replace(/\s+/g, ' '));
  }

  async function sidebarItems(page: Page): Promise<string[]> {
    await page.locator('[data-sidebar-item]').first().waitFor();
    return page
      .locator('[data-sidebar-item]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-sidebar-item') ?? ''));
  }

  /**
   * Signs in (optionally switches into the demo tenant), then opens every sidebar item by clicking it, one
   * detail page per list and the extra stops; answers every problem found, so one run reports them all.
   */
  async function walk(
    persona: string,
    email: string,
    options: { switchTo?: string; extra?: Stop[]; sidebarHas?: string[] } = {},
  ): Promise<void> {
    const problems: string[] = [];
    await runStep(context, `walk-${persona}`, async (page) => {
      await page.setViewportSize(VIEWPORT);
      const { errors, settle } = watch(page);
      const visit = async (name: string, open: () => Promise<void>) => {
        errors.length = 0;
        await open();
        await settle();
        problems.push(
          ...(await inspect(page, `${persona} ${name}`)),
          ...errors.map((error) => `${persona} ${name}: ${error}`),
        );
        await page.screenshot({ path: join(SHOTS, `walk-${persona}-${name}.png`), fullPage: true });
      };

      await visit('sign-in', async () => {
        await page.goto(`${t.baseUrl}/#/login`);
        await page.locator('input[name="email"]').waitFor();
      });
      await signIn(page, t.baseUrl, email);
      if (options.switchTo) {
        await page.locator('[data-testid="tenant-switcher"]').click();
        await page.getByRole('option', { name: new RegExp(options.switchTo) }).click();
        await page.locator('[data-testid="pilot-badge"]').waitFor({ timeout: 20_000 });
      }
      const items = await sidebarItems(page);
      for (const wanted of options.sidebarHas ?? [])
        if (!items.includes(wanted)) problems.push(`${persona}: no sidebar item ${wanted} (has ${items.join(', ')})`);
      for (const item of items) {
        await visit(item.replace(/_/g, '-'), async () => {
          await page.locator(`[data-sidebar-item="${item}"]`).click();
        });
        const detail = details.get(item);
        if (detail) await visit(detail.name, () => page.goto(`${t.baseUrl}/#${detail.path}`));
      }
      for (const stop of options.extra ?? []) await visit(stop.name, () => page.goto(`${t.baseUrl}/#${stop.path}`));
    });
    // The whole list beside the screenshots, where a failure's truncated diff cannot show it.
    writeFileSync(join(SHOTS, `walk-${persona}-problems.txt`), problems.join('\n'));
    expect(problems).toEqual([]);
  }

  const tenantLogins = demoLogins().filter((login) => login.role !== PLATFORM_OPERATOR);

  it.each(tenantLogins.map((login) => [login.role, login.email] as [RoleId, string]))(
    'should show %s pages that fit, in words, without ids or errors',
    async (role, email) => {
      await walk(role, email);
    },
    300_000,
  );

  it('should show the platform operator’s pages across tenants that fit, in words, without ids or errors', async () => {
    await walk('platform-operator', OPERATOR_EMAIL);
  }, 300_000);

  it('should show the platform operator switched into the demo tenant every page, the import wizard among them (course task T7)', async () => {
    await walk('platform-operator-in-tenant', OPERATOR_EMAIL, {
      switchTo: 'Acme Collections',
      sidebarHas: ['imports'],
      extra: [{ name: 'import-wizard', path: '/imports/new' }],
    });
  }, 300_000);

  it('should take the mentor to the operator course from the sidebar, where the trainee’s checkpoints are signed', async () => {
    await walk('mentor', MENTOR_EMAIL, { sidebarHas: ['mentoring'] });
  }, 300_000);
});
