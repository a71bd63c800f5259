import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import type { User } from '../../api/src/users/user.entity';

/** The first load's JavaScript budget (issue: a light first load): what the sign-in page transfers, compressed. */
const BUDGET_BYTES = 350 * 1024;

interface Script {
  url: string;
  /** The body as it came over the wire (compressed when the server compressed it). */
  bytes: number;
  encoding: string | null;
  cacheControl: string | null;
}

/** Records every script the page fetches from now on; `settled()` waits for their bodies to be counted. */
function recordScripts(page: Page) {
  const pending: Promise<Script>[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .request()
        .sizes()
        .then(async (sizes) => {
          const headers = await response.allHeaders();
          return {
            url: new URL(response.url()).pathname,
            bytes: sizes.responseBodySize,
            encoding: headers['content-encoding'] ?? null,
            cacheControl: headers['cache-control'] ?? null,
          };
        }),
    );
  });
  return { settled: () => Promise.all(pending) };
}

/** The panel as a new visitor loads it: the built bundle, served by the real API, in Debian's Chromium. */
describe('the first load in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;
  let itUser: User;
  let importId = '';

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    const tenant = await makeTenant(t.db, { slug: unique('first-load').toLowerCase() });
    itUser = await makeUser(t.db, tenant, ['it']);
    const http = new Http(t.baseUrl);
    const cookie = await http.login(itUser.email, PASSWORD);
    const upload = await http.upload(
      '/api/v1/imports',
      { name: 'first-load.csv', content: 'account_id,phone,state\nFL-1,2125550123,NY\n' },
      {},
      { cookie },
    );
    expect(upload.status, upload.text).toBe(201);
    importId = upload.body.id;
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);

  it('should load the sign-in page with at most 350 KB of JavaScript, compressed and cached by content hash', async () => {
    await step('first-load-sign-in', async (page) => {
      const scripts = recordScripts(page);
      await page.goto(`${t.baseUrl}/#/login`);
      await page.locator('input[name="email"]').waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      const loaded = await scripts.settled();

      const total = loaded.reduce((sum, script) => sum + script.bytes, 0);
      const listing = loaded
        .map((script) => `${script.url} ${script.bytes} B ${script.encoding ?? 'identity'}`)
        .join('\n');
      // Kept beside the screenshots: what the first load carried, script by script.
      writeFileSync(
        join(SHOTS, 'first-load-scripts.json'),
        JSON.stringify({ total_bytes: total, budget_bytes: BUDGET_BYTES, scripts: loaded }, null, 2),
      );
      expect(loaded.length, listing).toBeGreaterThan(0);
      expect(total, `first-load JavaScript ${(total / 1024).toFixed(1)} KB:\n${listing}`).toBeLessThanOrEqual(
        BUDGET_BYTES,
      );
      for (const script of loaded) {
        expect(script.url, listing).toMatch(/^\/assets\/[^/]+-[\w-]{8}\.js$/);
        // Compressed, except a file so small that the build wrote no compressed copy of it.
        if (script.bytes >= 1024) expect(['br', 'gzip'], listing).toContain(script.encoding);
        expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
      }
    });
  });

  it("should open a deep link to an import's page as a first load, its screen fetched after the entry", async () => {
    await step('first-load-deep-link', async (page) => {
      await signInAs(page, t.baseUrl, itUser.email, PASSWORD);
      // A new document, not a hash change: what a bookmark or a link in a message does.
      await page.goto('about:blank');
      const scripts = recordScripts(page);
      await page.goto(`${t.baseUrl}/#/imports/${importId}`);
      await page.locator('[data-testid="import-preview"]').waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');

      const loaded = await scripts.settled();
      expect(
        loaded.some((script) => /\/ImportWizardPage-[\w-]{8}\.js$/.test(script.url)),
        loaded.map((s) => s.url).join('\n'),
      ).toBe(true);
    });
  });
});
